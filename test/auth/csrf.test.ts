import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createTestApp } from '../helpers/app.js'
import { userWithSession } from '../helpers/auth.js'

describe('CSRF defence for cookie-authenticated writes', () => {
  let ctx: Awaited<ReturnType<typeof createTestApp>>
  let cookie: string
  let bearer: Record<string, string>
  // An unsafe request that a manager may make: the role check passes, so only CSRF can refuse it.
  const write = (headers: Record<string, string>) =>
    ctx.app.inject({ method: 'POST', url: '/auth/logout', headers: { host: 'shop.example.com', ...headers } })

  beforeAll(async () => {
    ctx = await createTestApp({ env: { ALLOWED_ORIGINS: 'https://admin.example.com' } })
  })
  afterAll(() => ctx.close())

  async function freshSession() {
    const s = await userWithSession(ctx.app, 'manager')
    cookie = `__Host-ams_session=${s.token}`
    bearer = s.bearer
  }

  it('refuses a cookie write with neither Sec-Fetch-Site nor Origin', async () => {
    await freshSession()
    const res = await write({ cookie })
    expect(res.statusCode).toBe(403)
    expect(res.json().code).toBe('auth.csrf_rejected')
  })

  it('refuses a cross-site or same-site (sibling subdomain) cookie write', async () => {
    await freshSession()
    expect((await write({ cookie, 'sec-fetch-site': 'cross-site' })).statusCode).toBe(403)
    expect((await write({ cookie, 'sec-fetch-site': 'same-site' })).statusCode).toBe(403)
    expect((await write({ cookie, origin: 'https://evil.example.net' })).statusCode).toBe(403)
  })

  it('accepts a same-origin cookie write', async () => {
    await freshSession()
    expect((await write({ cookie, 'sec-fetch-site': 'same-origin' })).statusCode).toBe(204)
    await freshSession()
    expect((await write({ cookie, origin: 'https://shop.example.com' })).statusCode).toBe(204)
  })

  it('accepts an origin listed in ALLOWED_ORIGINS', async () => {
    await freshSession()
    expect((await write({ cookie, origin: 'https://admin.example.com' })).statusCode).toBe(204)
  })

  it('exempts bearer-token requests, which browsers never send on their own', async () => {
    await freshSession()
    expect((await write({ ...bearer, 'sec-fetch-site': 'cross-site' })).statusCode).toBe(204)
  })

  it('does not apply to safe methods', async () => {
    await freshSession()
    const res = await ctx.app.inject({
      method: 'GET',
      url: '/auth/me',
      headers: { cookie, 'sec-fetch-site': 'cross-site' },
    })
    expect(res.statusCode).toBe(200)
  })
})
