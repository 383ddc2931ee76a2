import fc from 'fast-check'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createTestApp } from '../helpers/app.js'

/** Anything a client might send as a JSON body, including the right field names with wrong values. */
const jsonValue = fc.jsonValue({ maxDepth: 3 })
const bodyArb = fc.oneof(
  jsonValue,
  fc.record(
    { username: jsonValue, password: jsonValue, token: jsonValue, email: jsonValue, extra: jsonValue },
    { requiredKeys: [] },
  ),
  fc.record({ username: fc.string(), password: fc.string({ maxLength: 2000 }) }),
)

describe('fuzzing the public auth routes', () => {
  let ctx: Awaited<ReturnType<typeof createTestApp>>
  beforeAll(async () => {
    ctx = await createTestApp({ env: { LOGIN_RATE_LIMIT_PER_MIN: '100000' } })
  })
  afterAll(() => ctx.close())

  for (const url of ['/auth/login', '/auth/register']) {
    it(`${url} never answers 5xx, whatever the body`, async () => {
      await fc.assert(
        fc.asyncProperty(bodyArb, async (body) => {
          const res = await ctx.app.inject({
            method: 'POST',
            url,
            payload: JSON.stringify(body),
            headers: { 'content-type': 'application/json' },
          })
          expect(res.statusCode).toBeGreaterThanOrEqual(400)
          expect(res.statusCode).toBeLessThan(500)
          expect(typeof res.json().code).toBe('string')
        }),
        { numRuns: 150 },
      )
    })
  }

  it('/auth/login never answers 5xx to raw, non-JSON bytes', async () => {
    await fc.assert(
      fc.asyncProperty(fc.string({ maxLength: 200 }), async (raw) => {
        const res = await ctx.app.inject({
          method: 'POST',
          url: '/auth/login',
          payload: raw,
          headers: { 'content-type': 'application/json' },
        })
        expect(res.statusCode).toBeLessThan(500)
      }),
      { numRuns: 100 },
    )
  })
})
