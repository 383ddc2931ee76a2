/** Holdout quality of one target: mean absolute error, root mean squared error, R² (1 − SSE/SST). */
export interface Metrics {
  mae: number
  rmse: number
  r2: number
  /** How many holdout rows they were measured on. */
  n: number
}

export function metrics(actual: readonly number[], predicted: readonly number[]): Metrics {
  const n = actual.length
  if (n === 0 || n !== predicted.length) throw new RangeError('metrics need equal, non-empty series')
  const mean = actual.reduce((a, b) => a + b, 0) / n
  let abs = 0
  let sse = 0
  let sst = 0
  for (let i = 0; i < n; i++) {
    const y = actual[i] as number
    const e = y - (predicted[i] as number)
    abs += Math.abs(e)
    sse += e * e
    sst += (y - mean) ** 2
  }
  return { mae: abs / n, rmse: Math.sqrt(sse / n), r2: sst === 0 ? 0 : 1 - sse / sst, n }
}

/** The q-quantile (0..1) of values, linearly interpolated between order statistics. */
export function quantile(values: readonly number[], q: number): number {
  if (values.length === 0) throw new RangeError('quantile of nothing')
  const xs = [...values].sort((a, b) => a - b)
  const pos = (xs.length - 1) * Math.min(1, Math.max(0, q))
  const lo = Math.floor(pos)
  const hi = Math.ceil(pos)
  return (xs[lo] as number) + ((xs[hi] as number) - (xs[lo] as number)) * (pos - lo)
}

/** Rounded for reports and logs. */
export function roundMetrics(m: Metrics, digits = 3): Metrics {
  const f = 10 ** digits
  const r = (x: number) => Math.round(x * f) / f
  return { mae: r(m.mae), rmse: r(m.rmse), r2: r(m.r2), n: m.n }
}
