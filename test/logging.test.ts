import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { buildApp } from '../src/app.js'
import { loadConfig } from '../src/config.js'
import { loggerOptions } from '../src/logger.js'
import { createTestApp, logCapture } from './helpers/app.js'
import { TEST_SECRET_KEY } from './helpers/database.js'

describe('request logging', () => {
  const logs = logCapture()
  let ctx: Awaited<ReturnType<typeof createTestApp>>
  beforeAll(async () => {
    ctx = await createTestApp({ logs, env: { SLOW_REQUEST_MS: '50' } })
    ctx.app.post('/login-like', { config: { access: 'public' } }, async (req) => {
      req.log.info({ body: req.body }, 'handling')
      return { ok: true }
    })
    ctx.app.get('/slow', { config: { access: 'public' } }, async () => {
      await new Promise((r) => setTimeout(r, 120))
      return { ok: true }
    })
  })
  afterAll(() => ctx.close())

  it('writes one JSON line per request with method, url, status, time and request id', async () => {
    const before = logs.lines.length
    await ctx.app.inject({ method: 'GET', url: '/nowhere', headers: { 'x-request-id': 'req-42' } })
    const lines = logs.records().slice(before)
    // The one line is "request completed", or "request took N ms" when a busy machine made it slow.
    const done = lines.filter(
      (l) => typeof l.msg === 'string' && /^request (completed|took \d+ ms)$/.test(l.msg),
    )
    expect(done).toHaveLength(1)
    expect(done[0]).toMatchObject({
      reqId: 'req-42',
      statusCode: 404,
      req: { method: 'GET', url: '/nowhere' },
    })
    expect(typeof done[0]?.responseTime).toBe('number')
  })

  it('warns "request took N ms" for slow requests, as the CloudWatch query expects', async () => {
    await ctx.app.inject({ method: 'GET', url: '/slow' })
    const slow = logs.records().find((l) => typeof l.msg === 'string' && /^request took \d+ ms$/.test(l.msg))
    expect(slow).toBeDefined()
    expect(slow?.level).toBe(40)
  })

  it('keeps load balancer probes out of the info log', async () => {
    const before = logs.lines.length
    await ctx.app.inject({ method: 'GET', url: '/health' })
    // Only info and below: a probe slower than SLOW_REQUEST_MS (a busy machine) is rightly warned about.
    const quiet = logs
      .records()
      .slice(before)
      .filter((l) => (l.level as number) < 40)
    expect(quiet.map((l) => JSON.stringify(l)).join('\n')).not.toContain('/health')
  })

  it('never writes credentials, cookies, cron secrets or tokens', async () => {
    await ctx.app.inject({
      method: 'POST',
      url: '/login-like?token=tok-in-query-123&page=2',
      headers: {
        authorization: 'Bearer bearer-value-456',
        cookie: 'sid=cookie-value-789',
        'x-cron-secret': 'cron-value-000',
      },
      payload: { username: 'ann', password: 'pw-value-111', nested: { token: 'nested-tok-222' } },
    })
    const text = logs.text()
    for (const secret of [
      'tok-in-query-123',
      'bearer-value-456',
      'cookie-value-789',
      'cron-value-000',
      'pw-value-111',
      'nested-tok-222',
    ]) {
      expect(text).not.toContain(secret)
    }
    expect(text).toContain('page=2')
    expect(text).toContain('[Redacted]')
  })
})

describe('database URL in logs', () => {
  it('never logs the database password, even when the database is unreachable', async () => {
    const logs = logCapture()
    const config = loadConfig({
      DATABASE_URL: 'postgres://awning:pw-db-secret-333@127.0.0.1:1/awning',
      SECRET_KEY: TEST_SECRET_KEY,
      DB_CONNECT_TIMEOUT_MS: '300',
    })
    const app = await buildApp({ config, logger: loggerOptions('debug', logs.stream) })
    await app.inject({ method: 'GET', url: '/health' })
    await app.close()
    expect(logs.text()).toContain('database opened')
    expect(logs.text()).not.toContain('pw-db-secret-333')
  })
})
