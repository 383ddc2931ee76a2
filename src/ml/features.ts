// The one feature function: training rows and predictions both go through `featureVector`, so what the
// model learns from is exactly what it is asked about (the legacy model fed zeros at prediction time).
import type { StorageTime } from '../models/work-orders.js'
import type { PreviousPrice } from './catalog-history.js'
import type { SourceType } from './pieces.js'

/** An item as the model sees it: no unit price (that would hand it the price it is asked to predict). */
export interface ItemFacts {
  description: string
  material: string | null
  quantity: number
  squareFeet: number | null
  sizeText: string | null
  /** Condition and colour text, for the item-level price model (surcharges; the catalog identity). */
  condition?: string | null | undefined
  color?: string | null | undefined
}

/** What is known about an order when it comes in. Dates are YYYY-MM-DD (shop dates). */
export interface OrderFacts {
  dateIn: string
  dateRequired: string | null
  rush: boolean
  firmRush: boolean
  repairsNeeded: boolean
  isCushion: boolean
  storageTime: StorageTime | null
  specialInstructions: string | null
  items: ItemFacts[]
}

/** A customer's or source's record as of a date: only what had happened before it. */
export interface History {
  pastOrders: number
  /** Mean turnaround (days) of their orders completed before the date; null when none were. */
  meanTurnaround: number | null
}

/** The shop around the order, as of the date the features describe. */
export interface OrderContext {
  customer: History
  /** null when the customer came directly, not through a source. */
  source: History | null
  /** Orders in the shop (entered, not completed, not cancelled). */
  backlog: number
  /** What the item-level price model needs (src/ml/item-price.ts); absent, it prices without history. */
  pricing?: PricingContext | undefined
}

/** The customer's source type and each item's catalog price before the date, aligned with the items. */
export interface PricingContext {
  sourceType: SourceType | null
  previous: (PreviousPrice | null)[]
}

export const MATERIAL_GROUPS = [
  'acrylic',
  'canvas',
  'vinyl',
  'coated',
  'polyester',
  'mesh',
  'nylon',
  'other',
] as const
type MaterialGroup = (typeof MATERIAL_GROUPS)[number]
const WEEKDAYS = ['tue', 'wed', 'thu', 'fri', 'sat', 'sun'] as const // Monday is the reference level

/** Feature names, in the order of the vector; stored with every model so a mismatch is caught at load. */
export const FEATURE_NAMES: readonly string[] = [
  'month_sin',
  'month_cos',
  ...WEEKDAYS.map((d) => `weekday_${d}`),
  'season_spring',
  'season_summer',
  'season_fall',
  'years_since_2000',
  'rush',
  'firm_rush',
  'has_required',
  'days_until_required',
  'item_count',
  'total_quantity',
  'total_sqft',
  'log_total_sqft',
  'unsized_pieces',
  'total_weight_lbs',
  ...MATERIAL_GROUPS.map((g) => `sqft_${g}`),
  'share_sail',
  'share_cushion',
  'repairs_needed',
  'is_cushion',
  'storage_seasonal',
  'storage_temporary',
  'seasonal_in_fall',
  'repairs_log_sqft',
  'instructions_length',
  'customer_past_orders',
  'customer_mean_turnaround',
  'customer_has_history',
  'has_source',
  'source_past_orders',
  'source_mean_turnaround',
  'source_has_history',
  'backlog_open_orders',
]

const DAY_MS = 86_400_000
/** Days since 1970-01-01 of a YYYY-MM-DD date. */
export function dayNumber(date: string): number {
  const n = Date.parse(`${date}T00:00:00Z`)
  if (Number.isNaN(n)) throw new RangeError(`not a date: ${date}`)
  return Math.round(n / DAY_MS)
}
export function dateOfDay(day: number): string {
  return new Date(day * DAY_MS).toISOString().slice(0, 10)
}

/** Which material family an item is made of (the families price and clean differently). */
export function materialGroup(material: string | null): MaterialGroup {
  const m = (material ?? '').toLowerCase()
  if (/sunbrella|acrylic/.test(m)) return 'acrylic'
  if (/stamoid|coated/.test(m)) return 'coated'
  if (/vinyl|pvc/.test(m)) return 'vinyl'
  if (/canvas|cotton/.test(m)) return 'canvas'
  if (/mesh|screen/.test(m)) return 'mesh'
  if (/polyester|dacron/.test(m)) return 'polyester'
  if (/nylon/.test(m)) return 'nylon'
  return 'other'
}

