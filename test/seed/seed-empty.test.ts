import { sql } from 'drizzle-orm'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { NotEmptyError, seedEmptyDatabase } from '../../src/seed/seed-empty.js'
import { createTestApp, logCapture } from '../helpers/app.js'
import { userWithSession } from '../helpers/auth.js'
import { queryRows } from '../helpers/database.js'

describe('demo data', () => {
  let ctx: Awaited<ReturnType<typeof createTestApp>>
  beforeAll(async () => {
    ctx = await createTestApp()
  })
  afterAll(() => ctx.close())

  it('loads into an empty database, shows up in the API, and is never loaded over existing orders', async () => {
    const counts = await seedEmptyDatabase(ctx.app.db, { customers: 40, workOrders: 200, seed: 5 })
    expect(counts.workOrders).toBe(200)
    // Vacuumed, not only analyzed: the visibility map is set, so counts can use index-only scans.
    const visible = await queryRows<{ pages: number }>(
      ctx.app.db,
      sql`select relallvisible as pages from pg_class where oid = 'work_orders'::regclass`,
    )
    expect(Number(visible[0]?.pages)).toBeGreaterThan(0)
    const { bearer } = await userWithSession(ctx.app, 'manager')
    const page = await ctx.app.inject({
      method: 'GET',
      url: '/api/work-orders?pageSize=5&sort=-workOrderNo',
      headers: bearer,
    })
    expect(page.json().total).toBe(200)
    expect(page.json().data[0].itemCount).toBeGreaterThan(0)
    const created = await ctx.app.inject({
      method: 'POST',
      url: '/api/work-orders',
      headers: bearer,
      payload: { customerId: page.json().data[0].customerId },
    })
    expect(created.json().workOrderNo).toBe(201)
    await expect(
      seedEmptyDatabase(ctx.app.db, { customers: 5, workOrders: 5, seed: 1 }),
    ).rejects.toBeInstanceOf(NotEmptyError)
  })
})

// PGlite opened and closed for real on a shared machine: generous, per test.
describe('SEED_DEMO=1 at start', { timeout: 240_000 }, () => {
  it('loads demo data into an empty embedded database, and only there', async () => {
    const logs = logCapture()
    const ctx = await createTestApp({ env: { SEED_DEMO: 'true' }, logs })
    await ctx.app.ready()
    if (ctx.database.kind === 'embedded') {
      await expect.poll(() => logs.text(), { timeout: 180_000 }).toContain('demo data loaded')
      const { bearer } = await userWithSession(ctx.app, 'manager')
      const page = await ctx.app.inject({
        method: 'GET',
        url: '/api/work-orders?pageSize=1',
        headers: bearer,
      })
      expect(page.json().total).toBe(3000)
    } else {
      await expect.poll(() => logs.text()).toContain('SEED_DEMO applies to the embedded database only')
    }
    await ctx.close()
  }, 60_000)
})
