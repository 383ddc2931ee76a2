// Deterministic synthetic shop data for demos, the dashboard and the turnaround / price models.
// Pure: no database, no clock, no Math.random. The same options give the same data, byte for byte.
import { sourceType } from '../ml/pieces.js'
import type {
  NewCustomer,
  NewSource,
  NewWorkOrder,
  QuoteStatus,
  StorageTime,
  WorkOrderStatus,
} from '../models/index.js'
import type { StoredItemFields } from '../schemas/items.js'
import {
  conditionFactor,
  largeOrderFactor,
  listIndex,
  listPrice,
  REPAIR_FACTOR,
  roundHalf,
  rushFactor,
  TRADE_DISCOUNT,
} from './pricing.js'
import type { Rng } from './vocabulary.js'
import * as V from './vocabulary.js'

/** An item as the shop API stores it; squareFeet is the true area of one piece (null for sail weights). */
export type GeneratedItem = StoredItemFields
export type GeneratedCustomer = NewCustomer & { customerNo: number; sourceIndex: number | null }
export type GeneratedWorkOrder = Omit<NewWorkOrder, 'customerId' | 'shipToSourceId'> & {
  workOrderNo: number
  customerIndex: number
  /** Index into sources of the ship-to source, when the order ships back to one. */
  shipToSourceIndex: number | null
  items: GeneratedItem[]
}
export interface ShopData {
  sources: NewSource[]
  customers: GeneratedCustomer[]
  workOrders: GeneratedWorkOrder[]
}
export interface GenerateOptions {
  customers: number
  workOrders: number
  seed: number
  sources?: number
  /** YYYY-MM-DD, the last day of the history (default 2026-11-01). */
  today?: string
}

