import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { buildApp } from '../../src/app.js'
import { loadConfig } from '../../src/config.js'
import { seedEmptyDatabase } from '../../src/seed/seed-empty.js'
import { createTestApp } from '../helpers/app.js'
import { userWithSession } from '../helpers/auth.js'
import { onPostgres, TEST_SECRET_KEY } from '../helpers/database.js'

describe('the analytics API and its cache', () => {
  let ctx: Awaited<ReturnType<typeof createTestApp>>
  let manager: Record<string, string>
  const get = (url: string, headers = manager) => ctx.app.inject({ method: 'GET', url, headers })

  beforeAll(async () => {
    ctx = await createTestApp()
    await seedEmptyDatabase(ctx.app.db, { customers: 40, workOrders: 300, seed: 11, today: '2026-11-01' })
    manager = (await userWithSession(ctx.app, 'manager')).bearer
  })
  afterAll(() => ctx.close())

  it('answers every endpoint, a miss first and then a hit', async () => {
    for (const url of [
      '/api/analytics/summary?from=2024-01-01',
      '/api/analytics/trends?months=6',
      '/api/analytics/throughput?days=30',
      '/api/analytics/backlog?days=30',
      '/api/analytics/revenue-by-product',
      '/api/analytics/turnaround?bucketDays=5',
      '/api/analytics/customers?months=6&top=5',
      '/api/dashboard',
    ]) {
      const first = await get(url)
      expect(first.statusCode, `${url} ${first.body}`).toBe(200)
      expect(first.headers['x-cache'], url).toBe('miss')
      const second = await get(url)
      expect(second.headers['x-cache'], url).toBe('hit')
      expect(second.body).toBe(first.body)
    }
  })

  it('keys by normalized parameters', async () => {
    await get('/api/analytics/summary?from=2025-01-01&to=2025-06-30')
    expect((await get('/api/analytics/summary?to=2025-06-30&from=2025-01-01')).headers['x-cache']).toBe('hit')
  })

  it('drops cached answers at once when a work order changes', async () => {
    const before = (await get('/api/analytics/summary')).json()
    expect((await get('/api/analytics/summary')).headers['x-cache']).toBe('hit')
    const customerId = (await get('/api/customers?pageSize=1')).json().data[0].id
    await ctx.app.inject({
      method: 'POST',
      url: '/api/work-orders',
      headers: manager,
      payload: { customerId, items: [{ description: 'Awning', sizeText: '10x10', unitPrice: 500 }] },
    })
    const after = await get('/api/analytics/summary')
    expect(after.headers['x-cache']).toBe('miss')
    expect(after.json().ordersTotal).toBe(before.ordersTotal + 1)
    expect(after.json().revenueAll).toBeCloseTo(before.revenueAll + 500, 2)
  })

  it('counts hits and misses for an admin', async () => {
    const admin = (await userWithSession(ctx.app, 'admin')).bearer
    const stats = (await get('/api/analytics/cache-stats', admin)).json()
    expect(stats.hits).toBeGreaterThan(5)
    expect(stats.misses).toBeGreaterThan(5)
    expect(stats.invalidations).toBeGreaterThan(0)
    expect(stats.crossInstance).toBe(onPostgres ? 'listening' : 'single instance')
    expect(stats.replica).toBe('not configured')
  })

  it('answers out-of-range parameters with 400, never 500', async () => {
    for (const url of [
      '/api/analytics/summary?sourceId=100001',
      '/api/analytics/turnaround?from=2024-02-30',
      '/api/analytics/trends?months=0',
    ]) {
      const res = await get(url)
      expect(res.statusCode, url).toBe(400)
    }
  })

  it('is for managers and admins only', async () => {
    const staff = (await userWithSession(ctx.app, 'staff')).bearer
    expect((await get('/api/analytics/summary', staff)).statusCode).toBe(403)
    expect((await get('/api/dashboard', staff)).statusCode).toBe(403)
  })
})

