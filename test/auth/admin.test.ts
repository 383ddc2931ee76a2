import { sql } from 'drizzle-orm'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createTestApp } from '../helpers/app.js'
import { GOOD_PASSWORD, userWithSession } from '../helpers/auth.js'
import { queryRows } from '../helpers/database.js'

describe('user administration and invites', () => {
  let ctx: Awaited<ReturnType<typeof createTestApp>>
  let admin: Awaited<ReturnType<typeof userWithSession>>
  const invite = (payload: Record<string, unknown>) =>
    ctx.app.inject({ method: 'POST', url: '/api/users/invites', headers: admin.bearer, payload })
  const register = (payload: Record<string, unknown>) =>
    ctx.app.inject({ method: 'POST', url: '/auth/register', payload })

  beforeAll(async () => {
    ctx = await createTestApp({ env: { LOGIN_RATE_LIMIT_PER_MIN: '1000' } })
    admin = await userWithSession(ctx.app, 'admin')
  })
  afterAll(() => ctx.close())

  it('lets an admin invite, the invitee register with the role, and then sign in', async () => {
    const res = await invite({ role: 'manager', email: 'mia@example.com' })
    expect(res.statusCode).toBe(201)
    const { token, role, expiresAt, registerPath } = res.json()
    expect(role).toBe('manager')
    expect(registerPath).toBe('/auth/register')
    const days = (new Date(expiresAt).getTime() - Date.now()) / 86_400_000
    expect(days).toBeGreaterThan(6.9)
    expect(days).toBeLessThan(7.1)

    const reg = await register({
      token,
      username: 'Mia',
      email: 'mia@example.com',
      password: 'awnings in the spring',
    })
    expect(reg.statusCode).toBe(201)
    expect(reg.json().user).toMatchObject({ username: 'mia', role: 'manager', active: true })
    const login = await ctx.app.inject({
      method: 'POST',
      url: '/auth/login',
      payload: { username: 'mia', password: 'awnings in the spring' },
    })
    expect(login.statusCode).toBe(200)
  })

  it('spends an invite once', async () => {
    const { token } = (await invite({ role: 'staff' })).json()
    expect((await register({ token, username: 'sam1', password: GOOD_PASSWORD })).statusCode).toBe(201)
    const again = await register({ token, username: 'sam2', password: GOOD_PASSWORD })
    expect(again.statusCode).toBe(400)
    expect(again.json().code).toBe('invite.invalid')
  })

  it('refuses an expired invite', async () => {
    const { token, id } = (await invite({ role: 'staff', expiresInDays: 1 })).json()
    await ctx.app.db.execute(
      sql`UPDATE invites SET expires_at = now() - interval '1 minute' WHERE id = ${id}`,
    )
    expect((await register({ token, username: 'late', password: GOOD_PASSWORD })).json().code).toBe(
      'invite.invalid',
    )
  })

  it('does not spend the invite when the username is taken or the password is weak', async () => {
    const { token } = (await invite({ role: 'staff' })).json()
    const taken = await register({ token, username: admin.user.username, password: GOOD_PASSWORD })
    expect(taken.statusCode).toBe(409)
    expect(taken.json().code).toBe('user.username_taken')
    const weak = await register({ token, username: 'newbie', password: 'password1' })
    expect(weak.statusCode).toBe(400)
    expect(weak.json().code).toBe('auth.weak_password')
    expect((await register({ token, username: 'newbie', password: GOOD_PASSWORD })).statusCode).toBe(201)
  })

  it('stores only a digest of the invite token', async () => {
    const { token, id } = (await invite({ role: 'staff' })).json()
    const rows = await queryRows<{ token_hash: string }>(
      ctx.app.db,
      sql`SELECT token_hash FROM invites WHERE id = ${id}`,
    )
    expect(rows[0]?.token_hash).not.toBe(token)
  })

  it('lists users without password hashes', async () => {
    const res = await ctx.app.inject({ method: 'GET', url: '/api/users', headers: admin.bearer })
    expect(res.statusCode).toBe(200)
    expect(res.json().data.length).toBeGreaterThan(1)
    expect(res.body).not.toContain('argon2')
  })

  it('changes a role, but never the admin’s own', async () => {
    const staff = await userWithSession(ctx.app, 'staff')
    const res = await ctx.app.inject({
      method: 'PATCH',
      url: `/api/users/${staff.user.id}`,
      headers: admin.bearer,
      payload: { role: 'manager' },
    })
    expect(res.json().role).toBe('manager')
    const self = await ctx.app.inject({
      method: 'PATCH',
      url: `/api/users/${admin.user.id}`,
      headers: admin.bearer,
      payload: { role: 'staff' },
    })
    expect(self.statusCode).toBe(409)
    expect(self.json().code).toBe('user.cannot_change_self')
    const missing = await ctx.app.inject({
      method: 'PATCH',
      url: '/api/users/999999',
      headers: admin.bearer,
      payload: { active: false },
    })
    expect(missing.statusCode).toBe(404)
  })

  it('records every change in the audit log, readable by an admin', async () => {
    const res = await ctx.app.inject({
      method: 'GET',
      url: '/api/audit-log?limit=200',
      headers: admin.bearer,
    })
    const actions = (res.json().data as { action: string }[]).map((e) => e.action)
    expect(actions).toEqual(
      expect.arrayContaining(['invite.created', 'user.registered', 'user.updated', 'auth.login']),
    )
  })
})
