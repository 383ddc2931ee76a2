// The item-level price model (issue 19): a shop prices pieces, and an order's price is their sum. One row
// per priced item; the target is log(unit price) relative to the year's list-price level and, for a piece
// priced before, relative to that earlier price (deflated the same way), so a returning piece costs "what
// it cost last time, moved by the list-price change" unless the features say otherwise. The order's price is
// Σ quantity × unit price, then the order-level rule the data shows (large orders are discounted), learned
// as a factor per band of the summed prediction.
import type { PreviousPrice } from './catalog-history.js'
import {
  dayNumber,
  type ItemFacts,
  MATERIAL_GROUPS,
  materialGroup,
  type OrderFacts,
  type PricingContext,
  weightLbs,
} from './features.js'
import { BoostedModel, type BoostedOptions } from './models/boosted.js'
import { loadModel, type ModelJson, type Regressor } from './models/index.js'
import { CONDITION_GROUPS, conditionGroups, PRODUCT_FAMILIES, productFamily, SOURCE_TYPES } from './pieces.js'
import { fitPriceIndex, logLevel, type PriceIndexJson, type PricePair } from './price-index.js'

export const ITEM_FEATURE_NAMES: readonly string[] = [
  'sqft',
  'log_sqft',
  'has_area',
  'weight_lbs',
  'quantity',
  ...MATERIAL_GROUPS.map((g) => `material_${g}`),
  ...PRODUCT_FAMILIES.map((f) => `product_${f}`),
  ...CONDITION_GROUPS.map((c) => `condition_${c}`),
  'condition_heavy',
  'rush',
  'firm_rush',
  'repairs_needed',
  'storage_seasonal',
  'storage_temporary',
  'order_items',
  'order_quantity',
  'order_log_sqft',
  ...SOURCE_TYPES.map((t) => `source_${t}`),
  'has_previous_price',
  'previous_log_price_deflated',
  'years_since_previous',
  'previous_rush',
  'previous_firm_rush',
]

const yearOf = (date: string) => Number(date.slice(0, 4))
const flag = (b: boolean) => (b ? 1 : 0)

/** log(previous price) at the list-price level of its year: the offset the model predicts around. */
function previousOffset(prev: PreviousPrice | null, index: PriceIndexJson): number {
  return prev ? Math.log(prev.price) - logLevel(index, yearOf(prev.dateIn)) : 0
}

interface OrderTotals {
  items: number
  quantity: number
  logSqft: number
}
function totals(order: OrderFacts): OrderTotals {
  let quantity = 0
  let sqft = 0
  for (const it of order.items) {
    quantity += Math.max(0, it.quantity)
    sqft += Math.max(0, it.quantity) * (it.squareFeet ?? 0)
  }
  return { items: order.items.length, quantity, logSqft: Math.log1p(sqft) }
}

/** The features of one item of an order, in ITEM_FEATURE_NAMES order. */
export function itemFeatures(
  order: OrderFacts,
  item: ItemFacts,
  prev: PreviousPrice | null,
  pricing: PricingContext | undefined,
  index: PriceIndexJson,
  t: OrderTotals = totals(order),
): number[] {
  const sqft = item.squareFeet ?? 0
  const material = materialGroup(item.material)
  const product = productFamily(item.description, item.material)
  const conditions = conditionGroups(item.condition)
  const source = pricing?.sourceType ?? null
  const v = [
    sqft,
    Math.log1p(sqft),
    flag(item.squareFeet !== null),
    weightLbs(item.sizeText) ?? 0,
    item.quantity,
    ...MATERIAL_GROUPS.map((g) => flag(g === material)),
    ...PRODUCT_FAMILIES.map((f) => flag(f === product)),
    ...CONDITION_GROUPS.map((c) => flag(conditions.has(c))),
    flag(/heavy/i.test(item.condition ?? '')),
    flag(order.rush),
    flag(order.firmRush),
    flag(order.repairsNeeded),
    flag(order.storageTime === 'seasonal'),
    flag(order.storageTime === 'temporary'),
    t.items,
    t.quantity,
    t.logSqft,
    ...SOURCE_TYPES.map((s) => flag(s === source)),
    flag(prev !== null),
    previousOffset(prev, index),
    prev ? (dayNumber(order.dateIn) - dayNumber(prev.dateIn)) / 365.25 : 0,
    flag(prev?.rush ?? false),
    flag(prev?.firmRush ?? false),
  ]
  if (v.length !== ITEM_FEATURE_NAMES.length) throw new Error('item features and names out of step')
  return v
}

/** A priced order as the item model trains on it: each item's unit price (all of them known). */
export interface PricedOrder {
  facts: OrderFacts
  pricing: PricingContext | undefined
  unitPrices: readonly number[]
}

export interface ItemPriceJson {
  kind: 'item'
  featureNames: string[]
  index: PriceIndexJson
  model: ModelJson
  /** The order-level rule: a factor per band of the summed item prediction (upper edges; last is open). */
  calibration: { edges: number[]; factors: number[] }
}

/**
 * Item rows outnumber orders about 2:1; half of them per tree keeps the fit within the training budget
 * (50k orders, both targets, auto < 30 s; docs/ML.md) at no measured cost in holdout MAE.
 */
export const ITEM_BOOSTED: Partial<BoostedOptions> = { subsample: 0.5 }
const CALIBRATION_BANDS = 8
const MIN_BAND_ORDERS = 30

