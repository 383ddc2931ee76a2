import {
  dateOfDay,
  dayNumber,
  FEATURE_NAMES,
  featureVector,
  type OrderContext,
  type OrderFacts,
} from './features.js'
import { loadModel, type ModelJson, type Regressor } from './models/index.js'
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
  model: Record<Target, ModelJson>
}

const round = (x: number, digits: number) => Math.round(x * 10 ** digits) / 10 ** digits

export function createPredictor(stored: StoredModel): Predictor {
  if (stored.featureNames.join() !== FEATURE_NAMES.join())
    throw new RangeError(`model ${stored.id} was trained on other features; retrain it`)
  const models: Record<Target, Regressor> = {
    days: loadModel(stored.model.days),
    price: loadModel(stored.model.price),
  }
  const estimate = (target: Target, x: number[], digits: number): Estimate => {
    const predicted = Math.max(0, models[target].predict(x))
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
      const days = estimate('days', x, 1)
      const done = dayNumber(order.dateIn) + Math.ceil(days.predicted)
      return {
        days,
        price: estimate('price', x, 2),
        estimatedCompletion: dateOfDay(Math.max(done, dayNumber(today))),
      }
    },
  }
}
