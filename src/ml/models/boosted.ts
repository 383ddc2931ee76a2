// Gradient-boosted regression trees on binned features (the histogram method of LightGBM and XGBoost's
// `hist`), squared loss. Written here because the npm options failed on this workload (measured in
// docs/ML.md): ml-xgboost's WASM build crashes past ~32k rows × 40 features and installs a process-wide
// uncaughtException handler; ml-cart and ml-random-forest take minutes per tree at 16k rows.

export interface BoostedOptions {
  trees: number
  learningRate: number
  maxDepth: number
  minLeaf: number
  /** L2 penalty on leaf values. */
  lambda: number
  maxBins: number
  /** Share of rows and of features each tree sees. */
  subsample: number
  colsample: number
  seed: number
}

export const DEFAULT_BOOSTED: BoostedOptions = {
  trees: 200,
  learningRate: 0.08,
  maxDepth: 5,
  minLeaf: 20,
  lambda: 1,
  maxBins: 64,
  subsample: 0.8,
  colsample: 0.8,
  seed: 1,
}

/** One tree as flat arrays: node k splits on feature[k] (left iff x < threshold[k]); a leaf has feature -1. */
interface Tree {
  feature: number[]
  threshold: number[]
  left: number[]
  right: number[]
  value: number[]
}

export interface BoostedModelJson {
  algorithm: 'boosted'
  options: BoostedOptions
  base: number
  trees: Tree[]
}

