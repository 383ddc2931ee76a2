import {
  dateOfDay,
  dayNumber,
  FEATURE_NAMES,
  featureVector,
  type OrderContext,
  type OrderFacts,
} from './features.js'
import { type ItemPriceJson, ItemPriceModel } from './item-price.js'
import { loadModel, type ModelJson } from './models/index.js'
import type { Target, TargetReport } from './train.js'

/** A stored model, ready to answer: its fitted targets and the holdout residual intervals. */
export interface Predictor {
  modelId: number
  trainedAt: Date
  predict(order: OrderFacts, context: OrderContext, today: string): Prediction
}

export interface Estimate {
  predicted: number
  /** From the holdout residual quantiles: the range 80% of the holdout's actual values fell in. */
  interval: { level: number; low: number; high: number }
}
export interface Prediction {
  days: Estimate
  price: Estimate
  /** Date in + predicted days (rounded up); never before today for an order still open. */
  estimatedCompletion: string
}

type StoredTarget = Pick<TargetReport, 'interval'>
export interface StoredModel {
  id: number
  trainedAt: Date
  featureNames: string[]
  metrics: Record<Target, StoredTarget>
  model: Record<Target, ModelJson | ItemPriceJson>
}

/** How a target's model answers: from the order's feature vector, or (item-level) from its items. */
type TargetModel = (order: OrderFacts, context: OrderContext, x: number[]) => number
function targetModel(json: ModelJson | ItemPriceJson): TargetModel {
  if ('kind' in json && json.kind === 'item') {
    const model = ItemPriceModel.load(json)
    return (order, context) => model.predictOrder(order, context.pricing)
  }
  const model = loadModel(json as ModelJson)
  return (_order, _context, x) => model.predict(x)
}

const round = (x: number, digits: number) => Math.round(x * 10 ** digits) / 10 ** digits

export function createPredictor(stored: StoredModel): Predictor {
  if (stored.featureNames.join() !== FEATURE_NAMES.join())
    throw new RangeError(`model ${stored.id} was trained on other features; retrain it`)
  const models: Record<Target, TargetModel> = {
    days: targetModel(stored.model.days),
    price: targetModel(stored.model.price),
  }
  const estimate = (
    target: Target,
    order: OrderFacts,
    context: OrderContext,
    x: number[],
    digits: number,
  ): Estimate => {
    const predicted = Math.max(0, models[target](order, context, x))
    const { level, low, high } = stored.metrics[target].interval
    return {
      predicted: round(predicted, digits),
      interval: {
        level,
        low: round(Math.max(0, predicted + low), digits),
        high: round(predicted + high, digits),
      },
    }
  }
  return {
    modelId: stored.id,
    trainedAt: stored.trainedAt,
    predict(order, context, today) {
      const x = featureVector(order, context)
      const days = estimate('days', order, context, x, 1)
      const done = dayNumber(order.dateIn) + Math.ceil(days.predicted)
      return {
        days,
        price: estimate('price', order, context, x, 2),
        estimatedCompletion: dateOfDay(Math.max(done, dayNumber(today))),
      }
    },
  }
}
