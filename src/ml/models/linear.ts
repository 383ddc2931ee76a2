import MultivariateLinearRegression from 'ml-regression-multivariate-linear'
import { fitScaler, type Scaler, scale } from './scaler.js'

export interface LinearModelJson {
  algorithm: 'linear'
  scaler: Scaler
  regression: ReturnType<MultivariateLinearRegression['toJSON']>
}

/**
 * Least squares on standardized features (ml-regression). The normal equations are solved through an SVD
 * pseudo-inverse, so collinear or constant columns (a material nobody brought this year) do not blow up.
 */
export class LinearModel {
  private constructor(
    private readonly scaler: Scaler,
    private readonly regression: MultivariateLinearRegression,
  ) {}

  static fit(x: readonly number[][], y: readonly number[]): LinearModel {
    const scaler = fitScaler(x)
    const regression = new MultivariateLinearRegression(
      x.map((row) => scale(scaler, row)),
      y.map((v) => [v]),
      { intercept: true, statistics: false },
    )
    return new LinearModel(scaler, regression)
  }

  static load(json: LinearModelJson): LinearModel {
    return new LinearModel(json.scaler, MultivariateLinearRegression.load(json.regression))
  }

  predict(row: readonly number[]): number {
    return (this.regression.predict(scale(this.scaler, row)) as number[])[0] as number
  }

  toJSON(): LinearModelJson {
    return { algorithm: 'linear', scaler: this.scaler, regression: this.regression.toJSON() }
  }
}
