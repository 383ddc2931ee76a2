import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createTestApp } from '../helpers/app.js'
import { userWithSession } from '../helpers/auth.js'
import { onPostgres } from '../helpers/database.js'

describe(`work order numbers (${onPostgres ? 'PostgreSQL' : 'PGlite'})`, () => {
  let ctx: Awaited<ReturnType<typeof createTestApp>>
  beforeAll(async () => {
    ctx = await createTestApp()
  })
  afterAll(() => ctx.close())

  it('are distinct for 200 concurrent creates, from the sequence', async () => {
    const { bearer } = await userWithSession(ctx.app, 'manager')
    const customer = (
      await ctx.app.inject({
        method: 'POST',
        url: '/api/customers',
        headers: bearer,
        payload: { name: 'Busy Marina' },
      })
    ).json()
    const results = await Promise.all(
      Array.from({ length: 200 }, () =>
        ctx.app.inject({
          method: 'POST',
          url: '/api/work-orders',
          headers: bearer,
          payload: { customerId: customer.id },
        }),
      ),
    )
    expect(results.map((r) => r.statusCode).filter((s) => s !== 201)).toEqual([])
    const numbers = results.map((r) => r.json().workOrderNo as number)
    expect(new Set(numbers).size).toBe(200)
  })
})
