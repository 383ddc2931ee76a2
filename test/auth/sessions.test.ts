import { sql } from 'drizzle-orm'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { buildApp } from '../../src/app.js'
import { loadConfig } from '../../src/config.js'
import { createTestApp } from '../helpers/app.js'
import { newSession, userWithSession } from '../helpers/auth.js'
import { queryRows } from '../helpers/database.js'

describe('sessions', () => {
  let ctx: Awaited<ReturnType<typeof createTestApp>>
  const me = (headers: Record<string, string>) => ctx.app.inject({ method: 'GET', url: '/auth/me', headers })

  beforeAll(async () => {
    ctx = await createTestApp()
  })
  afterAll(() => ctx.close())

  it('are stored as a keyed digest, never the token itself', async () => {
    const { token, user } = await userWithSession(ctx.app, 'staff')
    const result = await queryRows<{ token_hash: string }>(
      ctx.app.db,
      sql`SELECT token_hash FROM sessions WHERE user_id = ${user.id}`,
    )
    const stored = result[0]?.token_hash
    expect(stored).toMatch(/^[0-9a-f]{64}$/)
    expect(stored).not.toBe(token)
  })

  it('end after the idle timeout', async () => {
    const { bearer, user } = await userWithSession(ctx.app, 'staff')
    expect((await me(bearer)).statusCode).toBe(200)
    await ctx.app.db.execute(
      sql`UPDATE sessions SET last_seen_at = now() - interval '9 hours' WHERE user_id = ${user.id}`,
    )
    const res = await me(bearer)
    expect(res.statusCode).toBe(401)
    expect(res.json().code).toBe('auth.session_invalid')
  })

  it('stay alive while used: each use moves the idle clock', async () => {
    const { bearer, user } = await userWithSession(ctx.app, 'staff')
    await ctx.app.db.execute(
      sql`UPDATE sessions SET last_seen_at = now() - interval '7 hours' WHERE user_id = ${user.id}`,
    )
    expect((await me(bearer)).statusCode).toBe(200)
    const result = await queryRows<{ age: number }>(
      ctx.app.db,
      sql`SELECT extract(epoch from now() - last_seen_at)::int AS age FROM sessions WHERE user_id = ${user.id}`,
    )
    expect(result[0]?.age).toBeLessThan(60)
  })

  it('end at the absolute expiry even when in use', async () => {
    const { bearer, user } = await userWithSession(ctx.app, 'staff')
    await ctx.app.db.execute(
      sql`UPDATE sessions SET expires_at = now() - interval '1 second' WHERE user_id = ${user.id}`,
    )
    expect((await me(bearer)).statusCode).toBe(401)
  })

  it('cannot be reused after logout, by bearer or by cookie', async () => {
    const { token, bearer } = await userWithSession(ctx.app, 'manager')
    const out = await ctx.app.inject({ method: 'POST', url: '/auth/logout', headers: bearer })
    expect(out.statusCode).toBe(204)
    expect((await me(bearer)).statusCode).toBe(401)
    expect((await me({ cookie: `__Host-ams_session=${token}` })).statusCode).toBe(401)
  })

  it('end at once for a deactivated user, on every device', async () => {
    const admin = await userWithSession(ctx.app, 'admin')
    const staff = await userWithSession(ctx.app, 'staff')
    const secondDevice = await newSession(ctx.app, staff.user.username)
    const res = await ctx.app.inject({
      method: 'PATCH',
      url: `/api/users/${staff.user.id}`,
      headers: admin.bearer,
      payload: { active: false },
    })
    expect(res.statusCode).toBe(200)
    expect(res.json().active).toBe(false)
    expect((await me(staff.bearer)).statusCode).toBe(401)
    expect((await me(secondDevice.bearer)).statusCode).toBe(401)
    const login = await ctx.app.authService
      .login({ username: staff.user.username, password: 'x'.repeat(20) }, {})
      .catch((e) => e)
    expect(login.statusCode).toBe(401)
  })

  it('reject a garbage or missing token with 401', async () => {
    expect((await me({ authorization: 'Bearer not-a-real-token' })).statusCode).toBe(401)
    expect((await me({ authorization: 'Basic abc' })).json().code).toBe('auth.required')
    expect((await me({})).json().code).toBe('auth.required')
  })
})

describe('SECRET_KEY rotation', () => {
  it('keeps sessions made under the previous key valid while SECRET_KEY_PREVIOUS is set, and only then', async () => {
    const oldKey = 'old-key-0123456789-0123456789-0123456789'
    const newKey = 'new-key-0123456789-0123456789-0123456789'
    const ctx = await createTestApp({ env: { SECRET_KEY: oldKey } })
    const { bearer } = await userWithSession(ctx.app, 'staff')
    await ctx.app.close()
    const build = (env: Record<string, string>) =>
      buildApp({
        config: loadConfig({ DATA_DIR: ctx.testDb.dataDir, MIGRATE_ON_START: 'false', ...env }),
        database: ctx.database,
        logger: { level: 'silent' },
      })
    const rotating = await build({ SECRET_KEY: newKey, SECRET_KEY_PREVIOUS: oldKey })
    expect((await rotating.inject({ method: 'GET', url: '/auth/me', headers: bearer })).statusCode).toBe(200)
    await rotating.close()
    const rotated = await build({ SECRET_KEY: newKey })
    expect((await rotated.inject({ method: 'GET', url: '/auth/me', headers: bearer })).statusCode).toBe(401)
    await rotated.close()
    await ctx.database.close()
    await ctx.testDb.dispose()
  })
})
