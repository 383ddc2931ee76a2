// The shop's list-price level by year, fitted from pieces priced twice (the same catalog piece in two
// different years), and extrapolated past the last year at the average yearly rise: a tree model cannot
// extrapolate a trend past its training data, so the price model learns prices relative to this index.

export interface PricePair {
  fromYear: number
  toYear: number
  /** log(price then) − log(price now) of the same catalog piece, both without rush. */
  logRatio: number
}

export interface PriceIndexJson {
  /** log level by year, for firstYear..lastYear (index 0 = firstYear). */
  firstYear: number
  logLevels: number[]
  /** Average yearly change of the log level, used outside the fitted years. */
  slope: number
}

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b)
  const m = s.length >> 1
  return s.length % 2 ? (s[m] as number) : ((s[m - 1] as number) + (s[m] as number)) / 2
}

/** Least squares on year differences (robust: the median of each year pair, weighted by its count). */
export function fitPriceIndex(pairs: readonly PricePair[]): PriceIndexJson {
  const groups = new Map<string, number[]>()
  for (const p of pairs) {
    if (p.fromYear === p.toYear || !Number.isFinite(p.logRatio)) continue
    const k = `${p.fromYear}:${p.toYear}`
    const g = groups.get(k)
    if (g) g.push(p.logRatio)
    else groups.set(k, [p.logRatio])
  }
  const obs = [...groups].map(([k, g]) => {
    const [a, b] = k.split(':').map(Number) as [number, number]
    return { a, b, d: median(g), w: g.length }
  })
  if (obs.length === 0) return { firstYear: 2000, logLevels: [0], slope: 0 }
  const first = Math.min(...obs.map((o) => o.a))
  const last = Math.max(...obs.map((o) => o.b))
  const n = last - first + 1
  // Normal equations for levels L[1..n-1] (L[0] = 0); a small ridge keeps unconnected years at 0.
  const A = Array.from({ length: n }, () => new Array<number>(n).fill(0))
  const rhs = new Array<number>(n).fill(0)
  const add = (i: number, j: number, v: number) => {
    const row = A[i] as number[]
    row[j] = (row[j] as number) + v
  }
  for (const { a, b, d, w } of obs) {
    const i = a - first
    const j = b - first
    add(i, i, w)
    add(j, j, w)
    add(i, j, -w)
    add(j, i, -w)
    rhs[j] = (rhs[j] as number) + w * d
    rhs[i] = (rhs[i] as number) - w * d
  }
  for (let i = 0; i < n; i++) add(i, i, 1e-6)
  add(0, 0, 1e9) // pins the first year at 0
  const levels = solve(A, rhs)
  const slope = n > 1 ? ((levels[n - 1] as number) - (levels[0] as number)) / (n - 1) : 0
  return { firstYear: first, logLevels: levels, slope }
}

/** Gaussian elimination with partial pivoting (the system is a handful of years). */
function solve(A: number[][], b: number[]): number[] {
  const n = b.length
  const m = A.map((row, i) => [...row, b[i] as number])
  const at = (r: number, c: number) => (m[r] as number[])[c] as number
  for (let c = 0; c < n; c++) {
    let p = c
    for (let r = c + 1; r < n; r++) if (Math.abs(at(r, c)) > Math.abs(at(p, c))) p = r
    ;[m[c], m[p]] = [m[p] as number[], m[c] as number[]]
    for (let r = c + 1; r < n; r++) {
      const f = at(r, c) / at(c, c)
      const row = m[r] as number[]
      for (let k = c; k <= n; k++) row[k] = at(r, k) - f * at(c, k)
    }
  }
  const x = new Array<number>(n).fill(0)
  for (let r = n - 1; r >= 0; r--) {
    let s = at(r, n)
    for (let k = r + 1; k < n; k++) s -= at(r, k) * (x[k] as number)
    x[r] = s / at(r, r)
  }
  return x
}

/** The log price level of a year, extrapolated at the fitted slope outside the fitted years. */
export function logLevel(index: PriceIndexJson, year: number): number {
  const last = index.firstYear + index.logLevels.length - 1
  if (year < index.firstYear) return (index.logLevels[0] as number) - index.slope * (index.firstYear - year)
  if (year > last) return (index.logLevels.at(-1) as number) + index.slope * (year - last)
  return index.logLevels[year - index.firstYear] as number
}