describe.runIf(onPostgres)('several instances on one PostgreSQL', () => {
  let ctx: Awaited<ReturnType<typeof createTestApp>>
  let other: Awaited<ReturnType<typeof buildApp>>
  beforeAll(async () => {
    // Both instances share the key, as EB instances share SECRET_KEY, so a session works on either.
    ctx = await createTestApp({ env: { SECRET_KEY: TEST_SECRET_KEY } })
    other = await buildApp({
      config: loadConfig({
        DATABASE_URL: ctx.testDb.url,
        SECRET_KEY: TEST_SECRET_KEY,
        DATA_DIR: ctx.testDb.dataDir,
      }),
      logger: { level: 'silent' },
    })
    await other.ready()
  })
  afterAll(async () => {
    await other.close()
    await ctx.close()
  })

  it("invalidate each other's analytics cache after a write (NOTIFY, not the cache lifetime)", async () => {
    const { bearer } = await userWithSession(ctx.app, 'manager')
    const customer = (
      await ctx.app.inject({
        method: 'POST',
        url: '/api/customers',
        headers: bearer,
        payload: { name: 'Pier 7' },
      })
    ).json()
    await expect.poll(() => other.analytics.stats().crossInstance, { timeout: 20_000 }).toBe('listening')
    const ask = () => other.inject({ method: 'GET', url: '/api/analytics/summary', headers: bearer })
    // The customer's own NOTIFY may land after the listener starts: ask until the answer is cached.
    await expect
      .poll(async () => (await ask()).headers['x-cache'], { timeout: 20_000, interval: 20 })
      .toBe('hit')
    await ctx.app.inject({
      method: 'POST',
      url: '/api/work-orders',
      headers: bearer,
      payload: { customerId: customer.id },
    })
    // Well within the cache's 300 s lifetime: a miss here can only come from the other instance's NOTIFY.
    await expect
      .poll(async () => (await ask()).headers['x-cache'], { timeout: 20_000, interval: 20 })
      .toBe('miss')
    expect((await ask()).json().ordersTotal).toBe(1)
  })
})

describe.runIf(onPostgres)('ANALYTICS_DATABASE_URL', () => {
  it('falls back to the primary when the replica is unreachable, and /health says so without failing', async () => {
    const ctx = await createTestApp()
    const app = await buildApp({
      config: loadConfig({
        DATABASE_URL: ctx.testDb.url,
        SECRET_KEY: TEST_SECRET_KEY,
        DATA_DIR: ctx.testDb.dataDir,
        ANALYTICS_DATABASE_URL: 'postgres://nobody@127.0.0.1:1/none',
      }),
      logger: { level: 'silent' },
    })
    const { bearer } = await userWithSession(app, 'manager')
    const res = await app.inject({ method: 'GET', url: '/api/analytics/summary', headers: bearer })
    expect(res.statusCode).toBe(200)
    const health = await app.inject({ method: 'GET', url: '/health' })
    expect(health.statusCode).toBe(200)
    expect(health.json()).toMatchObject({ status: 'healthy', analyticsReplica: 'unavailable' })
    await app.close()
    await ctx.close()
  })

  it('runs analytics on the replica when it answers', async () => {
    const ctx = await createTestApp()
    const app = await buildApp({
      config: loadConfig({
        DATABASE_URL: ctx.testDb.url,
        SECRET_KEY: TEST_SECRET_KEY,
        DATA_DIR: ctx.testDb.dataDir,
        ANALYTICS_DATABASE_URL: ctx.testDb.url as string,
      }),
      logger: { level: 'silent' },
    })
    const { bearer } = await userWithSession(app, 'manager')
    expect((await app.inject({ method: 'GET', url: '/api/dashboard', headers: bearer })).statusCode).toBe(200)
    expect((await app.inject({ method: 'GET', url: '/health' })).json().analyticsReplica).toBe('connected')
    await app.close()
    await ctx.close()
  })
})
