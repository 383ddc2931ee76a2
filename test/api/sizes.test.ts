import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createTestApp } from '../helpers/app.js'
import { userWithSession } from '../helpers/auth.js'

describe('item sizes: metric sizes get square feet, unreadable ones are reported', () => {
  let ctx: Awaited<ReturnType<typeof createTestApp>>
  let manager: Record<string, string>
  const api = (method: string, url: string, payload?: unknown) =>
    ctx.app.inject({
      method: method as 'GET',
      url,
      headers: manager,
      ...(payload === undefined ? {} : { payload: payload as object }),
    })
  let customerId: number

  beforeAll(async () => {
    ctx = await createTestApp()
    manager = (await userWithSession(ctx.app, 'manager')).bearer
    customerId = (await api('POST', '/api/customers', { name: 'Metric Marina' })).json().id
  })
  afterAll(() => ctx.close())

  it('computes square feet for metric sizes and warns about the size it cannot read', async () => {
    const res = await api('POST', '/api/work-orders', {
      customerId,
      items: [
        { description: 'Awning', sizeText: 'approx 3m x 2.5m' },
        { description: 'Side panel', sizeText: '300x250cm' },
        { description: 'Cover', sizeText: 'big-ish' },
        { description: 'Mainsail', sizeText: '30#' },
        { description: 'Cushion' },
      ],
    })
    expect(res.statusCode).toBe(201)
    const order = res.json()
    expect(order.items.map((i: { squareFeet: number | null }) => i.squareFeet)).toEqual([
      80.73,
      80.73,
      null,
      null,
      null,
    ])
    expect(order.items.map((i: { sizeWarning: string | null }) => i.sizeWarning !== null)).toEqual([
      false,
      false,
      true,
      false,
      false,
    ])
    expect(order.warnings).toHaveLength(1)
    expect(order.warnings[0]).toMatch(/^Item 3 \(Cover\): Size "big-ish" was not understood/)

    const row = (await api('GET', `/api/work-orders?workOrderNo=${order.workOrderNo}`)).json().data[0]
    expect(row).toMatchObject({ unparsedSizes: 1, squareFeet: 161.46 })
  })

  it('clears the warning and the list flag once the item is given a readable size', async () => {
    const order = (
      await api('POST', '/api/work-orders', {
        customerId,
        items: [{ description: 'Bimini', sizeText: '3 x 2 metres-ish?' }],
      })
    ).json()
    expect(order.warnings).toHaveLength(1)
    const itemId = order.items[0].id
    const listed = () =>
      api('GET', `/api/work-orders?workOrderNo=${order.workOrderNo}`).then((r) => r.json().data[0])
    expect((await listed()).unparsedSizes).toBe(1)

    const updated = await api('PATCH', `/api/work-orders/${order.workOrderNo}/items/${itemId}`, {
      sizeText: '3 m x 2,5 m',
    })
    expect(updated.statusCode).toBe(200)
    expect(updated.json().items[0]).toMatchObject({ squareFeet: 80.73, sizeWarning: null })
    expect(updated.json().warnings).toEqual([])
    expect((await listed()).unparsedSizes).toBe(0)

    const added = await api('POST', `/api/work-orders/${order.workOrderNo}/items`, {
      description: 'Flag',
      sizeText: '3000x2500',
    })
    expect(added.json().warnings).toEqual([expect.stringContaining('"3000x2500" was not understood')])
    expect((await listed()).unparsedSizes).toBe(1)
  })
})
