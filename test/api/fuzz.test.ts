import fc from 'fast-check'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createTestApp } from '../helpers/app.js'
import { userWithSession } from '../helpers/auth.js'

/** Field names our schemas use, so generated bodies and queries hit real validation paths, not only "unknown key". */
const KEYS = [
  'name',
  'customerId',
  'sourceId',
  'items',
  'description',
  'quantity',
  'unitPrice',
  'sizeText',
  'catalogItemId',
  'dateIn',
  'dateRequired',
  'rush',
  'firmRush',
  'status',
  'to',
  'note',
  'quoteStatus',
  'email',
  'role',
  'active',
  'page',
  'pageSize',
  'sort',
  'q',
  'workOrderNo',
  'customerName',
  'city',
  'order',
  'version',
  'expiresInDays',
]
const scalar = fc.oneof(
  fc.string({ maxLength: 30 }),
  fc.integer(),
  fc.double(),
  fc.boolean(),
  fc.constant(null),
  fc.date({ noInvalidDate: true }).map((d) => d.toISOString().slice(0, 10)),
)
const body = fc.oneof(
  fc.jsonValue({ maxDepth: 2 }),
  fc.dictionary(
    fc.constantFrom(...KEYS),
    fc.oneof(scalar, fc.array(fc.dictionary(fc.constantFrom(...KEYS), scalar), { maxLength: 3 })),
  ),
)
const query = fc.dictionary(
  fc.constantFrom(...KEYS),
  fc.oneof(
    fc.string({ maxLength: 20 }),
    fc.integer().map(String),
    fc.constantFrom('1-5', '2024-01-01..2024-02-01', '-name', 'true', '%', "'"),
  ),
  { maxKeys: 4 },
)
const param = fc.oneof(
  fc.integer({ min: -5, max: 3_000_000_000 }).map(String),
  fc.string({ minLength: 1, maxLength: 10 }).map(encodeURIComponent),
)

describe('fuzzing every route with a body or a query string', () => {
  let ctx: Awaited<ReturnType<typeof createTestApp>>
  let bearer: Record<string, string>
  beforeAll(async () => {
    ctx = await createTestApp({
      env: { LOGIN_RATE_LIMIT_PER_MIN: '100000', CRON_SECRET: 'fuzz-cron-secret-value' },
    })
    bearer = (await userWithSession(ctx.app, 'admin')).bearer
  })
  afterAll(() => ctx.close())

  it('never answers 5xx, whatever the parameters, query and body', async () => {
    // Logging out would end the session the rest of the run uses.
    const routes = ctx.app.routeAccess.filter((r) => !r.url.startsWith('/docs') && r.url !== '/auth/logout')
    const failures: string[] = []
    for (const route of routes) {
      await fc.assert(
        fc.asyncProperty(param, query, body, async (p, q, b) => {
          const url = route.url.replace(/:[A-Za-z]+/g, p)
          const search = new URLSearchParams(q as Record<string, string>).toString()
          const res = await ctx.app.inject({
            method: route.method as 'GET',
            url: search ? `${url}?${search}` : url,
            headers: bearer,
            ...(route.method === 'GET' || route.method === 'DELETE'
              ? {}
              : { payload: JSON.stringify(b), headers: { ...bearer, 'content-type': 'application/json' } }),
          })
          if (res.statusCode >= 500)
            failures.push(
              `${route.method} ${url}?${search} ${JSON.stringify(b)} → ${res.statusCode} ${res.body}`,
            )
          expect(res.statusCode).toBeLessThan(500)
        }),
        { numRuns: Number(process.env.FUZZ_RUNS ?? 25) },
      )
    }
    expect(failures).toEqual([])
  }, 240_000)
})
