// "As of a date" facts for training rows, computed from the orders themselves without looking ahead:
// an order's own turnaround, and any order finished after its date in, are unknown at its date in.
// The definitions match the SQL the prediction path runs (src/repositories/ml-context.ts); a test
// checks both give the same features for the same order.
import type { History } from './features.js'

/** The dates that history and backlog are made of (days since the epoch). */
export interface OrderDates {
  id: number
  dayIn: number
  dayCompleted: number | null
  cancelled: boolean
}

/** Index of first element >= x in a sorted array. */
function lowerBound(xs: Float64Array, x: number): number {
  let lo = 0
  let hi = xs.length
  while (lo < hi) {
    const mid = (lo + hi) >> 1
    if ((xs[mid] as number) < x) lo = mid + 1
    else hi = mid
  }
  return lo
}

/**
 * One group's orders (a customer's, a source's, the whole shop's), answering as of any day:
 * how many came in before it, the mean turnaround of those completed before it, how many were open.
 */
export class DatedOrders {
  private readonly ins: Float64Array
  private readonly completed: Float64Array
  private readonly turnaroundPrefix: Float64Array
  private readonly openIns: Float64Array
  private readonly closedAt: Float64Array

  constructor(orders: readonly OrderDates[]) {
    this.ins = Float64Array.from(orders.map((o) => o.dayIn)).sort()
    const done = orders
      .filter((o) => o.dayCompleted !== null)
      .sort((a, b) => (a.dayCompleted as number) - (b.dayCompleted as number))
    this.completed = Float64Array.from(done.map((o) => o.dayCompleted as number))
    this.turnaroundPrefix = new Float64Array(done.length + 1)
    done.forEach((o, k) => {
      this.turnaroundPrefix[k + 1] =
        (this.turnaroundPrefix[k] as number) + (o.dayCompleted as number) - o.dayIn
    })
    // Backlog: not cancelled, in before the day, not completed before it. An order counts as closed
    // from max(in, completed), which also settles legacy rows completed "before" they came in.
    const live = orders.filter((o) => !o.cancelled)
    this.openIns = Float64Array.from(live.map((o) => o.dayIn)).sort()
    this.closedAt = Float64Array.from(
      live.filter((o) => o.dayCompleted !== null).map((o) => Math.max(o.dayIn, o.dayCompleted as number)),
    ).sort()
  }

  /** History as of `day`: orders in strictly before it; mean turnaround of those completed before it. */
  historyAsOf(day: number): History {
    const n = lowerBound(this.completed, day)
    return {
      pastOrders: lowerBound(this.ins, day),
      meanTurnaround: n === 0 ? null : (this.turnaroundPrefix[n] as number) / n,
    }
  }

  /** Orders in the shop at the start of `day`. */
  openAsOf(day: number): number {
    return lowerBound(this.openIns, day) - lowerBound(this.closedAt, day)
  }
}

/** Groups orders by a key (customer id, source id), skipping orders without one. */
export function indexBy<T extends OrderDates>(
  orders: readonly T[],
  key: (o: T) => number | null,
): Map<number, DatedOrders> {
  const groups = new Map<number, T[]>()
  for (const o of orders) {
    const k = key(o)
    if (k === null) continue
    const g = groups.get(k)
    if (g) g.push(o)
    else groups.set(k, [o])
  }
  return new Map([...groups].map(([k, g]) => [k, new DatedOrders(g)]))
}
