import { LRUCache } from 'lru-cache'
import type { Db } from '../db/index.js'
import { shopToday } from '../domain/shop-date.js'
import { dayNumber, type ItemFacts, type OrderFacts } from '../ml/features.js'
import { createPredictor, type Prediction, type Predictor, type StoredModel } from '../ml/predict.js'
import type { OrderRecord } from '../ml/train.js'
import { createMlDataRepository, type HistoryTotals, type ShopRecord } from '../repositories/ml-data.js'
import { createMlRegistryRepository } from '../repositories/ml-registry.js'
import { CustomerErrors } from './customers.errors.js'
import { MlErrors } from './ml.errors.js'
import { WorkOrderErrors } from './work-orders.errors.js'
import type { OrderEstimate } from './work-orders.js'

/** The order a prediction is about, to take it out of its source's record and the shop's backlog. */
interface OwnDates {
  dateIn: string
  dateCompleted: string | null
  cancelled: boolean
}
/** Whose record an order is judged by; an existing order leaves itself out (excludeId, own). */
export interface Who {
  customerId: number | null
  sourceId: number | null
  excludeId?: number
  own?: OwnDates
}

/** How long the shop's record as of a day (backlog, every source's record) is reused on an instance. */
export const SHOP_RECORD_TTL_MS = 60_000

/** How long an instance serves its cached model before checking the registry again (NOTIFY is faster). */
export const ACTIVE_MODEL_CHECK_MS = 30_000

/** An order as the work order screen loads it. */
export interface EstimatedOrder extends Omit<OrderFacts, 'items'> {
  id: number
  dateCompleted: string | null
  status: string
  customerId: number
  customer: { sourceId: number | null }
  items: (Omit<ItemFacts, 'description'> & { description: string })[]
}

function factsOf(o: EstimatedOrder): OrderFacts {
  return {
    dateIn: o.dateIn,
    dateRequired: o.dateRequired,
    rush: o.rush,
    firmRush: o.firmRush,
    repairsNeeded: o.repairsNeeded,
    isCushion: o.isCushion,
    storageTime: o.storageTime,
    specialInstructions: o.specialInstructions,
    items: o.items.map((i) => ({
      description: i.description,
      material: i.material,
      quantity: i.quantity,
      squareFeet: i.squareFeet,
      sizeText: i.sizeText,
      condition: i.condition ?? null,
      color: i.color ?? null,
    })),
  }
}

const ownOf = (r: OrderRecord): OwnDates => ({
  dateIn: r.facts.dateIn,
  dateCompleted: r.dateCompleted,
  cancelled: r.status === 'cancelled',
})

/** A draft order as the prediction form sends it. */
export interface DraftOrder extends Omit<OrderFacts, 'dateIn'> {
  dateIn?: string | undefined
  customerId?: number | undefined
}

export interface PredictionResult extends Prediction {
  model: { id: number; trainedAt: Date }
  asOf: string
}

/**
 * Serves the active model on every instance: cached in memory, re-checked against the registry every
 * ACTIVE_MODEL_CHECK_MS and at once when an activation is announced (`invalidate`).
 */