function mulberry32(seed: number): () => number {
  let s = seed >>> 0
  return () => {
    s = (s + 0x6d2b79f5) | 0
    let t = Math.imul(s ^ (s >>> 15), 1 | s)
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}

/** Quantile bin edges of each feature, and every cell's bin (row-major, one byte per cell). */
function binFeatures(x: readonly (readonly number[])[], maxBins: number) {
  const n = x.length
  const p = x[0]?.length ?? 0
  const edges: Float64Array[] = []
  const bins = new Uint8Array(n * p)
  const col = new Float64Array(n)
  for (let f = 0; f < p; f++) {
    for (let i = 0; i < n; i++) col[i] = (x[i] as readonly number[])[f] as number
    const sorted = col.slice().sort()
    const e: number[] = []
    for (let b = 1; b < maxBins; b++) {
      const v = sorted[Math.floor((b * n) / maxBins)] as number
      if (v > (sorted[0] as number) && (e.length === 0 || v > (e[e.length - 1] as number))) e.push(v)
    }
    const fe = Float64Array.from(e)
    for (let i = 0; i < n; i++) {
      const v = col[i] as number
      let lo = 0
      let hi = fe.length
      while (lo < hi) {
        const m = (lo + hi) >> 1
        if (v < (fe[m] as number)) hi = m
        else lo = m + 1
      }
      bins[i * p + f] = lo // number of edges <= v
    }
    edges.push(fe)
  }
  return { edges, bins }
}

function evalTree(t: Tree, row: readonly number[]): number {
  let k = 0
  while ((t.feature[k] as number) >= 0)
    k =
      (row[t.feature[k] as number] as number) < (t.threshold[k] as number)
        ? (t.left[k] as number)
        : (t.right[k] as number)
  return t.value[k] as number
}

export class BoostedModel {
  private constructor(
    private readonly options: BoostedOptions,
    private readonly base: number,
    private readonly trees: Tree[],
  ) {}

  static fit(x: readonly (readonly number[])[], y: readonly number[], opts: Partial<BoostedOptions> = {}) {
    return BoostedModel.fitWithPredictions(x, y, opts).model
  }

  /** Fits, and returns the fitted model's predictions of the training rows (computed while boosting). */
  static fitWithPredictions(
    x: readonly (readonly number[])[],
    y: readonly number[],
    opts: Partial<BoostedOptions> = {},
  ): { model: BoostedModel; fitted: Float64Array } {
    const o = { ...DEFAULT_BOOSTED, ...opts }
    const n = x.length
    const p = x[0]?.length ?? 0
    const rnd = mulberry32(o.seed)
    const { edges, bins } = binFeatures(x, o.maxBins)
    const base = y.reduce((a, b) => a + b, 0) / Math.max(1, n)
    const pred = new Float64Array(n).fill(base)
    const grad = new Float64Array(n)
    const rows = new Uint32Array(n)
    const scratch = new Uint32Array(n)
    const trees: Tree[] = []

    const B = o.maxBins
    // Gradient sums and counts per (feature, bin) of a node's rows: what every split is chosen from.
    interface Histogram {
      sums: Float64Array
      counts: Float64Array
    }
    // Histograms are reused, one pair per depth (a node's children are consumed before its sibling's):
    // allocating them per node made a tenth of the training time garbage collection.
    const newHistogram = (): Histogram => ({ sums: new Float64Array(p * B), counts: new Float64Array(p * B) })
    const root = newHistogram()
    const pool = Array.from({ length: o.maxDepth + 1 }, () => [newHistogram(), newHistogram()] as const)
    for (let t = 0; t < o.trees; t++) {
      for (let i = 0; i < n; i++) grad[i] = (y[i] as number) - (pred[i] as number)
      let m = 0
      for (let i = 0; i < n; i++) if (rnd() < o.subsample) rows[m++] = i
      const feats: number[] = []
      for (let f = 0; f < p; f++)
        if (rnd() < o.colsample && (edges[f] as Float64Array).length > 0) feats.push(f)
      const tree: Tree = { feature: [], threshold: [], left: [], right: [], value: [] }
      /** Each split's bin (left iff bin <= it), the same test as x < threshold on the training rows. */
      const splitBin: number[] = []
      const fs = Int32Array.from(feats)
      const nf = fs.length

      const histogram = (start: number, end: number, into: Histogram): Histogram => {
        const { sums, counts } = into
        sums.fill(0)
        counts.fill(0)
        // The hot loop of training: typed arrays and indexed loops only (measured 1.3-1.5x faster than for-of).
        for (let k = start; k < end; k++) {
          const i = rows[k] as number
          const g = grad[i] as number
          const row = i * p
          for (let j = 0; j < nf; j++) {
            const f = fs[j] as number
            const cell = f * B + (bins[row + f] as number)
            sums[cell] = (sums[cell] as number) + g
            counts[cell] = (counts[cell] as number) + 1
          }
        }
        return { sums, counts }
      }
      // A sibling's histogram is the parent's minus the other child's: only the smaller child is counted.
      const minus = (a: Histogram, b: Histogram, into: Histogram): Histogram => {
        const { sums, counts } = into
        for (const f of feats)
          for (let c = f * B; c < (f + 1) * B; c++) {
            sums[c] = (a.sums[c] as number) - (b.sums[c] as number)
            counts[c] = (a.counts[c] as number) - (b.counts[c] as number)
          }
        return { sums, counts }
      }

      // Rows of a node are the range [start, end) of `rows`, partitioned in place at each split.
      const build = (start: number, end: number, depth: number, hist: Histogram | undefined): number => {
        const id = tree.feature.length
        let sum = 0
        for (let k = start; k < end; k++) sum += grad[rows[k] as number] as number
        const count = end - start
        tree.feature.push(-1)
        tree.threshold.push(0)
        tree.left.push(-1)
        tree.right.push(-1)
        tree.value.push((o.learningRate * sum) / (count + o.lambda))
        splitBin.push(-1)
        if (depth >= o.maxDepth || count < 2 * o.minLeaf) return id
        const h = hist ?? histogram(start, end, root)

        const parentScore = (sum * sum) / (count + o.lambda)
        let bestGain = 1e-12
        let bestFeature = -1
        let bestBin = -1
        for (const f of feats) {
          const nb = (edges[f] as Float64Array).length + 1
          let ls = 0
          let lc = 0
          for (let b = 0; b < nb - 1; b++) {
            ls += h.sums[f * B + b] as number
            lc += h.counts[f * B + b] as number
            const rc = count - lc
            if (lc < o.minLeaf) continue
            if (rc < o.minLeaf) break
            const rs = sum - ls
            const gain = (ls * ls) / (lc + o.lambda) + (rs * rs) / (rc + o.lambda) - parentScore
            if (gain > bestGain) {
              bestGain = gain
              bestFeature = f
              bestBin = b
            }
          }
        }
        if (bestFeature < 0) return id

        // Stable partition: rows with bin <= bestBin go left.
        let l = start
        let r = 0
        for (let k = start; k < end; k++) {
          const i = rows[k] as number
          if ((bins[i * p + bestFeature] as number) <= bestBin) rows[l++] = i
          else scratch[r++] = i
        }
        rows.set(scratch.subarray(0, r), l)
        tree.feature[id] = bestFeature
        tree.threshold[id] = (edges[bestFeature] as Float64Array)[bestBin] as number
        splitBin[id] = bestBin
        let leftHist: Histogram | undefined
        let rightHist: Histogram | undefined
        if (depth + 1 < o.maxDepth) {
          const [intoLeft, intoRight] = pool[depth + 1] as readonly [Histogram, Histogram]
          if (l - start <= end - l) {
            leftHist = histogram(start, l, intoLeft)
            rightHist = minus(h, leftHist, intoRight)
          } else {
            rightHist = histogram(l, end, intoRight)
            leftHist = minus(h, rightHist, intoLeft)
          }
        }
        tree.left[id] = build(start, l, depth + 1, leftHist)
        tree.right[id] = build(l, end, depth + 1, rightHist)
        return id
      }
      build(0, m, 0, undefined)
      trees.push(tree)
      // Every row's new prediction, walked on the bins (typed, cache-friendly) rather than the raw rows.
      const { feature, left, right, value } = tree
      for (let i = 0; i < n; i++) {
        const row = i * p
        let k = 0
        while ((feature[k] as number) >= 0)
          k =
            (bins[row + (feature[k] as number)] as number) <= (splitBin[k] as number)
              ? (left[k] as number)
              : (right[k] as number)
        pred[i] = (pred[i] as number) + (value[k] as number)
      }
    }
    return { model: new BoostedModel(o, base, trees), fitted: pred }
  }

  static load(json: BoostedModelJson): BoostedModel {
    return new BoostedModel(json.options, json.base, json.trees)
  }

  predict(row: readonly number[]): number {
    let s = this.base
    for (const t of this.trees) s += evalTree(t, row)
    return s
  }

  toJSON(): BoostedModelJson {
    return { algorithm: 'boosted', options: this.options, base: this.base, trees: this.trees }
  }
}
