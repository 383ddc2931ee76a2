// The price history of each catalog piece, derived from past orders' items: the same customer's piece with
// the same description, material, colour and size text (the catalog's identity of a piece). A training row
// sees only prices from orders that came in strictly before its own date in, as a prediction made that day
// would have.
import { dayNumber } from './features.js'

/** The last price a catalog piece was charged before some date, and that order's rush. */
export interface PreviousPrice {
  price: number
  dateIn: string
  rush: boolean
  firmRush: boolean
}

export interface PricedItem {
  description: string
  material: string | null
  color?: string | null | undefined
  sizeText: string | null
}

const norm = (s: string | null | undefined) => (s ?? '').trim().toLowerCase().replace(/\s+/g, ' ')
/** The catalog identity of a customer's piece (the same key the SQL of the prediction path builds). */
export function catalogKey(customerId: number, item: PricedItem): string {
  return `${customerId}|${norm(item.description)}|${norm(item.material)}|${norm(item.color)}|${norm(item.sizeText)}`
}

export interface HistoryOrder {
  id: number
  customerId: number
  dateIn: string
  rush: boolean
  firmRush: boolean
  items: (PricedItem & { unitPrice: number | null })[]
}

/**
 * For each order, for each of its items: the latest price of the same catalog piece in an order that came
 * in before this one's date in (the order itself never counts), or null.
 */
export function previousPricesAsOf(orders: readonly HistoryOrder[]): (PreviousPrice | null)[][] {
  const byKey = new Map<string, { day: number; id: number; prev: PreviousPrice }[]>()
  for (const o of orders) {
    const day = dayNumber(o.dateIn)
    for (const it of o.items) {
      if (it.unitPrice === null || !(it.unitPrice > 0)) continue
      const key = catalogKey(o.customerId, it)
      const entry = {
        day,
        id: o.id,
        prev: { price: it.unitPrice, dateIn: o.dateIn, rush: o.rush, firmRush: o.firmRush },
      }
      const list = byKey.get(key)
      if (list) list.push(entry)
      else byKey.set(key, [entry])
    }
  }
  for (const list of byKey.values()) list.sort((a, b) => a.day - b.day || a.id - b.id)
  return orders.map((o) => {
    const day = dayNumber(o.dateIn)
    return o.items.map((it) => {
      const list = byKey.get(catalogKey(o.customerId, it))
      if (!list) return null
      // The last entry strictly before the day (binary search on day).
      let lo = 0
      let hi = list.length
      while (lo < hi) {
        const mid = (lo + hi) >> 1
        if ((list[mid] as { day: number }).day < day) lo = mid + 1
        else hi = mid
      }
      return lo === 0 ? null : (list[lo - 1] as { prev: PreviousPrice }).prev
    })
  })
}

/** A priced item of one of the customer's earlier orders, as the prediction path reads them. */
export interface PastItem extends PricedItem {
  unitPrice: number
  orderId: number
  dateIn: string
  rush: boolean
  firmRush: boolean
}

/**
 * The prediction path's lookup, with the training path's rule: for each item, the latest (date in, then
 * order id, then item) earlier price of the same catalog piece among `past` (limited to before the day, in
 * item order).
 */
export function latestPrices(
  customerId: number,
  items: readonly PricedItem[],
  past: readonly PastItem[],
): (PreviousPrice | null)[] {
  const latest = new Map<string, PastItem>()
  for (const p of past) {
    if (!(p.unitPrice > 0)) continue
    const key = catalogKey(customerId, p)
    const seen = latest.get(key)
    // Ties (the same piece twice in one order) go to the later item, as in previousPricesAsOf.
    if (!seen || p.dateIn > seen.dateIn || (p.dateIn === seen.dateIn && p.orderId >= seen.orderId))
      latest.set(key, p)
  }
  return items.map((it) => {
    const p = latest.get(catalogKey(customerId, it))
    return p ? { price: p.unitPrice, dateIn: p.dateIn, rush: p.rush, firmRush: p.firmRush } : null
  })
}
