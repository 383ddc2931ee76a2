// Training, pure and synchronous: records in, fitted models and honest holdout metrics out. It runs in a
// worker thread (src/ml/worker.ts) so the server keeps answering while it works.
import type { MlConfig } from '../models/ml.js'
import { dayNumber, FEATURE_NAMES, featureVector, type OrderContext, type OrderFacts } from './features.js'
import { DatedOrders, indexBy } from './history.js'
import { type Metrics, metrics, quantile } from './metrics.js'
import { type Algorithm, fitModel, type ModelJson, type Transform } from './models/index.js'

export type TrainingConfig = MlConfig
export type Target = 'days' | 'price'
export const TARGETS: readonly Target[] = ['days', 'price']

/** One work order as the registry's loader reads it from the database. */
export interface OrderRecord {
  id: number
  customerId: number
  sourceId: number | null
  status: string
  dateCompleted: string | null
  /** Σ quantity × unit price; null when an item has no price yet. */
  price: number | null
  facts: OrderFacts
}

export interface TrainingRow {
  id: number
  dateIn: string
  x: number[]
  days: number | null
  price: number | null
}

export interface TargetReport {
  algorithm: Algorithm
  transform: Transform
  /** The chosen model on the holdout (the newest 20% by date in), fitted on the older 80%. */
  metrics: Metrics
  /** Predicting the training mean for every holdout row: what the model has to beat. */
  naive: Metrics
  candidates: { algorithm: Algorithm; metrics: Metrics }[]
  /** Candidates that could not be fitted (the linear model then stands in). */
  failed?: { algorithm: Algorithm; error: string }[]
  /** Rows with this target; the stored model is refitted on all of them. */
  samples: number
  holdoutFrom: string
  /** Holdout residual (actual − predicted) quantiles: the prediction interval. */
  interval: { level: number; low: number; high: number }
  model: ModelJson
}

export interface TrainingResult {
  config: TrainingConfig
  featureNames: string[]
  /** Completed orders (turnaround rows). */
  samples: number
  targets: Record<Target, TargetReport>
}

export const HOLDOUT_SHARE = 0.2
export const INTERVAL_LEVEL = 0.8
const TRANSFORMS: Record<Target, Transform> = { days: 'log1p', price: 'identity' }

/** The context of each record as of its own date in (nothing from later leaks into a training row). */
export function trainingRows(records: readonly OrderRecord[]): TrainingRow[] {
  const dated = records.map((r) => ({
    id: r.id,
    customerId: r.customerId,
    sourceId: r.sourceId,
    dayIn: dayNumber(r.facts.dateIn),
    dayCompleted: r.dateCompleted === null ? null : dayNumber(r.dateCompleted),
    cancelled: r.status === 'cancelled',
  }))
  const shop = new DatedOrders(dated)
  const byCustomer = indexBy(dated, (o) => o.customerId)
  const bySource = indexBy(dated, (o) => o.sourceId)
  return records.map((r, i) => {
    const d = dated[i] as (typeof dated)[number]
    const context: OrderContext = {
      customer: byCustomer.get(r.customerId)?.historyAsOf(d.dayIn) ?? { pastOrders: 0, meanTurnaround: null },
      source:
        r.sourceId === null
          ? null
          : (bySource.get(r.sourceId)?.historyAsOf(d.dayIn) ?? { pastOrders: 0, meanTurnaround: null }),
      backlog: shop.openAsOf(d.dayIn),
    }
    const days =
      r.status === 'completed' && d.dayCompleted !== null && d.dayCompleted >= d.dayIn
        ? d.dayCompleted - d.dayIn
        : null
    const price = r.status !== 'cancelled' && r.facts.items.length > 0 ? r.price : null
    return { id: r.id, dateIn: r.facts.dateIn, x: featureVector(r.facts, context), days, price }
  })
}

const CANDIDATES: Record<TrainingConfig, Algorithm[]> = {
  baseline: ['linear'],
  boosted: ['boosted'],
  auto: ['linear', 'boosted'],
}

function trainTarget(rows: readonly TrainingRow[], target: Target, config: TrainingConfig): TargetReport {
  const usable = rows
    .filter((r) => r[target] !== null)
    .sort((a, b) => (a.dateIn < b.dateIn ? -1 : a.dateIn > b.dateIn ? 1 : a.id - b.id))
  const cut = Math.floor(usable.length * (1 - HOLDOUT_SHARE))
  const train = usable.slice(0, cut)
  const holdout = usable.slice(cut)
  if (train.length < 2 || holdout.length < 1) throw new RangeError(`too few rows to train ${target}`)
  const y = (rs: readonly TrainingRow[]) => rs.map((r) => r[target] as number)
  const trainY = y(train)
  const holdoutY = y(holdout)
  const mean = trainY.reduce((a, b) => a + b, 0) / trainY.length
  const naive = metrics(
    holdoutY,
    holdoutY.map(() => mean),
  )
  const transform = TRANSFORMS[target]
  const attempt = (algorithm: Algorithm) => {
    const model = fitModel(
      algorithm,
      transform,
      train.map((r) => r.x),
      trainY,
    )
    const predicted = holdout.map((r) => model.predict(r.x))
    const m = metrics(holdoutY, predicted)
    // A model that cannot be measured (NaN, infinite predictions) is a failed candidate.
    if (!Number.isFinite(m.mae) || !Number.isFinite(m.rmse))
      throw new Error(`${algorithm} predicted non-finite values`)
    return { algorithm, metrics: m, predicted }
  }
  const tried: ReturnType<typeof attempt>[] = []
  const failed: { algorithm: Algorithm; error: string }[] = []
  for (const algorithm of CANDIDATES[config]) {
    try {
      tried.push(attempt(algorithm))
    } catch (err) {
      failed.push({ algorithm, error: err instanceof Error ? err.message : String(err) })
    }
  }
  // The linear model is the fallback whenever the configured ones could not be fitted.
  if (tried.length === 0) tried.push(attempt('linear'))
  const best = tried.reduce((a, b) => (b.metrics.mae < a.metrics.mae ? b : a))
  const residuals = holdoutY.map((v, i) => v - (best.predicted[i] as number))
  const tail = (1 - INTERVAL_LEVEL) / 2
  const model = fitModel(
    best.algorithm,
    transform,
    usable.map((r) => r.x),
    y(usable),
  )
  return {
    algorithm: best.algorithm,
    transform,
    metrics: best.metrics,
    naive,
    candidates: tried.map(({ algorithm, metrics }) => ({ algorithm, metrics })),
    ...(failed.length ? { failed } : {}),
    samples: usable.length,
    holdoutFrom: (holdout[0] as TrainingRow).dateIn,
    interval: { level: INTERVAL_LEVEL, low: quantile(residuals, tail), high: quantile(residuals, 1 - tail) },
    model: model.toJSON(),
  }
}

/** Fits each target with the configured algorithm(s); `auto` keeps, per target, the lower holdout MAE. */
export function train(records: readonly OrderRecord[], config: TrainingConfig): TrainingResult {
  const rows = trainingRows(records)
  return {
    config,
    featureNames: [...FEATURE_NAMES],
    samples: rows.filter((r) => r.days !== null).length,
    targets: {
      days: trainTarget(rows, 'days', config),
      price: trainTarget(rows, 'price', config),
    },
  }
}

/** Completed orders usable as turnaround rows: what the minimum-sample rule counts. */
export function completedSamples(records: readonly OrderRecord[]): number {
  return records.filter(
    (r) => r.status === 'completed' && r.dateCompleted !== null && r.dateCompleted >= r.facts.dateIn,
  ).length
}
