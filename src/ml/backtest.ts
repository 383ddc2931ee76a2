// The backtest (issue 19): train on what was known before `from` (orders completed before it), then predict
// every order that came in within [from, to] as of its own date in (the backlog, the customer's record and
// the catalog prices as they were that day, from the recorded dates), and score the predictions against
// what happened, beside the naive baseline (the training mean). How a shop checks the model on its own
// history before trusting it.
import { type Metrics, metrics } from './metrics.js'
import { createPredictor } from './predict.js'
import {
  type OrderRecord,
  TARGETS,
  type Target,
  type TrainingConfig,
  type TrainingResult,
  train,
  trainingRows,
} from './train.js'

export interface BacktestRow {
  id: number
  dateIn: string
  actualDays: number | null
  predictedDays: number
  daysLow: number
  daysHigh: number
  actualPrice: number | null
  predictedPrice: number
  priceLow: number
  priceHigh: number
}

export interface BacktestReport {
  from: string
  to: string
  config: TrainingConfig
  /** Orders completed before `from`: the turnaround rows trained on. */
  trainedOn: number
  algorithms: Record<Target, string>
  /** Per target over the window's orders with a known outcome: the model and the naive baseline. */
  scores: Record<Target, { model: Metrics; naive: Metrics } | null>
  rows: BacktestRow[]
}

/** The shop's records as they stood on the morning of `day`: later completions and prices unknown. */
export function recordsAsOf(records: readonly OrderRecord[], day: string): OrderRecord[] {
  return records
    .filter((r) => r.facts.dateIn < day)
    .map((r) => {
      const done = r.status === 'completed' && r.dateCompleted !== null && r.dateCompleted < day
      if (done || r.status === 'cancelled') return r
      return {
        ...r,
        status: 'in_progress',
        dateCompleted: null,
        price: null,
        unitPrices: r.unitPrices?.map(() => null),
      }
    })
}

const isDay = (s: string) => /^\d{4}-\d{2}-\d{2}$/.test(s) && !Number.isNaN(Date.parse(s))

export function backtest(
  records: readonly OrderRecord[],
  opts: { from: string; to: string; config: TrainingConfig },
): BacktestReport {
  const { from, to, config } = opts
  if (!isDay(from) || !isDay(to) || to < from)
    throw new RangeError('--from and --to must be dates, from <= to')
  const known = recordsAsOf(records, from)
  const result: TrainingResult = train(known, config)
  const predictor = createPredictor({
    id: 0,
    trainedAt: new Date(0),
    featureNames: result.featureNames,
    metrics: result.targets,
    model: { days: result.targets.days.model, price: result.targets.price.model },
  })
  const window = trainingRows(records).filter((r) => r.dateIn >= from && r.dateIn <= to)
  const rows: BacktestRow[] = window.map((r) => {
    const p = predictor.predict(r.facts, r.context, r.dateIn)
    return {
      id: r.id,
      dateIn: r.dateIn,
      actualDays: r.days,
      predictedDays: p.days.predicted,
      daysLow: p.days.interval.low,
      daysHigh: p.days.interval.high,
      actualPrice: r.price,
      predictedPrice: p.price.predicted,
      priceLow: p.price.interval.low,
      priceHigh: p.price.interval.high,
    }
  })
  // The naive baseline predicts the mean of what was known before `from`.
  const trainingY = (t: Target) =>
    trainingRows(known)
      .map((r) => r[t])
      .filter((v): v is number => v !== null)
  const score = (t: Target) => {
    const scored = rows.filter((r) => (t === 'days' ? r.actualDays : r.actualPrice) !== null)
    const ys = trainingY(t)
    if (!scored.length || !ys.length) return null
    const actual = scored.map((r) => (t === 'days' ? r.actualDays : r.actualPrice) as number)
    const predicted = scored.map((r) => (t === 'days' ? r.predictedDays : r.predictedPrice))
    const mean = ys.reduce((a, b) => a + b, 0) / ys.length
    return {
      model: metrics(actual, predicted),
      naive: metrics(
        actual,
        actual.map(() => mean),
      ),
    }
  }
  return {
    from,
    to,
    config,
    trainedOn: result.samples,
    algorithms: {
      days: `${result.targets.days.algorithm}/${result.targets.days.transform}`,
      price: `${result.targets.price.algorithm}/${result.targets.price.transform}`,
    },
    scores: Object.fromEntries(TARGETS.map((t) => [t, score(t)])) as BacktestReport['scores'],
    rows,
  }
}
