import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { addDays } from '../../src/domain/queue.js'
import { shopToday } from '../../src/domain/shop-date.js'
import type { DataChange } from '../../src/services/changes.js'
import { createTestApp } from '../helpers/app.js'
import { userWithSession } from '../helpers/auth.js'

type Ctx = Awaited<ReturnType<typeof createTestApp>>
interface Entry {
  position: number
  workOrderNo: number
  manual: boolean
  dueSoon: boolean
  status: string
}

const TIME_ZONE = 'America/New_York'

describe('the cleaning queue', () => {
  let ctx: Ctx
  let manager: Record<string, string>
  let staff: Record<string, string>
  let customerId: number
  let counting = false
  let statements: string[] = []
  const changes: DataChange[] = []
  const today = shopToday(TIME_ZONE)
  const api = (method: string, url: string, headers: Record<string, string>, payload?: unknown) =>
    ctx.app.inject({
      method: method as 'GET',
      url,
      headers,
      ...(payload === undefined ? {} : { payload: payload as object }),
    })
  const queue = async (query = '') => {
    const res = await api('GET', `/api/queue${query}`, staff)
    expect(res.statusCode, res.body).toBe(200)
    return res.json() as { version: string; data: Entry[] }
  }
  const numbers = (q: { data: Entry[] }) => q.data.map((e) => e.workOrderNo)
  const reorder = (order: number[], version: string, who = manager) =>
    api('PUT', '/api/queue/order', who, { order, version })
  const setStatus = async (no: number, to: string) => {
    const res = await api('POST', `/api/work-orders/${no}/status`, manager, { to })
    expect(res.statusCode, res.body).toBe(200)
  }
  /** An approved order moved into the queue; returns its number. */
  async function queued(fields: Record<string, unknown>) {
    const res = await api('POST', '/api/work-orders', manager, {
      customerId,
      quoteStatus: 'approved',
      ...fields,
    })
    expect(res.statusCode, res.body).toBe(201)
    const no = res.json().workOrderNo as number
    await setStatus(no, 'queued')
    return no
  }

  // The orders, named by what they are.
  let regularLate: number
  let regularEarly: number
  let rushSoon: number
  let firmLater: number
  let firmSooner: number

  beforeAll(async () => {
    ctx = await createTestApp({
      env: { SHOP_TIMEZONE: TIME_ZONE },
      onQuery: (q) => {
        if (counting) statements.push(q)
      },
    })
    manager = (await userWithSession(ctx.app, 'manager')).bearer
    staff = (await userWithSession(ctx.app, 'staff')).bearer
    ctx.app.changes.subscribe((c) => changes.push(c))
    customerId = (await api('POST', '/api/customers', manager, { name: 'Severn Sailing School' })).json().id

    regularLate = await queued({
      name: 'Dock awning',
      dateIn: '2026-01-10',
      items: [{ description: 'Awning', sizeText: '8x10', quantity: 2, unitPrice: 40 }],
    })
    rushSoon = await queued({ rush: true, dateIn: '2026-01-12', dateRequired: addDays(today, 3) })
    firmLater = await queued({ firmRush: true, dateIn: '2026-01-02', dateRequired: addDays(today, 30) })
    regularEarly = await queued({ dateIn: '2026-01-05' })
    firmSooner = await queued({ firmRush: true, dateIn: '2026-01-20', dateRequired: addDays(today, 10) })
    await setStatus(regularEarly, 'in_progress')
    // Not in the queue: one still received, one already cleaned.
    await api('POST', '/api/work-orders', manager, { customerId, quoteStatus: 'approved' })
    await setStatus(await queued({ rush: true }), 'cleaned')
  })
  afterAll(() => ctx.close())

  it('lists queued and in-progress orders in tier order: firm rush by date required, rush, then regular FIFO', async () => {
    const q = await queue()
    expect(numbers(q)).toEqual([firmSooner, firmLater, rushSoon, regularEarly, regularLate])
    expect(q.data.map((e) => e.position)).toEqual([1, 2, 3, 4, 5])
    expect(q.data.every((e) => !e.manual)).toBe(true)
    expect(q.data.find((e) => e.workOrderNo === regularEarly)?.status).toBe('in_progress')
    expect(q.data.find((e) => e.workOrderNo === regularLate)).toMatchObject({
      name: 'Dock awning',
      customerName: 'Severn Sailing School',
      dateIn: '2026-01-10',
      dateRequired: null,
      rush: false,
      firmRush: false,
      itemCount: 1,
      squareFeet: 160,
    })
    expect(q.version).toMatch(/^\d+$/)
  })

  it('flags rush orders required within the window as due soon', async () => {
    const dueSoon = (q: { data: Entry[] }) => q.data.filter((e) => e.dueSoon).map((e) => e.workOrderNo)
    expect(dueSoon(await queue())).toEqual([rushSoon])
    expect(dueSoon(await queue('?dueWithinDays=10'))).toEqual([firmSooner, rushSoon])
    expect(dueSoon(await queue('?dueWithinDays=0'))).toEqual([])
    expect((await api('GET', '/api/queue?dueWithinDays=61', staff)).statusCode).toBe(400)
  })

  it('reads the queue without writing, in the same number of statements however long it is', async () => {
    const count = async () => {
      statements = []
      counting = true
      const q = await queue()
      counting = false
      // Session touches and rate-limit housekeeping belong to auth; nothing of the shop's data is written.
      const writes = statements.filter(
        (s) => /^\s*(insert|update|delete)\b/i.test(s) && /queue_state|work_orders|audit_log/.test(s),
      )
      expect(writes).toEqual([])
      return { q, n: statements.length }
    }
    const first = await count()
    const again = await count()
    expect(again.q.version).toBe(first.q.version)
    const extra = await queued({ dateIn: '2026-02-01' })
    const longer = await count()
    expect(longer.q.data).toHaveLength(first.q.data.length + 1)
    expect(longer.n).toBe(first.n)
    await setStatus(extra, 'cancelled')
  })

  it('lets a manager reorder the whole queue, bumping the version, auditing and announcing it', async () => {
    const before = await queue()
    const wanted = [firmLater, regularLate, regularEarly, rushSoon, firmSooner]
    const res = await reorder(wanted, before.version)
    expect(res.statusCode, res.body).toBe(200)
    expect(numbers(res.json())).toEqual(wanted)
    expect(res.json().data.every((e: Entry) => e.manual)).toBe(true)
    expect(Number(res.json().version)).toBe(Number(before.version) + 1)
    expect(numbers(await queue())).toEqual(wanted)
    expect((await api('GET', `/api/work-orders/${regularLate}`, staff)).json().queuePosition).toBe(2)

    const audit = await ctx.app.usersService.recentAudit(50)
    expect(audit.find((a) => a.action === 'queue.reordered')?.summary).toMatchObject({ order: wanted })
    const change = changes.find((c) => c.action === 'reordered')
    expect(change?.entity).toBe('work_order')
    expect(change?.ids).toHaveLength(wanted.length)
  })

  it('refuses a reorder based on a stale version with 409 queue.conflict', async () => {
    const current = await queue()
    const stale = String(Number(current.version) - 1)
    const res = await reorder(numbers(current).reverse(), stale)
    expect(res.statusCode).toBe(409)
    expect(res.json().code).toBe('queue.conflict')
    expect(res.json().message).toMatch(/reordered since version \d+ was read; reload/)
    const after = await queue()
    expect(after.version).toBe(current.version)
    expect(numbers(after)).toEqual(numbers(current))
  })

  it('merges new arrivals by the tier rule while the manual order of the others survives', async () => {
    const manualOrder = numbers(await queue())
    // Manual order: firmLater, regularLate, regularEarly, rushSoon, firmSooner.
    const firmArrival = await queued({ firmRush: true, dateRequired: addDays(today, 1) })
    const regularArrival = await queued({ dateIn: '2026-01-07' })
    const q = await queue()
    // The firm rush arrival precedes every order, so it leads; the regular one (in Jan 7) goes just before
    // the first manual order the tier rule puts after it: regularLate (in Jan 10).
    expect(numbers(q)).toEqual([
      firmArrival,
      firmLater,
      regularArrival,
      regularLate,
      regularEarly,
      rushSoon,
      firmSooner,
    ])
    expect(q.data.filter((e) => !e.manual).map((e) => e.workOrderNo)).toEqual([firmArrival, regularArrival])
    expect(numbers(q).filter((no) => manualOrder.includes(no))).toEqual(manualOrder)
  })

  it('refuses a list that is not exactly the queue: 409 queue.membership_changed, 400 for duplicates', async () => {
    const current = await queue()
    const old = numbers(current).filter(
      (no) => (current.data.find((e) => e.workOrderNo === no) as Entry).manual,
    )
    const missing = await reorder(old, current.version)
    expect(missing.statusCode).toBe(409)
    expect(missing.json().code).toBe('queue.membership_changed')
    expect(missing.json().message).toMatch(/in the queue but not in the order/)

    const stranger = await reorder([...numbers(current), 999_999], current.version)
    expect(stranger.statusCode).toBe(409)
    expect(stranger.json().message).toContain('#999999 is not in the queue')

    const twice = await reorder([...numbers(current), numbers(current)[0] as number], current.version)
    expect(twice.statusCode).toBe(400)
    expect(twice.json().code).toBe('queue.duplicate')

    expect((await queue()).version).toBe(current.version)
  })

  it('lets only one of two simultaneous reorders from the same version win', async () => {
    const current = await queue()
    const replies = await Promise.all([
      reorder(numbers(current), current.version),
      reorder([...numbers(current)].reverse(), current.version),
    ])
    expect(replies.map((r) => r.statusCode).sort()).toEqual([200, 409])
    expect(replies.find((r) => r.statusCode === 409)?.json().code).toBe('queue.conflict')
    expect(Number((await queue()).version)).toBe(Number(current.version) + 1)
  })

  it('lets staff read the queue but not reorder it', async () => {
    const current = await queue()
    const res = await reorder(numbers(current), current.version, staff)
    expect(res.statusCode).toBe(403)
    expect((await api('GET', '/api/queue', {})).statusCode).toBe(401)
  })

  it('drops an order that leaves the queue, keeping the rest in order, and starts a re-entry from the tier rule', async () => {
    const current = await queue()
    const res = await reorder(numbers(current), current.version)
    expect(res.statusCode, res.body).toBe(200)
    await setStatus(regularLate, 'cleaned')
    const after = await queue()
    expect(numbers(after)).toEqual(numbers(current).filter((no) => no !== regularLate))
    expect(after.data.every((e) => e.manual)).toBe(true)
    expect((await api('GET', `/api/work-orders/${regularLate}`, staff)).json().queuePosition).toBeNull()

    for (const to of ['cancelled', 'received', 'queued']) await setStatus(firmSooner, to)
    const reentered = (await queue()).data.find((e) => e.workOrderNo === firmSooner)
    expect(reentered?.manual).toBe(false)
  })
})
