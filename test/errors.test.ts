import { Type } from 'typebox'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { AppError } from '../src/errors.js'
import { createTestApp } from './helpers/app.js'

describe('the error handler', () => {
  let ctx: Awaited<ReturnType<typeof createTestApp>>
  beforeAll(async () => {
    ctx = await createTestApp({ env: { BODY_LIMIT_BYTES: '2048' } })
    // Routes that exist only in this test, to drive each error path through the production handler.
    ctx.app.post(
      '/echo',
      {
        config: { access: 'public' },
        schema: {
          body: Type.Object({ name: Type.String({ minLength: 1 }) }, { additionalProperties: false }),
        },
      },
      async (req) => req.body,
    )
    ctx.app.get('/boom', { config: { access: 'public' } }, async () => {
      throw new Error('password=hunter2 at /srv/app/secret.ts:42')
    })
    ctx.app.get('/conflict', { config: { access: 'public' } }, async () => {
      throw new AppError(409, 'work_order.invalid_transition', 'A completed order cannot be cleaned')
    })
  })
  afterAll(() => ctx.close())

  it('answers an unknown route with a JSON 404 and a stable code', async () => {
    const res = await ctx.app.inject({ method: 'GET', url: '/no/such/route?x=1' })
    expect(res.statusCode).toBe(404)
    expect(res.json()).toMatchObject({
      statusCode: 404,
      code: 'route_not_found',
      message: 'Route GET /no/such/route not found',
    })
  })

  it('answers a schema violation with 400 validation_failed', async () => {
    const res = await ctx.app.inject({ method: 'POST', url: '/echo', payload: { name: '', extra: true } })
    expect(res.statusCode).toBe(400)
    expect(res.json().code).toBe('validation_failed')
  })

  it('answers malformed JSON with 400 invalid_json', async () => {
    const res = await ctx.app.inject({
      method: 'POST',
      url: '/echo',
      headers: { 'content-type': 'application/json' },
      payload: '{"name": ',
    })
    expect(res.statusCode).toBe(400)
    expect(res.json().code).toBe('invalid_json')
  })

  it('answers an oversized body with 413 body_too_large', async () => {
    const res = await ctx.app.inject({ method: 'POST', url: '/echo', payload: { name: 'x'.repeat(5000) } })
    expect(res.statusCode).toBe(413)
    expect(res.json().code).toBe('body_too_large')
  })

  it('answers an unsupported content type with 415', async () => {
    const res = await ctx.app.inject({
      method: 'POST',
      url: '/echo',
      headers: { 'content-type': 'application/x-unknown' },
      payload: 'x',
    })
    expect(res.statusCode).toBe(415)
    expect(res.json().code).toBe('unsupported_media_type')
  })

  it('passes an application error through with its status and code', async () => {
    const res = await ctx.app.inject({ method: 'GET', url: '/conflict' })
    expect(res.statusCode).toBe(409)
    expect(res.json()).toMatchObject({
      code: 'work_order.invalid_transition',
      message: 'A completed order cannot be cleaned',
    })
  })

  it('never leaks internals in a 500', async () => {
    const res = await ctx.app.inject({ method: 'GET', url: '/boom' })
    expect(res.statusCode).toBe(500)
    expect(res.json()).toMatchObject({ code: 'internal_error', message: 'Internal Server Error' })
    expect(res.body).not.toContain('hunter2')
    expect(res.body).not.toContain('secret.ts')
  })

  it('echoes a sane x-request-id and replaces a hostile one', async () => {
    const given = await ctx.app.inject({
      method: 'GET',
      url: '/health',
      headers: { 'x-request-id': 'abc-123' },
    })
    expect(given.headers['x-request-id']).toBe('abc-123')
    const hostile = await ctx.app.inject({
      method: 'GET',
      url: '/health',
      headers: { 'x-request-id': '<script>' },
    })
    expect(hostile.headers['x-request-id']).not.toBe('<script>')
  })
})

describe('OpenAPI', () => {
  let ctx: Awaited<ReturnType<typeof createTestApp>>
  beforeAll(async () => {
    ctx = await createTestApp()
  })
  afterAll(() => ctx.close())

  it('serves the generated document with every route and its responses', async () => {
    const res = await ctx.app.inject({ method: 'GET', url: '/docs/json' })
    expect(res.statusCode).toBe(200)
    const doc = res.json()
    expect(doc.openapi).toMatch(/^3\./)
    expect(Object.keys(doc.paths['/health'].get.responses)).toEqual(['200', '503'])
  })

  it('documents every registered route with its responses', async () => {
    const doc = (await ctx.app.inject({ method: 'GET', url: '/docs/json' })).json()
    const missing = ctx.app.routeAccess
      .filter((r) => !r.url.startsWith('/docs'))
      .filter((r) => !ctx.app.webRoutes.has(`${r.method} ${r.url}`)) // pages are HTML, not API operations
      .filter((r) => {
        const path = r.url.replace(/:([A-Za-z]+)/g, '{$1}')
        const op = doc.paths[path]?.[r.method.toLowerCase()]
        return !op || Object.keys(op.responses ?? {}).length === 0
      })
      .map((r) => `${r.method} ${r.url}`)
    expect(missing).toEqual([])
    expect(ctx.app.routeAccess.length).toBeGreaterThan(30)
  })

  it('serves the documentation page under a CSP that allows it', async () => {
    const res = await ctx.app.inject({ method: 'GET', url: '/docs/' })
    expect(res.statusCode).toBe(200)
    expect(res.headers['content-type']).toContain('text/html')
    expect(res.headers['content-security-policy']).toBeDefined()
  })
})
