import { afterEach, describe, expect, it, vi } from 'vitest'
import { FIRST_ADMIN_HINT } from '../../src/plugins/app/first-admin.js'
import { createTestApp, logCapture } from '../helpers/app.js'

// PGlite opened and closed for real on a shared machine: generous, per test.
describe('a fresh install with no users', { timeout: 240_000 }, () => {
  afterEach(() => {
    vi.restoreAllMocks()
  })

  it('says how to create the first admin', async () => {
    const logs = logCapture()
    const ctx = await createTestApp({ logs })
    await ctx.app.ready()
    await expect.poll(() => logs.text()).toContain(FIRST_ADMIN_HINT)
    await ctx.close()
  })

  it('with DEMO=1 creates an admin and prints its random password once, to stdout only', async () => {
    const written: string[] = []
    const original = process.stdout.write.bind(process.stdout)
    vi.spyOn(process.stdout, 'write').mockImplementation((chunk: string | Uint8Array, ...rest: unknown[]) => {
      written.push(String(chunk))
      return original(chunk, ...(rest as []))
    })
    const logs = logCapture()
    const ctx = await createTestApp({ logs, env: { DEMO: 'true', LOGIN_RATE_LIMIT_PER_MIN: '100' } })
    await ctx.app.ready()
    await expect
      .poll(() => written.join(''))
      .toMatch(/Demo admin created\. Username: admin {2}Password: (\S+)/)
    const password = /Password: (\S+)/.exec(written.join(''))?.[1] as string
    expect(logs.text()).not.toContain(password)
    const login = await ctx.app.inject({
      method: 'POST',
      url: '/auth/login',
      payload: { username: 'admin', password },
    })
    expect(login.statusCode).toBe(200)
    expect(login.json().user.role).toBe('admin')
    await ctx.close()
  })
})
