import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { seedEmptyDatabase } from '../../src/seed/seed-empty.js'
import { createTestApp } from '../helpers/app.js'
import { GOOD_PASSWORD, userWithSession } from '../helpers/auth.js'

const concrete = (url: string) => url.replace(/:[A-Za-z]+/g, '1')

// Issue 15, item 11: nothing personal may be kept by a browser or a proxy.
describe('Cache-Control on personal responses', () => {
  let ctx: Awaited<ReturnType<typeof createTestApp>>
  let admin: Awaited<ReturnType<typeof userWithSession>>
  beforeAll(async () => {
    ctx = await createTestApp({ env: { CRON_SECRET: 'cache-control-cron-secret' } })
    await seedEmptyDatabase(ctx.app.db, { customers: 3, workOrders: 4, seed: 3 })
    admin = await userWithSession(ctx.app, 'admin')
  })
  afterAll(() => ctx.close())

  it('sends no-store on every route behind a session or the cron secret, refused or answered', async () => {
    const missing: string[] = []
    for (const { method, url, access } of ctx.app.routeAccess) {
      if (access === 'public') continue
      const anonymous = await ctx.app.inject({ method: method as 'GET', url: concrete(url) })
      if (anonymous.headers['cache-control'] !== 'no-store') missing.push(`${method} ${url} anonymous`)
      if (method !== 'GET') continue
      const signedIn = await ctx.app.inject({ method: 'GET', url: concrete(url), headers: admin.bearer })
      if (!/\bno-store\b/.test(String(signedIn.headers['cache-control'])))
        missing.push(`${method} ${url} as admin → ${signedIn.statusCode}`)
    }
    expect(missing).toEqual([])
  })

  it('covers the answers that carry personal data: customers, work orders, export.csv, users', async () => {
    for (const url of [
      '/api/customers',
      '/api/customers/1',
      '/api/work-orders',
      '/api/work-orders/export.csv',
      '/api/users',
    ]) {
      const res = await ctx.app.inject({ url, headers: admin.bearer })
      expect(res.statusCode, url).toBe(200)
      expect(res.headers['cache-control'], url).toBe('no-store')
    }
  })

  it('sends no-store on login, whose body holds the token, and leaves public health and docs cacheable', async () => {
    const login = await ctx.app.inject({
      method: 'POST',
      url: '/auth/login',
      payload: { username: admin.user.username, password: GOOD_PASSWORD },
    })
    expect(login.statusCode).toBe(200)
    expect(login.headers['cache-control']).toBe('no-store')
    expect((await ctx.app.inject({ url: '/health' })).headers['cache-control']).not.toBe('no-store')
    expect((await ctx.app.inject({ url: '/docs/json' })).headers['cache-control']).not.toBe('no-store')
  })
})
