// Training, pure and synchronous: records in, fitted models and honest holdout metrics out. It runs in a
// worker thread (src/ml/worker.ts) so the server keeps answering while it works.
import type { MlConfig } from '../models/ml.js'
import { previousPricesAsOf } from './catalog-history.js'
import {
  dayNumber,
  FEATURE_NAMES,
  featureVector,
  type OrderContext,
  type OrderFacts,
  type PricingContext,
} from './features.js'
import { DatedOrders, indexBy } from './history.js'
import { type ItemPriceJson, ItemPriceModel, type PricedOrder } from './item-price.js'
import { type Metrics, metrics, quantile } from './metrics.js'
import { type Algorithm, fitModel, type ModelJson, type Transform } from './models/index.js'
import { sourceType } from './pieces.js'

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
  /** Each item's unit price (null: not priced yet), aligned with facts.items: the item-level model's target. */
  unitPrices?: (number | null)[] | undefined
  /** The customer's source's name (its trade: sail loft, marina, canvas shop). */
  sourceName?: string | null | undefined
}

export interface TrainingRow {
  id: number
  dateIn: string
  x: number[]
  days: number | null
  price: number | null
  facts: OrderFacts
  pricing: PricingContext
  /** The context the row's features were built from, as of its date in (with `pricing`). */
  context: OrderContext
  /** Every item's unit price when all are known (the item-level model's rows), else null. */
  unitPrices: number[] | null
}

/** A candidate model of a target: the order-level algorithms, or the item-level price model. */
export type CandidateAlgorithm = Algorithm | 'item'

export interface TargetReport {
  algorithm: CandidateAlgorithm
  transform: Transform
  /** The chosen model on the holdout (the newest 20% by date in), fitted on the older 80%. */
  metrics: Metrics
  /** Predicting the training mean for every holdout row: what the model has to beat. */
  naive: Metrics
  candidates: { algorithm: CandidateAlgorithm; transform: Transform; metrics: Metrics }[]
  /** Candidates that could not be fitted (the linear model then stands in). */
  failed?: { algorithm: CandidateAlgorithm; transform: Transform; error: string }[]
  /** Rows with this target; the stored model is refitted on all of them. */
  samples: number
  holdoutFrom: string
  /** Holdout residual (actual − predicted) quantiles: the prediction interval. */
  interval: { level: number; low: number; high: number }
  model: ModelJson | ItemPriceJson
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
  const previous = previousPricesAsOf(
    records.map((r) => ({
      id: r.id,
      customerId: r.customerId,
      dateIn: r.facts.dateIn,
      rush: r.facts.rush,
      firmRush: r.facts.firmRush,
      items: r.facts.items.map((it, k) => ({ ...it, unitPrice: r.unitPrices?.[k] ?? null })),
    })),
  )
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
    const pricing: PricingContext = {
      sourceType: r.sourceName ? sourceType(r.sourceName) : null,
      previous: previous[i] as PricingContext['previous'],
    }
    const days =
      r.status === 'completed' && d.dayCompleted !== null && d.dayCompleted >= d.dayIn
        ? d.dayCompleted - d.dayIn
        : null
    const price = r.status !== 'cancelled' && r.facts.items.length > 0 ? r.price : null
    const units = r.unitPrices
    const unitPrices =
      price !== null && units && units.length === r.facts.items.length && units.every((u) => u !== null)
        ? (units as number[])
        : null
    return {
      id: r.id,
      dateIn: r.facts.dateIn,
      x: featureVector(r.facts, context),
      days,
      price,
      facts: r.facts,
      pricing,
      context: { ...context, pricing },
      unitPrices,
    }
  })
}

interface Candidate {
  algorithm: CandidateAlgorithm
  transform: Transform
}
/**
 * Turnaround tries the log target (multiplicative effects) and the plain one (long stays are additive:
 * storage, repairs); price tries the order-level models and the item-level one.
 */
