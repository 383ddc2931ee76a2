// The model library sits behind this small interface, so the training code does not care which one it
// runs and the linear model is always there to fall back on.
import { BoostedModel, type BoostedModelJson, type BoostedOptions } from './boosted.js'
import { LinearModel, type LinearModelJson } from './linear.js'

export type Algorithm = 'linear' | 'boosted'
/** log1p suits a positive, right-skewed target with multiplicative effects (turnaround); identity suits a sum (price). */
export type Transform = 'identity' | 'log1p'

export interface Regressor {
  predict(row: readonly number[]): number
}

export type AlgorithmJson = LinearModelJson | BoostedModelJson
export interface ModelJson {
  transform: Transform
  model: AlgorithmJson
}

const forward = (t: Transform, y: number) => (t === 'log1p' ? Math.log1p(Math.max(0, y)) : y)
const inverse = (t: Transform, y: number) => (t === 'log1p' ? Math.expm1(y) : y)

class TransformedModel implements Regressor {
  constructor(
    private readonly transform: Transform,
    private readonly inner: LinearModel | BoostedModel,
  ) {}
  predict(row: readonly number[]): number {
    return inverse(this.transform, this.inner.predict(row))
  }
  toJSON(): ModelJson {
    return { transform: this.transform, model: this.inner.toJSON() }
  }
}

export function fitModel(
  algorithm: Algorithm,
  transform: Transform,
  x: readonly number[][],
  y: readonly number[],
  boosted: Partial<BoostedOptions> = {},
): Regressor & { toJSON(): ModelJson } {
  const ty = y.map((v) => forward(transform, v))
  const inner = algorithm === 'linear' ? LinearModel.fit(x, ty) : BoostedModel.fit(x, ty, boosted)
  return new TransformedModel(transform, inner)
}

export function loadModel(json: ModelJson): Regressor {
  const inner =
    json.model.algorithm === 'linear' ? LinearModel.load(json.model) : BoostedModel.load(json.model)
  return new TransformedModel(json.transform, inner)
}
