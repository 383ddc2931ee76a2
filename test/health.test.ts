import { type AddressInfo, createServer, type Server, type Socket } from 'node:net'
import { sql } from 'drizzle-orm'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { buildApp } from '../src/app.js'
import { loadConfig } from '../src/config.js'
import { createTestApp } from './helpers/app.js'
import { TEST_SECRET_KEY } from './helpers/database.js'

describe('GET /health', () => {
  let ctx: Awaited<ReturnType<typeof createTestApp>>
  beforeAll(async () => {
    ctx = await createTestApp()
  })
  afterAll(() => ctx.close())

  it('answers 200 healthy with the database connected and an ISO timestamp', async () => {
    const res = await ctx.app.inject({ method: 'GET', url: '/health' })
    expect(res.statusCode).toBe(200)
    const body = res.json()
    expect(body).toMatchObject({ status: 'healthy', database: 'connected' })
    expect(new Date(body.timestamp).toISOString()).toBe(body.timestamp)
    expect(typeof body.version).toBe('string')
  })

  it('needs no authentication and carries the security headers', async () => {
    const res = await ctx.app.inject({ method: 'GET', url: '/health' })
    expect(res.headers['strict-transport-security']).toContain('max-age=')
    expect(res.headers['x-content-type-options']).toBe('nosniff')
    expect(res.headers['content-security-policy']).toContain("default-src 'self'")
    expect(res.headers['content-security-policy']).toContain("frame-ancestors 'none'")
    expect(res.headers['content-security-policy']).not.toContain('upgrade-insecure-requests')
    expect(res.headers['strict-transport-security']).toBe('max-age=31536000; includeSubDomains')
    expect(res.headers).toMatchObject({
      'cross-origin-opener-policy': 'same-origin',
      'cross-origin-resource-policy': 'same-origin',
      'referrer-policy': 'no-referrer',
      'x-frame-options': 'SAMEORIGIN',
      'x-dns-prefetch-control': 'off',
      'x-permitted-cross-domain-policies': 'none',
    })
    expect(res.headers['x-powered-by']).toBeUndefined()
  })

  it('lets swagger-ui replace the policy with its own on /docs only', async () => {
    const docs = await ctx.app.inject({ method: 'GET', url: '/docs' })
    const api = await ctx.app.inject({ method: 'GET', url: '/health' })
    expect(docs.statusCode).toBe(200)
    expect(docs.headers['content-security-policy']).toContain('validator.swagger.io')
    expect(api.headers['content-security-policy']).not.toContain('validator.swagger.io')
    expect(docs.headers['x-content-type-options']).toBe('nosniff')
  })

  it('shares one database round trip between concurrent probes', async () => {
    const results = await Promise.all(
      Array.from({ length: 50 }, () => ctx.app.inject({ method: 'GET', url: '/health' })),
    )
    expect(results.every((r) => r.statusCode === 200)).toBe(true)
  })
})

describe('GET /health with the database down', () => {
  // A server database on a port where nothing listens: connecting is refused at once.
  const config = loadConfig({
    DATABASE_URL: 'postgres://awning:pw@127.0.0.1:1/awning',
    SECRET_KEY: TEST_SECRET_KEY,
    DB_CONNECT_TIMEOUT_MS: '500',
    LOG_LEVEL: 'silent',
  })
  let app: Awaited<ReturnType<typeof buildApp>>
  beforeAll(async () => {
    app = await buildApp({ config, logger: { level: 'silent' } })
    app.get('/probe-query', { config: { access: 'public' } }, async () => {
      await app.db.execute(sql`select 1`)
      return { ok: true }
    })
  })
  afterAll(() => app.close())

  it('answers 503 unhealthy / disconnected', async () => {
    const res = await app.inject({ method: 'GET', url: '/health' })
    expect(res.statusCode).toBe(503)
    expect(res.json()).toMatchObject({ status: 'unhealthy', database: 'disconnected' })
  })

  it('answers a data request with 503 and Retry-After, never 500', async () => {
    const res = await app.inject({ method: 'GET', url: '/probe-query' })
    expect(res.statusCode).toBe(503)
    expect(res.headers['retry-after']).toBe('5')
    expect(res.json()).toMatchObject({ code: 'database_unavailable' })
    expect(res.body).not.toContain('ECONNREFUSED')
    expect(res.body).not.toContain('pw@')
  })
})

describe('GET /health when the database accepts connections but never answers', () => {
  let server: Server
  const sockets: Socket[] = []
  let closedSockets = 0
  let app: Awaited<ReturnType<typeof buildApp>>
  beforeAll(async () => {
    server = createServer((socket) => {
      sockets.push(socket) // swallows the startup packet, stays silent
      socket.on('close', () => closedSockets++)
    })
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
    const { port } = server.address() as AddressInfo
    const config = loadConfig({
      DATABASE_URL: `postgres://u@127.0.0.1:${port}/d`,
      SECRET_KEY: TEST_SECRET_KEY,
      // Far beyond the probe's own 2 s: an answer before any connection gave up can only be the probe's.
      DB_CONNECT_TIMEOUT_MS: '600000',
    })
    app = await buildApp({ config, logger: { level: 'silent' } })
  })
  afterAll(async () => {
    for (const socket of sockets) socket.destroy()
    await app.close().catch(() => {})
    server.close()
  })

  it('gives up after its own 2 s rather than waiting for the connect timeout', async () => {
    const started = performance.now()
    const res = await app.inject({ method: 'GET', url: '/health' })
    expect(res.statusCode).toBe(503)
    // A lower bound only (timers never fire early); the connect attempt is still pending, so the 503 came
    // from the probe's timeout and not from the pool's.
    expect(performance.now() - started).toBeGreaterThanOrEqual(1900)
    expect(sockets.length).toBeGreaterThan(0)
    expect(closedSockets).toBe(0)
  })
})
