import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createTestApp } from '../helpers/app.js'
import { userWithSession } from '../helpers/auth.js'

async function appWithCronRoute(env: Record<string, string>) {
  const ctx = await createTestApp({ env })
  // Stands for the retrain route: only the access rule is under test here.
  ctx.app.post('/ml/cron/test', { config: { access: 'cron' } }, async () => ({ ran: true }))
  return ctx
}

describe('cron routes', () => {
  describe('without CRON_SECRET', () => {
    let ctx: Awaited<ReturnType<typeof createTestApp>>
    beforeAll(async () => {
      ctx = await appWithCronRoute({})
    })
    afterAll(() => ctx.close())

    it('answer 503 "cron secret not configured", whatever is sent', async () => {
      const res = await ctx.app.inject({
        method: 'POST',
        url: '/ml/cron/test',
        headers: { 'x-cron-secret': 'guess' },
      })
      expect(res.statusCode).toBe(503)
      expect(res.json()).toMatchObject({ code: 'cron.not_configured', message: 'cron secret not configured' })
    })
  })

  describe('with CRON_SECRET', () => {
    let ctx: Awaited<ReturnType<typeof createTestApp>>
    const secret = 'nightly-retrain-secret-1234'
    beforeAll(async () => {
      ctx = await appWithCronRoute({ CRON_SECRET: secret })
    })
    afterAll(() => ctx.close())

    it('run with the right X-Cron-Secret header', async () => {
      const res = await ctx.app.inject({
        method: 'POST',
        url: '/ml/cron/test',
        headers: { 'x-cron-secret': secret },
      })
      expect(res.statusCode).toBe(200)
      expect(res.json()).toEqual({ ran: true })
    })

    it('refuse a wrong, missing or query-string secret, and a session in its place', async () => {
      const post = (url: string, headers: Record<string, string>) =>
        ctx.app.inject({ method: 'POST', url, headers })
      expect((await post('/ml/cron/test', { 'x-cron-secret': `${secret}x` })).statusCode).toBe(401)
      expect((await post('/ml/cron/test', {})).json().code).toBe('cron.invalid_secret')
      expect((await post(`/ml/cron/test?secret=${secret}`, {})).statusCode).toBe(401)
      const admin = await userWithSession(ctx.app, 'admin')
      expect((await post('/ml/cron/test', admin.bearer)).statusCode).toBe(401)
    })
  })
})
