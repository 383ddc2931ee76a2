import { sql } from 'drizzle-orm'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { CHANGES_CHANNEL } from '../../src/services/changes.js'
import { createTestApp } from '../helpers/app.js'
import { userWithSession } from '../helpers/auth.js'
import { onPostgres } from '../helpers/database.js'

/**
 * A list's total is counted once and then answered from a cache until the next committed write, here or on
 * another instance: the first screen would otherwise count every order on every request.
 */
describe('list totals are cached until the next write', () => {
  let ctx: Awaited<ReturnType<typeof createTestApp>>
  let bearer: Record<string, string>
  let customerId: number
  const total = async (url: string) =>
    (await ctx.app.inject({ method: 'GET', url, headers: bearer })).json().total as number
  const createOrder = async () => {
    const res = await ctx.app.inject({
      method: 'POST',
      url: '/api/work-orders',
      headers: bearer,
      payload: { customerId, name: 'Awning', dateIn: '2025-03-01', items: [{ description: 'Awning' }] },
    })
    expect(res.statusCode).toBe(201)
  }
  /** A row written behind the service's back (as psql would): the cache cannot know of it. */
  const insertBehindTheBack = () =>
    ctx.database.db.execute(sql`insert into customers (name, city) values ('Written by hand', 'Annapolis')`)

  beforeAll(async () => {
    ctx = await createTestApp()
    bearer = (await userWithSession(ctx.app, 'manager')).bearer
    const customer = await ctx.app.inject({
      method: 'POST',
      url: '/api/customers',
      headers: bearer,
      payload: { name: 'Harbor Lights', city: 'Annapolis' },
    })
    customerId = customer.json().id
    await createOrder()
  })
  afterAll(() => ctx.close())

  it('answers a repeated list from the cache, and a write through the API makes it count again', async () => {
    expect(await total('/api/customers')).toBe(1)
    await insertBehindTheBack()
    // Cached: the hand-written row is not counted yet (without the cache this would be 2).
    expect(await total('/api/customers')).toBe(1)
    // Page and sort do not change what is counted, so they share the cached total.
    expect(await total('/api/customers?page=2&pageSize=1&sort=-name')).toBe(1)
    // A filter is another total, counted afresh.
    expect(await total('/api/customers?city=Annapolis')).toBe(2)
    await createOrder()
    expect(await total('/api/customers')).toBe(2)
  })

  it('counts the work-order list again after every create', async () => {
    const before = await total('/api/work-orders?sort=-dateIn')
    await createOrder()
    expect(await total('/api/work-orders?sort=-dateIn')).toBe(before + 1)
    await createOrder()
    expect(await total('/api/work-orders')).toBe(before + 2)
  })

  it.runIf(onPostgres)('drops cached totals when another instance announces a change', async () => {
    const before = await total('/api/customers')
    await insertBehindTheBack()
    expect(await total('/api/customers')).toBe(before)
    await ctx.database.notify(CHANGES_CHANNEL, 'another-instance')
    // The notification arrives asynchronously on the LISTEN connection: poll, no time budget.
    await expect.poll(() => total('/api/customers'), { timeout: 30_000, interval: 50 }).toBe(before + 1)
  })
})