function makeRng(seed: number): Rng & { normal(): number; pareto(alpha: number, cap: number): number } {
  let s = seed >>> 0 // mulberry32
  const next = () => {
    s = (s + 0x6d2b79f5) | 0
    let t = Math.imul(s ^ (s >>> 15), 1 | s)
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
  const int = (lo: number, hi: number) => (hi <= lo ? lo : lo + Math.floor(next() * (hi - lo + 1)))
  return {
    next,
    int,
    uni: (lo: number, hi: number) => lo + next() * (hi - lo),
    chance: (p: number) => next() < p,
    pick: <T>(xs: readonly T[]): T => xs[Math.floor(next() * xs.length)] as T,
    weighted: <T>(xs: readonly T[], ws: readonly number[]): T => xs[lowerBound(cumulative(ws), next())] as T,
    normal: () => Math.sqrt(-2 * Math.log(1 - next())) * Math.cos(2 * Math.PI * next()),
    pareto: (alpha: number, cap: number) => Math.min(cap, (1 - next()) ** (-1 / alpha)),
  }
}
/** Normalised running sums (last is 1). */
function cumulative(ws: readonly number[]): number[] {
  const total = ws.reduce((a, b) => a + b, 0)
  let acc = 0
  return ws.map((w) => {
    acc += w
    return acc / total
  })
}
/** First index below n whose running sum exceeds u. */
function lowerBound(cum: readonly number[], u: number, n = cum.length): number {
  let lo = 0
  let hi = n - 1
  while (lo < hi) {
    const mid = (lo + hi) >> 1
    if ((cum[mid] as number) > u) hi = mid
    else lo = mid + 1
  }
  return lo
}

const DAY = 86_400_000
const toDay = (s: string) => Date.parse(`${s}T00:00:00Z`) / DAY
const toDate = (n: number) => new Date(n * DAY).toISOString().slice(0, 10)
const monthOf = (n: number) => new Date(n * DAY).getUTCMonth()
const round2 = (x: number) => Math.round(x * 100) / 100

/** Feet as legacy text (`10'6"`), rounded to whole inches, and the value that text means. */
function feetInches(r: Rng, lo: number, hi: number): [string, number] {
  const inches = Math.round(r.uni(lo, hi) * 12)
  const f = Math.floor(inches / 12)
  const i = inches % 12
  return [i ? `${f}'${i}"` : `${f}'`, inches / 12]
}

interface Piece extends GeneratedItem {
  /** The last price charged for this catalog piece, the year of it and the rush factor it carried. */
  last: { price: number; year: number; rush: number } | null
}
/** One new piece of the given type: legacy size text and its true area (priced per visit, src/seed/pricing.ts). */
function makePiece(r: Rng, t: V.PieceType): Piece {
  const material = r.pick(t.materials)
  let sizeText: string
  let sqft: number | null
  if (t.shape === 'weight') {
    const lbs = r.int(t.w[0], t.w[1])
    sizeText = `${lbs}#`
    sqft = null
  } else if (t.shape === 'round') {
    const [d, dv] = feetInches(r, t.w[0], t.w[1])
    sizeText = `${d.replace(/"$/, '')}R`
    sqft = Math.PI * (dv / 2) ** 2
  } else if (
    t.shape !== 'piece' &&
    (t.shape === 'sections' ? r.chance(0.6) : t.w[1] >= 12 && r.chance(0.06))
  ) {
    const parts = Array.from({ length: r.int(2, 3) }, (_, k) => {
      const w = r.int(Math.ceil(t.w[0] / (k + 1)), Math.max(2, Math.floor(t.w[1] / (k + 1))))
      return [w, r.int(Math.max(1, t.l[0] - 2), t.l[1])] as const
    })
    sizeText = parts.map(([w, l]) => `${w}x${l}`).join('+')
    sqft = parts.reduce((s, [w, l]) => s + w * l, 0)
  } else if (t.shape === 'piece' || r.chance(0.4)) {
    const [w, wv] = feetInches(r, t.w[0], t.w[1])
    const [l, lv] = feetInches(r, t.l[0], t.l[1])
    sizeText = `${w}x${l}`
    sqft = wv * lv
  } else {
    const w = r.int(Math.ceil(t.w[0]), Math.floor(t.w[1]))
    const l = r.int(Math.ceil(t.l[0]), Math.floor(t.l[1]))
    sizeText = r.chance(0.3) ? `${w}x${l}=${w * l}'` : `${w}x${l}`
    sqft = w * l
  }
  const color = r.chance(0.02) ? '' : t.shape === 'weight' && r.chance(0.6) ? null : r.pick(V.COLORS)
  return {
    description: t.description,
    material,
    quantity: t.qty ? r.int(t.qty[0], t.qty[1]) : r.chance(0.1) ? 2 : 1,
    condition: null,
    color: r.chance(0.06) ? null : color,
    sizeText,
    squareFeet: sqft === null ? null : round2(sqft),
    unitPrice: null,
    last: null,
  }
}

const rank = (s: WorkOrderStatus) => (V.STATUS_ORDER as readonly string[]).indexOf(s)
const KINDS: V.OrderKind[] = ['awning', 'boat', 'sail', 'cushion', 'outdoor']
const ITEM_COUNT_WEIGHTS = [38, 27, 15, 10, 6, 4]

export function generateShopData(opts: GenerateOptions): ShopData {
  const today = opts.today ?? '2026-11-01'
  if (!/^\d{4}-\d{2}-\d{2}$/.test(today) || Number.isNaN(toDay(today))) throw new Error(`bad today: ${today}`)
  const nCust = Math.max(0, Math.floor(opts.customers))
  const nWo = Math.max(0, Math.floor(opts.workOrders))
  if (nWo > 0 && nCust === 0) throw new Error('work orders need at least one customer')
  const r = makeRng(opts.seed)
  const end = toDay(today)
  const start = toDay(`${Number(today.slice(0, 4)) - 4}${today.slice(4)}`) + 1

  const sources = V.makeSources(r, opts.sources ?? Math.max(5, Math.floor(nCust / 50)))
  const sourceCum = cumulative(sources.map(() => r.pareto(1.2, 40)))

  // Dates in: seasonal by month, quiet weekends, a little growth year over year.
  const dayWeights = Array.from({ length: end - start + 1 }, (_, k) => {
    const dow = new Date((start + k) * DAY).getUTCDay()
    return (
      (V.MONTH_WEIGHTS[monthOf(start + k)] as number) *
      (dow === 0 ? 0.05 : dow === 6 ? 0.45 : 1) *
      (1 + k / 7300)
    )
  })
  const dayCum = cumulative(dayWeights)
  const days = Array.from({ length: nWo }, () => start + lowerBound(dayCum, r.next())).sort((a, b) => a - b)

  // Customers: the established ones first, then new ones in the order of their first visit.
  const nNew = Math.min(nCust - Math.max(1, Math.ceil(nCust * 0.4)), nWo)
  const nLegacy = nCust - Math.max(0, nNew)
  const firsts = new Set<number>()
  while (firsts.size < Math.max(0, nNew)) firsts.add(r.int(0, nWo - 1))
  const pickSource = () => (sources.length && r.chance(0.4) ? lowerBound(sourceCum, r.next()) : null)
  const customers = Array.from({ length: nCust }, (_, k) => V.makeCustomer(r, k, pickSource))
  const custCum: number[] = []
  for (const c of customers) custCum.push((custCum.at(-1) ?? 0) + r.pareto(1.3, 25) * (c.business ? 2 : 1))
  const pieces = new Map<number, Piece[]>()
  // Trade discount of each source's customers; about one source in eight has a contract (10 points more).
  const sourceDiscount = sources.map((s) => TRADE_DISCOUNT[sourceType(s.name)] + (r.chance(0.12) ? 0.1 : 0))

  // First pass: who brings what, when.
  let started = nLegacy
  const drafts = days.map((day, i) => {
    let ci: number
    if (firsts.has(i)) ci = started++
    else ci = lowerBound(custCum, r.next() * (custCum[started - 1] as number), started)
    const month = monthOf(day)
    const kind = r.weighted(KINDS, V.KIND_BY_MONTH[month] as number[])
    const count = r.weighted([1, 2, 3, 4, 5, 6], ITEM_COUNT_WEIGHTS)
    const own = pieces.get(ci) ?? []
    let chosen: Piece[]
    if (own.length && r.chance(0.7)) {
      chosen = own.filter(() => r.chance(0.8)).slice(0, count)
      if (!chosen.length) chosen = [r.pick(own)]
    } else {
      chosen = Array.from({ length: count }, () => makePiece(r, r.pick(V.PIECES[kind])))
      if (kind !== 'cushion' && kind !== 'sail' && count < 6 && r.chance(0.04))
        chosen.push(makePiece(r, r.pick(V.PIECES.cushion)))
      pieces.set(ci, [...own, ...chosen])
    }
    const rush = r.chance(0.12)
    const firmRush = rush && r.chance(1 / 3)
    const repairsNeeded = r.chance(0.2)
    const year = new Date(day * DAY).getUTCFullYear()
    const index = listIndex(year)
    const sourceIndex = (customers[ci] as { sourceIndex: number | null }).sourceIndex
    const discount = sourceIndex === null ? 0 : (sourceDiscount[sourceIndex] as number)
    const rushF = rushFactor(rush, firmRush)
    const visit = chosen.map((piece) => ({
      piece,
      condition: r.chance(0.1) ? null : r.weighted(V.CONDITIONS, V.CONDITION_WEIGHTS),
    }))
    // The price list applied to this visit; the large-order discount is on the list total.
    const fresh = visit.map(
      ({ piece, condition }) =>
        listPrice({ ...piece, condition }) *
        index *
        conditionFactor(condition) *
        (repairsNeeded ? REPAIR_FACTOR : 1) *
        rushF *
        (1 - discount),
    )
    const large = largeOrderFactor(fresh.reduce((s, f, k) => s + f * (visit[k]?.piece.quantity ?? 1), 0))
    const items: GeneratedItem[] = visit.map(({ piece, condition }, k) => {
      const { last, ...item } = piece
      // A piece the shop priced before usually gets that price moved by the list-price change since.
      const price = roundHalf(
        last && r.chance(0.85)
          ? ((last.price * index) / listIndex(last.year)) * (rushF / last.rush)
          : (fresh[k] as number) * large * Math.exp(0.03 * r.normal()),
      )
      const unitPrice = r.chance(0.05) ? null : price
      if (unitPrice !== null) piece.last = { price, year, rush: rushF }
      return { ...item, condition, unitPrice }
    })
    const work = items.reduce((s, it) => s + it.quantity * (it.squareFeet ?? 40), 0)
    const isCushion = items.some((it) => /cushion/i.test(it.description))
    return { day, ci, month, kind, items, work, isCushion, rush, firmRush, repairsNeeded }
  })

  // Second pass: turnaround from rush, season, open backlog, size, repairs and noise. The noise is sized
  // so that a model knowing the exact rule would reach R² ≈ 0.92 on the newest 20% (the turnaround model's
  // quality bar is set against this data; docs/ML.md).
  const totalWork = drafts.reduce((s, d) => s + d.work, 0)
  const dailyWork = totalWork / (end - start + 1) || 1
  const releases = new Float64Array(end - start + 2)
  let backlog = 0
  let releasedTo = start - 1
  const workOrders = drafts.map((d, i): GeneratedWorkOrder => {
    while (releasedTo < d.day) backlog -= releases[++releasedTo - start] as number
    const backlogDays = Math.min(80, backlog / dailyWork)
    const { rush, firmRush, repairsNeeded } = d
    const fall = d.month >= 8 && d.month <= 10
    const storable = d.kind === 'awning' || d.kind === 'boat' || d.kind === 'outdoor'
    const storageTime: StorageTime | null =
      storable && d.month >= 8 && r.chance(0.6) ? 'seasonal' : r.chance(0.12) ? 'temporary' : null
    const required = rush ? r.int(3, 21) : r.chance(0.2) ? r.int(14, 60) : null
    let t = 3 + 2.2 * Math.log2(1 + d.work / 40) + 0.2 * backlogDays + (fall ? 4 : 0)
    if (repairsNeeded) t += r.uni(5, 9)
    if (storageTime === 'seasonal' && fall && !rush) t += r.uni(8, 14)
    t *= (firmRush ? 0.3 : rush ? 0.5 : 1) * Math.exp(0.12 * r.normal())
    let turnaround = Math.max(rush ? 1 : 2, Math.round(t))
    if (rush && required !== null && (firmRush || r.chance(0.8))) turnaround = Math.min(turnaround, required)
    if (new Date((d.day + turnaround) * DAY).getUTCDay() === 0) turnaround += turnaround > 2 ? -1 : 1
    const done = d.day + turnaround
    if (done - start < releases.length) releases[done - start] = (releases[done - start] ?? 0) + d.work
    backlog += d.work

    // Milestones as fractions of the turnaround; the order is open if it would finish after today.
    const fStart = r.uni(0.1, 0.4)
    const fClean = Math.min(1, fStart + r.uni(0.1, 0.3))
    const fTreat = Math.min(1, fClean + r.uni(0.05, 0.2))
    const fPack = Math.min(1, fTreat + r.uni(0.05, 0.2))
    const at = (f: number) => d.day + Math.floor(turnaround * f)
    let status: WorkOrderStatus = 'completed'
    let quoteStatus: QuoteStatus | null = r.chance(0.04) ? 'approved' : null
    if (done > end) {
      const q = r.next()
      quoteStatus = q < 0.08 ? 'pending' : q < 0.18 ? 'approved' : q < 0.21 ? 'declined' : null
      if (quoteStatus === 'declined') status = 'cancelled'
      else if (quoteStatus === 'pending' || d.day === end) status = 'received'
      else if (at(fPack) <= end) status = 'packaged'
      else if (at(fTreat) <= end) status = 'treated'
      else if (at(fClean) <= end) status = 'cleaned'
      else if (at(fStart) <= end) status = 'in_progress'
      else status = 'queued'
    }
    const reached = (s: WorkOrderStatus) => rank(status) >= rank(s)
    const cust = customers[d.ci] as GeneratedCustomer
    const spring = d.month >= 2 && d.month <= 4
    const returnStatus = r.chance(0.1)
      ? null
      : spring && d.kind === 'awning' && r.chance(0.45)
        ? 'rehang'
        : r.weighted(['pickup', 'deliver', 'rehang', 'ship', 'unknown'] as const, [40, 20, 12, 10, 8])
    const shipToSourceIndex =
      returnStatus === 'ship' && cust.sourceIndex !== null && r.chance(0.7) ? cust.sourceIndex : null
    const addr = `${cust.address}, ${cust.city}, ${cust.state} ${cust.zip}`
    const instructions = r.chance(0.2) ? [r.pick(V.SPECIAL_INSTRUCTIONS), r.pick(V.SPECIAL_INSTRUCTIONS)] : []
    return {
      workOrderNo: i + 1,
      customerIndex: d.ci,
      name: r.chance(0.7) ? cust.name : (d.items[0]?.description ?? null),
      status,
      quoteStatus,
      dateIn: toDate(d.day),
      dateRequired: required === null ? null : toDate(d.day + required),
      dateCleaned: reached('cleaned') ? toDate(at(fClean)) : null,
      dateTreated: reached('treated') ? toDate(at(fTreat)) : null,
      datePackaged: reached('packaged') ? toDate(at(fPack)) : null,
      dateCompleted: status === 'completed' ? toDate(done) : null,
      rush,
      firmRush,
      isCushion: d.isCushion,
      storageTime,
      rackLocation: storageTime ? `${r.pick(['A', 'B', 'C', 'D', 'E', 'L'])}-${r.int(1, 60)}` : null,
      specialInstructions: instructions.length
        ? [...new Set(instructions)].slice(0, r.int(1, 2)).join('; ')
        : null,
      repairsNeeded,
      returnStatus,
      returnTo:
        shipToSourceIndex !== null
          ? (sources[shipToSourceIndex]?.name ?? null)
          : returnStatus === 'ship' || returnStatus === 'deliver'
            ? addr
            : null,
      shipToSourceIndex,
      queuePosition: null,
      finalLocation: reached('packaged') ? `${r.pick(V.FINAL_LOCATIONS)} ${r.int(1, 40)}` : null,
      items: d.items,
    }
  })
  return { sources, customers: customers.map(({ business, ...c }) => c), workOrders }
}