/** Pieces priced in two different years, neither with rush: how the list-price level moved. */
function pricePairs(orders: readonly PricedOrder[]): PricePair[] {
  const pairs: PricePair[] = []
  for (const o of orders) {
    if (o.facts.rush || o.facts.firmRush) continue
    o.facts.items.forEach((_it, k) => {
      const prev = o.pricing?.previous[k] ?? null
      const price = o.unitPrices[k] as number
      if (!prev || prev.rush || prev.firmRush || !(price > 0)) return
      pairs.push({
        fromYear: yearOf(prev.dateIn),
        toYear: yearOf(o.facts.dateIn),
        logRatio: Math.log(price) - Math.log(prev.price),
      })
    })
  }
  return pairs
}

export class ItemPriceModel {
  private constructor(
    private readonly index: PriceIndexJson,
    private readonly regressor: Regressor,
    private readonly calibration: { edges: number[]; factors: number[] },
    private readonly modelJson: ModelJson,
  ) {}

  static fit(
    orders: readonly PricedOrder[],
    options: Partial<BoostedOptions> = ITEM_BOOSTED,
  ): ItemPriceModel {
    const index = fitPriceIndex(pricePairs(orders))
    const x: number[][] = []
    const y: number[] = []
    /** Per order, per item: its training row, or -1 (no price, no quantity: predicted afresh below). */
    const rowOf: number[][] = []
    for (const o of orders) {
      const t = totals(o.facts)
      const level = logLevel(index, yearOf(o.facts.dateIn))
      rowOf.push(
        o.facts.items.map((it, k) => {
          const price = o.unitPrices[k] as number
          if (!(price > 0) || !(it.quantity > 0)) return -1
          const prev = o.pricing?.previous[k] ?? null
          x.push(itemFeatures(o.facts, it, prev, o.pricing, index, t))
          y.push(Math.log(price) - level - previousOffset(prev, index))
          return x.length - 1
        }),
      )
    }
    if (x.length < 2) throw new RangeError('too few priced items to train the item-level price model')
    const { model: boosted, fitted } = BoostedModel.fitWithPredictions(x, y, options)
    const modelJson: ModelJson = { transform: 'identity', model: boosted.toJSON() }
    const raw = new ItemPriceModel(index, boosted, { edges: [], factors: [1] }, modelJson)
    // The order-level rule, from the training orders: Σ actual / Σ predicted per band of the prediction.
    // In-sample predictions come from the boosting itself (the same values, without walking the trees again).
    const sums = orders.map((o, i) => {
      const rows = rowOf[i] as number[]
      const level = logLevel(index, yearOf(o.facts.dateIn))
      const afresh = rows.some((r) => r < 0) ? raw.unitPrices(o.facts, o.pricing) : []
      let predicted = 0
      o.facts.items.forEach((it, k) => {
        const r = rows[k] as number
        const prev = o.pricing?.previous[k] ?? null
        const unit =
          r < 0
            ? (afresh[k] as number)
            : Math.exp((fitted[r] as number) + level + previousOffset(prev, index))
        predicted += Math.max(0, it.quantity) * unit
      })
      return {
        predicted,
        actual: o.facts.items.reduce((s, it, k) => s + it.quantity * (o.unitPrices[k] as number), 0),
      }
    })
    sums.sort((a, b) => a.predicted - b.predicted)
    const edges: number[] = []
    const factors: number[] = []
    const per = Math.max(MIN_BAND_ORDERS, Math.ceil(sums.length / CALIBRATION_BANDS))
    for (let start = 0; start < sums.length; start += per) {
      const band = sums.slice(start, start + per)
      const p = band.reduce((s, b) => s + b.predicted, 0)
      const a = band.reduce((s, b) => s + b.actual, 0)
      factors.push(p > 0 && band.length >= MIN_BAND_ORDERS ? a / p : 1)
      edges.push((band.at(-1) as { predicted: number }).predicted)
    }
    edges.pop() // the last band is open above
    return new ItemPriceModel(index, boosted, { edges, factors: factors.length ? factors : [1] }, modelJson)
  }

  static load(json: ItemPriceJson): ItemPriceModel {
    if (json.featureNames.join() !== ITEM_FEATURE_NAMES.join())
      throw new RangeError('the item-level price model was trained on other features; retrain it')
    return new ItemPriceModel(json.index, loadModel(json.model), json.calibration, json.model)
  }

  /** Each item's predicted unit price. */
  unitPrices(order: OrderFacts, pricing: PricingContext | undefined): number[] {
    const t = totals(order)
    const level = logLevel(this.index, yearOf(order.dateIn))
    return order.items.map((it, k) => {
      const prev = pricing?.previous[k] ?? null
      const x = itemFeatures(order, it, prev, pricing, this.index, t)
      return Math.exp(this.regressor.predict(x) + level + previousOffset(prev, this.index))
    })
  }

  private sumOfItems(order: OrderFacts, pricing: PricingContext | undefined): number {
    const units = this.unitPrices(order, pricing)
    return order.items.reduce((s, it, k) => s + Math.max(0, it.quantity) * (units[k] as number), 0)
  }

  /** The order's price: Σ quantity × unit price, times the factor of its band. */
  predictOrder(order: OrderFacts, pricing: PricingContext | undefined): number {
    const sum = this.sumOfItems(order, pricing)
    const { edges, factors } = this.calibration
    let b = 0
    while (b < edges.length && sum > (edges[b] as number)) b++
    return sum * (factors[b] ?? 1)
  }

  toJSON(): ItemPriceJson {
    return {
      kind: 'item',
      featureNames: [...ITEM_FEATURE_NAMES],
      index: this.index,
      model: this.modelJson,
      calibration: this.calibration,
    }
  }
}