export function createPredictionService(deps: {
  db: Db
  timeZone: string
  log?: { warn(obj: object, msg: string): void }
  /** Records the estimate shown on a newly created order (src/services/ml-snapshots.ts). */
  onCreatedEstimate?: (workOrderId: number, result: PredictionResult) => Promise<void>
}) {
  const data = createMlDataRepository(deps.db)
  const registry = createMlRegistryRepository(deps.db)
  let cached: { predictor: Predictor | undefined; checkedAt: number } = { predictor: undefined, checkedAt: 0 }
  let loading: Promise<Predictor | undefined> | undefined

  async function load(): Promise<Predictor | undefined> {
    const id = await registry.activeId()
    if (id === undefined) return undefined
    if (cached.predictor?.modelId === id) return cached.predictor
    const row = await registry.withParameters(id)
    if (!row) return undefined
    return createPredictor(row as unknown as StoredModel)
  }

  async function active(): Promise<Predictor | undefined> {
    if (Date.now() - cached.checkedAt < ACTIVE_MODEL_CHECK_MS) return cached.predictor
    // Single flight: concurrent requests after expiry share one registry read.
    loading ??= load()
      .then((predictor) => {
        cached = { predictor, checkedAt: Date.now() }
        return predictor
      })
      .finally(() => {
        loading = undefined
      })
    return loading
  }

  // A source's record can span thousands of orders, and the backlog counts the whole shop: both are read
  // for every source at once, once per day and minute on an instance (dropped on this instance's writes,
  // single flight when several predictions miss together), and the predicted order's own share is taken
  // out, by the same rules as the statement's subqueries they replace.
  const shop = new LRUCache<string, ShopRecord>({
    max: 1000,
    ttl: SHOP_RECORD_TTL_MS,
    fetchMethod: (asOf) => data.shopRecord(asOf),
  })

  function backlogWithout(backlog: number, asOf: string, own: OwnDates | undefined) {
    const counted =
      own !== undefined &&
      !own.cancelled &&
      own.dateIn < asOf &&
      (own.dateCompleted === null || own.dateCompleted >= asOf)
    return counted ? Math.max(backlog - 1, 0) : backlog
  }

  function sourceWithout(t: HistoryTotals, asOf: string, own: OwnDates | undefined): HistoryTotals {
    if (!own) return t
    let { past, total, done } = t
    if (own.dateIn < asOf) past--
    if (own.dateCompleted !== null && own.dateCompleted < asOf) {
      total = (total ?? 0) - (dayNumber(own.dateCompleted) - dayNumber(own.dateIn))
      done--
    }
    // Never below zero: a record read a minute ago may predate the order (written on another instance).
    return { past: Math.max(past, 0), total: done > 0 ? total : null, done: Math.max(done, 0) }
  }

  /** The order's context as predictions see it (a test holds it equal to the training rows'). */
  async function contextOf(who: Who, asOf: string, items?: readonly ItemFacts[]) {
    // Without its own facts an existing order's share is unknown: the statement counts everything instead.
    const record = who.excludeId !== undefined && !who.own ? undefined : await shop.fetch(asOf)
    const source = who.sourceId === null ? undefined : record?.sources.get(who.sourceId)
    return data.context({
      items,
      customerId: who.customerId,
      sourceId: who.sourceId,
      excludeId: who.excludeId,
      asOf,
      backlog: record && backlogWithout(record.backlog, asOf, who.own),
      // A source with no orders yet is absent from the map: its record is empty.
      sourceTotals:
        record && who.sourceId !== null
          ? sourceWithout(source ?? { past: 0, total: null, done: 0 }, asOf, who.own)
          : undefined,
    })
  }

  async function predictWith(
    predictor: Predictor,
    facts: OrderFacts,
    who: Who,
    asOf = shopToday(deps.timeZone),
  ): Promise<PredictionResult> {
    const today = asOf
    const context = await contextOf(who, today, facts.items)
    return {
      ...predictor.predict(facts, context, today),
      model: { id: predictor.modelId, trainedAt: predictor.trainedAt },
      asOf: today,
    }
  }

  return {
    contextOf,

    /** Drop cached source records (after a write on this instance). */
    invalidateHistory() {
      shop.clear()
    },

    /** Forget the cached model: the next prediction reads the registry (after an activation). */
    invalidate() {
      cached = { predictor: undefined, checkedAt: 0 }
    },

    async activeModelId() {
      return (await active())?.modelId
    },

    /** A draft order (the quote form): the customer's record as of today. */
    async predictDraft(draft: DraftOrder): Promise<PredictionResult> {
      const { customerId, dateIn, ...rest } = draft
      let sourceId: number | null = null
      if (customerId !== undefined) {
        const found = await data.customerSource(customerId)
        if (found === undefined) throw CustomerErrors.notFound(customerId)
        sourceId = found
      }
      const predictor = await active()
      if (!predictor) throw MlErrors.noModel()
      const facts: OrderFacts = { ...rest, dateIn: dateIn ?? shopToday(deps.timeZone) }
      return predictWith(predictor, facts, { customerId: customerId ?? null, sourceId })
    },

    /** An existing order, as of today (its own row left out of its customer's record and the backlog). */
    async predictOrder(workOrderNo: number): Promise<PredictionResult> {
      const record = await data.record(workOrderNo)
      if (!record) throw WorkOrderErrors.notFound(workOrderNo)
      const predictor = await active()
      if (!predictor) throw MlErrors.noModel()
      return predictWith(predictor, record.facts, {
        customerId: record.customerId,
        sourceId: record.sourceId,
        excludeId: record.id,
        own: ownOf(record),
      })
    },

    /** A loaded record as of a day (the nightly snapshot); undefined when no model is active. */
    async predictRecord(record: OrderRecord, asOf: string): Promise<PredictionResult | undefined> {
      const predictor = await active()
      if (!predictor) return undefined
      return predictWith(
        predictor,
        record.facts,
        {
          customerId: record.customerId,
          sourceId: record.sourceId,
          excludeId: record.id,
          own: ownOf(record),
        },
        asOf,
      )
    },

    /**
     * For the work order screen: the estimate of an open order, nulls for a closed one or without a
     * model. Never fails the screen: a prediction error is logged and shown as no estimate.
     */
    async estimate(order: EstimatedOrder, opts: { created?: boolean } = {}): Promise<OrderEstimate> {
      const none = { estimatedCompletion: null, predictedPrice: null }
      if (order.status === 'completed' || order.status === 'cancelled') return none
      try {
        const predictor = await active()
        if (!predictor) return none
        const result = await predictWith(predictor, factsOf(order), {
          customerId: order.customerId,
          sourceId: order.customer.sourceId,
          excludeId: order.id,
          own: { dateIn: order.dateIn, dateCompleted: order.dateCompleted, cancelled: false },
        })
        // The prediction shown when the order was entered is kept, to be scored when it completes.
        if (opts.created)
          await deps.onCreatedEstimate?.(order.id, result).catch((err: unknown) => {
            deps.log?.warn({ err }, 'could not record the prediction shown at creation')
          })
        return { estimatedCompletion: result.estimatedCompletion, predictedPrice: result.price.predicted }
      } catch (err) {
        deps.log?.warn({ err }, 'could not estimate the work order')
        return none
      }
    },
  }
}

export type PredictionService = ReturnType<typeof createPredictionService>