const CANDIDATES: Record<TrainingConfig, Record<Target, Candidate[]>> = {
  baseline: {
    days: [{ algorithm: 'linear', transform: 'log1p' }],
    price: [{ algorithm: 'linear', transform: 'identity' }],
  },
  boosted: {
    days: [
      { algorithm: 'boosted', transform: 'log1p' },
      { algorithm: 'boosted', transform: 'identity' },
    ],
    price: [{ algorithm: 'boosted', transform: 'identity' }],
  },
  auto: {
    days: [
      { algorithm: 'linear', transform: 'log1p' },
      { algorithm: 'boosted', transform: 'log1p' },
      { algorithm: 'boosted', transform: 'identity' },
    ],
    price: [
      { algorithm: 'linear', transform: 'identity' },
      { algorithm: 'boosted', transform: 'identity' },
      { algorithm: 'item', transform: 'identity' },
    ],
  },
}
const FALLBACK: Record<Target, Candidate> = {
  days: { algorithm: 'linear', transform: 'log1p' },
  price: { algorithm: 'linear', transform: 'identity' },
}

/** A fitted candidate: predicts a row, and serializes for the registry. */
interface Fitted {
  predict(row: TrainingRow): number
  toJSON(): ModelJson | ItemPriceJson
}

function fitCandidate(c: Candidate, rows: readonly TrainingRow[], target: Target): Fitted {
  if (c.algorithm === 'item') {
    const priced: PricedOrder[] = rows
      .filter((r) => r.unitPrices !== null)
      .map((r) => ({ facts: r.facts, pricing: r.pricing, unitPrices: r.unitPrices as number[] }))
    const model = ItemPriceModel.fit(priced)
    return { predict: (r) => model.predictOrder(r.facts, r.pricing), toJSON: () => model.toJSON() }
  }
  const model = fitModel(
    c.algorithm,
    c.transform,
    rows.map((r) => r.x),
    rows.map((r) => r[target] as number),
  )
  return { predict: (r) => model.predict(r.x), toJSON: () => model.toJSON() }
}

/**
 * Which candidate wins: price by holdout MAE (the shop quotes from it); turnaround by MAE and RMSE together
 * (each relative to the best of the candidates), so a fit that is good on typical orders but misses the
 * long stays badly does not win.
 */
function pick<T extends { metrics: Metrics }>(target: Target, tried: T[]): T {
  if (target === 'price') return tried.reduce((a, b) => (b.metrics.mae < a.metrics.mae ? b : a))
  const mae = Math.min(...tried.map((t) => t.metrics.mae))
  const rmse = Math.min(...tried.map((t) => t.metrics.rmse))
  const score = (t: T) => t.metrics.mae / mae + t.metrics.rmse / rmse
  return tried.reduce((a, b) => (score(b) < score(a) ? b : a))
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
  const attempt = (c: Candidate) => {
    const model = fitCandidate(c, train, target)
    const predicted = holdout.map((r) => model.predict(r))
    const m = metrics(holdoutY, predicted)
    // A model that cannot be measured (NaN, infinite predictions) is a failed candidate.
    if (!Number.isFinite(m.mae) || !Number.isFinite(m.rmse))
      throw new Error(`${c.algorithm} predicted non-finite values`)
    return { ...c, metrics: m, predicted }
  }
  const tried: ReturnType<typeof attempt>[] = []
  const failed: (Candidate & { error: string })[] = []
  for (const c of CANDIDATES[config][target]) {
    try {
      tried.push(attempt(c))
    } catch (err) {
      failed.push({ ...c, error: err instanceof Error ? err.message : String(err) })
    }
  }
  // The linear model is the fallback whenever the configured ones could not be fitted.
  if (tried.length === 0) tried.push(attempt(FALLBACK[target]))
  const best = pick(target, tried)
  const residuals = holdoutY.map((v, i) => v - (best.predicted[i] as number))
  const tail = (1 - INTERVAL_LEVEL) / 2
  const model = fitCandidate(best, usable, target)
  return {
    algorithm: best.algorithm,
    transform: best.transform,
    metrics: best.metrics,
    naive,
    candidates: tried.map(({ algorithm, transform, metrics }) => ({ algorithm, transform, metrics })),
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
