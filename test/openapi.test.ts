import { Validator } from '@seriousme/openapi-schema-validator'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { rolesOf } from '../src/auth/access.js'
import { SECURITY } from '../src/plugins/infra/openapi.js'
import { createTestApp } from './helpers/app.js'

type Operation = {
  security?: Record<string, string[]>[]
  requestBody?: { content: Record<string, { schema: Record<string, unknown> }> }
  responses: Record<string, { content?: Record<string, unknown> }>
}
type Document = {
  paths: Record<string, Record<string, Operation>>
  components: { securitySchemes: Record<string, Record<string, string>> }
}

const openapiPath = (url: string) => url.replace(/:([A-Za-z]+)/g, '{$1}')

// Issue 15, item 18: /docs must say how to authenticate and how to send the streamed bodies.
describe('the OpenAPI document', () => {
  let ctx: Awaited<ReturnType<typeof createTestApp>>
  let doc: Document
  beforeAll(async () => {
    ctx = await createTestApp()
    doc = (await ctx.app.inject({ url: '/docs/json' })).json()
  })
  afterAll(() => ctx.close())
  const operation = (method: string, url: string) => doc.paths[openapiPath(url)]?.[method.toLowerCase()]

  it('is a valid OpenAPI 3.1 document', async () => {
    const validator = new Validator()
    const result = await validator.validate(structuredClone(doc))
    expect(result.errors ?? []).toEqual([])
    expect(result.valid).toBe(true)
    expect(validator.version).toBe('3.1')
  })

  it('declares the bearer token, the session cookie and the cron header', () => {
    expect(doc.components.securitySchemes).toEqual({
      [SECURITY.bearer]: expect.objectContaining({ type: 'http', scheme: 'bearer' }),
      [SECURITY.cookie]: expect.objectContaining({
        type: 'apiKey',
        in: 'cookie',
        name: ctx.app.sessionCookie.name,
      }),
      [SECURITY.cron]: expect.objectContaining({ type: 'apiKey', in: 'header', name: 'X-Cron-Secret' }),
    })
  })

  it("declares each route's security as its access rule says: a session, the cron header, or none", () => {
    const wrong: string[] = []
    for (const { method, url, access } of ctx.app.routeAccess) {
      if (url.startsWith('/docs') || ctx.app.webRoutes.has(`${method} ${url}`)) continue
      const schemes = (operation(method, url)?.security ?? []).map((s) => Object.keys(s).join('+')).sort()
      const expected = [
        ...(access === 'cron' || (typeof access === 'object' && 'cronOr' in access) ? [SECURITY.cron] : []),
        ...(rolesOf(access) ? [SECURITY.bearer, SECURITY.cookie] : []),
      ].sort()
      if (schemes.join() !== expected.join()) wrong.push(`${method} ${url}: [${schemes}] ≠ [${expected}]`)
    }
    expect(wrong).toEqual([])
    expect(ctx.app.routeAccess.filter((r) => rolesOf(r.access)).length).toBeGreaterThan(30)
  })

  it('gives the upload a multipart form with a binary file, and the import a text/csv body', () => {
    const upload = operation('POST', '/api/work-orders/:no/files')?.requestBody?.content
    expect(Object.keys(upload ?? {})).toEqual(['multipart/form-data'])
    expect(upload?.['multipart/form-data']?.schema).toMatchObject({
      required: ['file'],
      properties: { file: { type: 'string', format: 'binary' } },
    })
    const csv = operation('POST', '/api/import/:kind')?.requestBody?.content
    expect(Object.keys(csv ?? {})).toEqual(['text/csv'])
  })

  it('documents export.csv as CSV only for its 200; its errors are JSON, as they are sent', async () => {
    const responses = operation('GET', '/api/work-orders/export.csv')?.responses ?? {}
    expect(Object.keys(responses['200']?.content ?? {})).toEqual(['text/csv'])
    for (const status of ['400', '401', '403'])
      expect(Object.keys(responses[status]?.content ?? {}), status).toEqual(['application/json'])
    const refused = await ctx.app.inject({ url: '/api/work-orders/export.csv' })
    expect(refused.statusCode).toBe(401)
    expect(refused.headers['content-type']).toMatch(/^application\/json/)
  })
})
