import { sql } from 'drizzle-orm'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { unlockUsername } from '../../src/services/auth.js'
import { createTestApp, logCapture } from '../helpers/app.js'
import { GOOD_PASSWORD, sessionCookie } from '../helpers/auth.js'
import { queryRows } from '../helpers/database.js'

describe('POST /auth/login', () => {
  const logs = logCapture()
  let ctx: Awaited<ReturnType<typeof createTestApp>>
  const login = (
    username: string,
    password: string,
    headers: Record<string, string> = {},
    from: { remoteAddress?: string } = {},
  ) =>
    ctx.app.inject({ method: 'POST', url: '/auth/login', payload: { username, password }, headers, ...from })

  beforeAll(async () => {
    ctx = await createTestApp({ logs, logLevel: 'debug', env: { LOGIN_RATE_LIMIT_PER_MIN: '1000' } })
    await ctx.app.usersService.createDirect({ username: 'Ann', password: GOOD_PASSWORD, role: 'manager' })
    await ctx.app.usersService.createDirect({ username: 'bob', password: GOOD_PASSWORD, role: 'staff' })
  })
  afterAll(() => ctx.close())

  it('signs in, sets a hardened session cookie and returns a bearer token for the same session', async () => {
    const res = await login('ann', GOOD_PASSWORD)
    expect(res.statusCode).toBe(200)
    const body = res.json()
    expect(body.user).toMatchObject({ username: 'ann', role: 'manager' })
    expect(body.user.passwordHash).toBeUndefined()
    const cookie = sessionCookie(res.headers['set-cookie'])
    expect(cookie?.name).toBe('__Host-ams_session')
    expect(cookie?.value).toBe(body.token)
    expect(cookie?.attributes).toEqual(
      expect.arrayContaining(['httponly', 'secure', 'samesite=lax', 'path=/']),
    )
    expect(cookie?.attributes.some((a) => a.startsWith('domain'))).toBe(false)

    const viaCookie = await ctx.app.inject({
      method: 'GET',
      url: '/auth/me',
      headers: { cookie: cookie?.header ?? '' },
    })
    expect(viaCookie.json()).toMatchObject({ user: { username: 'ann' }, via: 'cookie' })
    const viaBearer = await ctx.app.inject({
      method: 'GET',
      url: '/auth/me',
      headers: { authorization: `Bearer ${body.token}` },
    })
    expect(viaBearer.json()).toMatchObject({ user: { username: 'ann' }, via: 'bearer' })
  })

  it('gives the same answer for a wrong password and an unknown user', async () => {
    const wrong = await login('bob', 'not the password')
    const unknown = await login('nobody-here', 'not the password')
    expect(wrong.statusCode).toBe(401)
    expect(unknown.statusCode).toBe(401)
    expect(wrong.json().message).toBe(unknown.json().message)
    expect(wrong.json().code).toBe('auth.invalid_credentials')
    expect(unknown.json().code).toBe('auth.invalid_credentials')
  })

  it('rotates the session at login: the session presented with it ends', async () => {
    const first = sessionCookie((await login('bob', GOOD_PASSWORD)).headers['set-cookie'])
    const second = await login('bob', GOOD_PASSWORD, { cookie: first?.header ?? '' })
    const secondCookie = sessionCookie(second.headers['set-cookie'])
    expect(secondCookie?.value).not.toBe(first?.value)
    const old = await ctx.app.inject({
      method: 'GET',
      url: '/auth/me',
      headers: { authorization: `Bearer ${first?.value}` },
    })
    expect(old.statusCode).toBe(401)
  })

  it('locks an account for 15 minutes after 10 consecutive failures, even for the right password', async () => {
    await ctx.app.usersService.createDirect({ username: 'carol', password: GOOD_PASSWORD, role: 'staff' })
    const statuses: number[] = []
    for (let i = 0; i < 10; i++) statuses.push((await login('carol', `wrong-${i}-password`)).statusCode)
    expect(statuses.slice(0, 9)).toEqual(Array(9).fill(401))
    expect(statuses[9]).toBe(423)
    const locked = await login('carol', GOOD_PASSWORD)
    expect(locked.statusCode).toBe(423)
    expect(locked.json().code).toBe('auth.account_locked')
    expect(locked.json().message).toMatch(/locked for 15 more minute/)
    expect(Number(locked.headers['retry-after'])).toBeGreaterThan(800)
  })

  it('lets the account in again once the lock has expired, and resets the count on success', async () => {
    await ctx.app.db.execute(
      sql`UPDATE login_failures SET locked_until = now() - interval '1 second' WHERE username = 'carol'`,
    )
    expect((await login('carol', GOOD_PASSWORD)).statusCode).toBe(200)
    // The pair's count is gone; the name's total across addresses runs out on its own.
    const rows = await queryRows<{ client: string }>(
      ctx.app.db,
      sql`SELECT client FROM login_failures WHERE username = 'carol'`,
    )
    expect(rows.map((r) => r.client)).toEqual(['*'])
  })

  it('locks only the address that failed: the owner still signs in from another one', async () => {
    await ctx.app.usersService.createDirect({ username: 'erin', password: GOOD_PASSWORD, role: 'staff' })
    const attacker = { remoteAddress: '203.0.113.9' }
    for (let i = 0; i < 10; i++) await login('erin', `wrong-${i}-password`, {}, attacker)
    const fromAttacker = await login('erin', GOOD_PASSWORD, {}, attacker)
    expect(fromAttacker.statusCode).toBe(423)
    expect(fromAttacker.json().message).toMatch(/from this address/)
    expect((await login('erin', GOOD_PASSWORD, {}, { remoteAddress: '198.51.100.7' })).statusCode).toBe(200)
    // Her success elsewhere does not lift the attacker's lock.
    expect((await login('erin', GOOD_PASSWORD, {}, attacker)).statusCode).toBe(423)
  })

  it('throttles a name failing from many addresses (429), except at an address it signed in from', async () => {
    await ctx.app.usersService.createDirect({ username: 'frank', password: GOOD_PASSWORD, role: 'staff' })
    const shop = { remoteAddress: '192.0.2.10' }
    expect((await login('frank', GOOD_PASSWORD, {}, shop)).statusCode).toBe(200)
    // 50 failures, 5 from each of 10 addresses: no address reaches its own lock.
    const statuses = new Set<number>()
    for (let i = 0; i < 50; i++)
      statuses.add(
        (await login('frank', `wrong-${i}-password`, {}, { remoteAddress: `10.9.0.${i % 10}` })).statusCode,
      )
    expect([...statuses]).toEqual([401])
    const elsewhere = await login('frank', GOOD_PASSWORD, {}, { remoteAddress: '10.9.1.1' })
    expect(elsewhere.statusCode).toBe(429)
    expect(elsewhere.json().code).toBe('auth.login_throttled')
    expect(Number(elsewhere.headers['retry-after'])).toBeGreaterThan(800)
    expect((await login('frank', `wrong-again-password`, {}, { remoteAddress: '10.9.0.1' })).statusCode).toBe(
      429,
    )
    expect((await login('frank', GOOD_PASSWORD, {}, shop)).statusCode).toBe(200)
  })

  it('forgets the total across addresses after a quiet throttle period', async () => {
    for (let i = 0; i < 49; i++)
      await login('gina', `wrong-${i}-password`, {}, { remoteAddress: `10.8.0.${i % 10}` })
    await ctx.app.db.execute(
      sql`UPDATE login_failures SET last_failed_at = now() - interval '16 minutes' WHERE username = 'gina'`,
    )
    await login('gina', 'wrong-last-password', {}, { remoteAddress: '10.8.1.1' })
    expect((await login('gina', 'whatever-password', {}, { remoteAddress: '10.8.1.2' })).statusCode).toBe(401)
  })

  it('unlocks a name from every address at once (npm run user -- unlock), audited', async () => {
    await ctx.app.usersService.createDirect({ username: 'hal', password: GOOD_PASSWORD, role: 'staff' })
    for (let i = 0; i < 10; i++) await login('hal', `wrong-${i}-password`)
    expect((await login('hal', GOOD_PASSWORD)).statusCode).toBe(423)
    expect(await unlockUsername(ctx.app.db, ' HAL ')).toBe(2)
    expect((await login('hal', GOOD_PASSWORD)).statusCode).toBe(200)
    expect(await unlockUsername(ctx.app.db, 'hal')).toBe(0)
    const audit = await queryRows<{ action: string }>(
      ctx.app.db,
      sql`SELECT action FROM audit_log WHERE action = 'auth.unlocked' AND summary->>'username' = 'hal'`,
    )
    expect(audit).toHaveLength(2)
  })

  it('locks unknown usernames the same way, so lockout does not reveal which names exist', async () => {
    for (let i = 0; i < 10; i++) await login('ghost', `wrong-${i}-password`)
    expect((await login('ghost', 'whatever-password')).statusCode).toBe(423)
  })

  it('counts a failure per attempt atomically under concurrency', async () => {
    await ctx.app.usersService.createDirect({ username: 'dave', password: GOOD_PASSWORD, role: 'staff' })
    const results = await Promise.all(
      Array.from({ length: 10 }, (_, i) => login('dave', `wrong-${i}-password`)),
    )
    expect(results.filter((r) => r.statusCode === 423)).toHaveLength(1)
    expect((await login('dave', GOOD_PASSWORD)).statusCode).toBe(423)
  })

  it('audits logins, failures and lockouts', async () => {
    const rows = await queryRows<{ action: string; actor_username: string }>(
      ctx.app.db,
      sql`SELECT action, actor_username FROM audit_log WHERE entity = 'user' ORDER BY id`,
    )
    const actions = rows.map((r) => `${r.action}:${r.actor_username}`)
    expect(actions).toContain('auth.login:ann')
    expect(actions).toContain('auth.login_failed:bob')
    expect(actions).toContain('auth.login_failed:nobody-here')
    expect(actions).toContain('auth.account_locked:carol')
    expect(actions).toContain('auth.login_refused_locked:carol')
    expect(actions).toContain('auth.login_throttled:frank')
    expect(actions).toContain('auth.login_refused_throttled:frank')
  })

  it('refuses a cross-site login (login CSRF)', async () => {
    const res = await login('ann', GOOD_PASSWORD, { 'sec-fetch-site': 'cross-site' })
    expect(res.statusCode).toBe(403)
    expect(res.json().code).toBe('auth.csrf_rejected')
  })

  it('never writes passwords, tokens or cookies to the log', async () => {
    const res = await login('ann', GOOD_PASSWORD)
    const token = res.json().token as string
    await ctx.app.inject({
      method: 'GET',
      url: '/auth/me',
      headers: { cookie: `__Host-ams_session=${token}` },
    })
    await ctx.app.inject({ method: 'GET', url: '/auth/me', headers: { authorization: `Bearer ${token}` } })
    const text = logs.text()
    expect(text.length).toBeGreaterThan(0)
    expect(text).not.toContain(GOOD_PASSWORD)
    expect(text).not.toContain('wrong-3-password')
    expect(text).not.toContain(token)
  })
})

describe('per-IP login rate limit', () => {
  let ctx: Awaited<ReturnType<typeof createTestApp>>
  beforeAll(async () => {
    ctx = await createTestApp({ env: { LOGIN_RATE_LIMIT_PER_MIN: '3' } })
  })
  afterAll(() => ctx.close())

  it('answers 429 with Retry-After past the limit, counted in the database', async () => {
    const statuses: number[] = []
    for (let i = 0; i < 5; i++) {
      const res = await ctx.app.inject({
        method: 'POST',
        url: '/auth/login',
        payload: { username: `u${i}`, password: 'whatever-password' },
      })
      statuses.push(res.statusCode)
      if (res.statusCode === 429) {
        expect(res.json().code).toBe('rate_limited')
        expect(Number(res.headers['retry-after'])).toBeGreaterThan(0)
      }
    }
    expect(statuses).toEqual([401, 401, 401, 429, 429])
    const rows = await queryRows<{ count: number }>(ctx.app.db, sql`SELECT count FROM rate_limits`)
    expect(rows[0]?.count).toBe(5)
  })
})