/** The shop's product rule (the analytics use the same): sail words → sail, cushion → cushion, else awning. */
export function productOf(item: Pick<ItemFacts, 'description' | 'material'>): 'sail' | 'cushion' | 'awning' {
  const text = `${item.description} ${item.material ?? ''}`.toLowerCase()
  if (/(sail|jib|genoa|spinnaker|main)/.test(text)) return 'sail'
  if (/cushion/.test(text)) return 'cushion'
  return 'awning'
}

/** A sail's weight from legacy size text (`30#`, `30 lbs`); null when the text is not a weight. */
export function weightLbs(sizeText: string | null): number | null {
  const m = /^\s*(\d+(?:\.\d+)?)\s*(?:#|lbs?\b)/i.exec(sizeText ?? '')
  return m ? Number(m[1]) : null
}

function season(month: number): 'winter' | 'spring' | 'summer' | 'fall' {
  if (month >= 2 && month <= 4) return 'spring'
  if (month >= 5 && month <= 7) return 'summer'
  if (month >= 8 && month <= 10) return 'fall'
  return 'winter'
}

const flag = (b: boolean) => (b ? 1 : 0)

/** The feature vector of an order in its context, in FEATURE_NAMES order. */
export function featureVector(order: OrderFacts, context: OrderContext): number[] {
  const dayIn = dayNumber(order.dateIn)
  const date = new Date(dayIn * DAY_MS)
  const month = date.getUTCMonth()
  const weekday = date.getUTCDay() // 0 = Sunday
  const s = season(month)
  const untilRequired = order.dateRequired === null ? null : dayNumber(order.dateRequired) - dayIn

  let quantity = 0
  let sqft = 0
  let unsized = 0
  let weight = 0
  let sails = 0
  let cushions = 0
  const byMaterial = new Map<MaterialGroup, number>()
  for (const item of order.items) {
    const q = Math.max(0, item.quantity)
    quantity += q
    if (item.squareFeet === null) unsized += q
    else {
      const area = q * item.squareFeet
      sqft += area
      const g = materialGroup(item.material)
      byMaterial.set(g, (byMaterial.get(g) ?? 0) + area)
    }
    weight += q * (weightLbs(item.sizeText) ?? 0)
    const product = productOf(item)
    if (product === 'sail') sails += q
    else if (product === 'cushion') cushions += q
  }
  const share = (n: number) => (quantity > 0 ? n / quantity : 0)
  const { customer, source, backlog } = context

  const v = [
    Math.sin((2 * Math.PI * month) / 12),
    Math.cos((2 * Math.PI * month) / 12),
    ...WEEKDAYS.map((_, k) => flag(weekday === (k + 2) % 7)),
    flag(s === 'spring'),
    flag(s === 'summer'),
    flag(s === 'fall'),
    (dayIn - dayNumber('2000-01-01')) / 365.25,
    flag(order.rush),
    flag(order.firmRush),
    flag(untilRequired !== null),
    untilRequired === null ? 0 : Math.min(365, Math.max(0, untilRequired)),
    order.items.length,
    quantity,
    sqft,
    Math.log1p(sqft),
    unsized,
    weight,
    ...MATERIAL_GROUPS.map((g) => byMaterial.get(g) ?? 0),
    share(sails),
    share(cushions),
    flag(order.repairsNeeded),
    flag(order.isCushion),
    flag(order.storageTime === 'seasonal'),
    flag(order.storageTime === 'temporary'),
    // Long stays (issue 19): seasonal storage held through the fall rush, repairs that scale with size.
    flag(order.storageTime === 'seasonal' && s === 'fall'),
    order.repairsNeeded ? Math.log1p(sqft) : 0,
    (order.specialInstructions ?? '').trim().length,
    customer.pastOrders,
    customer.meanTurnaround ?? 0,
    flag(customer.meanTurnaround !== null),
    flag(source !== null),
    source?.pastOrders ?? 0,
    source?.meanTurnaround ?? 0,
    flag(source?.meanTurnaround != null),
    backlog,
  ]
  if (v.length !== FEATURE_NAMES.length) throw new Error('feature vector and names out of step')
  return v
}
