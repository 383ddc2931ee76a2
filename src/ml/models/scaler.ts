/** Per-column mean and standard deviation of the training features. */
export interface Scaler {
  mean: number[]
  std: number[]
}

export function fitScaler(x: readonly number[][]): Scaler {
  const cols = x[0]?.length ?? 0
  const mean = new Array<number>(cols).fill(0)
  const std = new Array<number>(cols).fill(0)
  for (const row of x) for (let j = 0; j < cols; j++) mean[j] = (mean[j] as number) + (row[j] as number)
  for (let j = 0; j < cols; j++) mean[j] = (mean[j] as number) / Math.max(1, x.length)
  for (const row of x)
    for (let j = 0; j < cols; j++)
      std[j] = (std[j] as number) + ((row[j] as number) - (mean[j] as number)) ** 2
  for (let j = 0; j < cols; j++) std[j] = Math.sqrt((std[j] as number) / Math.max(1, x.length))
  return { mean, std }
}

/** Standardized row; a constant column (std 0) becomes 0 rather than NaN. */
export function scale(s: Scaler, row: readonly number[]): number[] {
  return row.map((v, j) => {
    const sd = s.std[j] as number
    return sd > 0 ? (v - (s.mean[j] as number)) / sd : 0
  })
}
