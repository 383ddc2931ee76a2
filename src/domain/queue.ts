import type { WorkOrderStatus } from '../models/work-orders.js'
/** The statuses an order has while it is in the cleaning queue (waiting, or being cleaned). */
export const QUEUE_STATUSES: readonly WorkOrderStatus[] = ['queued', 'in_progress']

/** What the cleaning queue's order depends on (docs/WORK-ORDERS.md, "The cleaning queue"). */
export interface QueueKey {
  workOrderNo: number
  firmRush: boolean
  rush: boolean
  /** YYYY-MM-DD */
  dateIn: string
  dateRequired: string | null
  /** The manual position a manager gave it; null for an order that entered the queue since. */
  queuePosition: number | null
}

const tier = (o: QueueKey) => (o.firmRush ? 0 : o.rush ? 1 : 2)

/**
 * The default order: firm rush (by date required, none last, then date in), then rush, then regular,
 * each first-in-first-out by date in; the work order number breaks every tie, so this is a total order.
 */
export function compareTier(a: QueueKey, b: QueueKey): number {
  const byTier = tier(a) - tier(b)
  if (byTier !== 0) return byTier
  if (tier(a) === 0 && a.dateRequired !== b.dateRequired) {
    if (a.dateRequired === null) return 1
    if (b.dateRequired === null) return -1
    return a.dateRequired < b.dateRequired ? -1 : 1
  }
  if (a.dateIn !== b.dateIn) return a.dateIn < b.dateIn ? -1 : 1
  return a.workOrderNo - b.workOrderNo
}

/**
 * The queue as the shop sees it. Positioned orders keep their manual relative order; each unpositioned
 * order goes just before the first positioned order (in manual order) that the tier rule puts after it,
 * or at the end when there is none; unpositioned orders sharing a slot follow the tier rule.
 * With no positions at all this is exactly the tier order.
 */
export function mergeQueue<T extends QueueKey>(orders: readonly T[]): T[] {
  const manual = orders
    .filter((o) => o.queuePosition !== null)
    .sort((a, b) => (a.queuePosition as number) - (b.queuePosition as number) || compareTier(a, b))
  const arrivals = orders.filter((o) => o.queuePosition === null).sort(compareTier)

  // The positioned orders in tier order, each with its manual index, and for every suffix of that list
  // the smallest manual index in it: the slot of an arrival is that minimum over the orders it precedes.
  const byTier = manual
    .map((order, index) => ({ order, index }))
    .sort((a, b) => compareTier(a.order, b.order))
  const firstAfter = new Array<number>(byTier.length + 1).fill(manual.length)
  for (let k = byTier.length - 1; k >= 0; k--)
    firstAfter[k] = Math.min((byTier[k] as { index: number }).index, firstAfter[k + 1] as number)

  const slots: T[][] = Array.from({ length: manual.length + 1 }, () => [])
  for (const arrival of arrivals) {
    let lo = 0
    let hi = byTier.length
    while (lo < hi) {
      const mid = (lo + hi) >> 1
      if (compareTier(arrival, (byTier[mid] as { order: T }).order) < 0) hi = mid
      else lo = mid + 1
    }
    slots[firstAfter[lo] as number]?.push(arrival)
  }
  return manual.flatMap((order, i) => [...(slots[i] as T[]), order]).concat(slots[manual.length] as T[])
}

/** The day `days` after a YYYY-MM-DD date. */
export function addDays(day: string, days: number): string {
  const [y, m, d] = day.split('-').map(Number) as [number, number, number]
  return new Date(Date.UTC(y, m - 1, d + days)).toISOString().slice(0, 10)
}

/** A rush (or firm rush) order required within `days` of today; an overdue one counts too. */
export function isDueSoon(
  order: Pick<QueueKey, 'rush' | 'firmRush' | 'dateRequired'>,
  today: string,
  days: number,
): boolean {
  return (
    (order.rush || order.firmRush) &&
    order.dateRequired !== null &&
    order.dateRequired <= addDays(today, days)
  )
}

/**
 * The whole queue's order after a reorder of only the orders shown (a filtered view): the shown orders take,
 * in their new order, the places they held in `full`; every order not shown keeps its place. `shown` must be
 * a rearrangement of orders of `full` (the caller checks the membership).
 */
export function placeWithin(full: readonly number[], shown: readonly number[]): number[] {
  const moved = new Set(shown)
  let next = 0
  return full.map((no) => (moved.has(no) ? (shown[next++] as number) : no))
}

/** The shown order with one order moved one place up or down (unchanged at either end or if absent). */
export function moveOne(shown: readonly number[], no: number, direction: 'up' | 'down'): number[] {
  const order = [...shown]
  const at = order.indexOf(no)
  const to = direction === 'up' ? at - 1 : at + 1
  if (at < 0 || to < 0 || to >= order.length) return order
  order[at] = order[to] as number
  order[to] = no
  return order
}
