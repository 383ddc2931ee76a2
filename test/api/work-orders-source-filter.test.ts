import { parse } from 'csv-parse/sync'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createTestApp } from '../helpers/app.js'
import { userWithSession } from '../helpers/auth.js'

// The sourceId list filter of work orders (exact, by the customer's source), beside sourceName (a contains
// match on the name), and the source page's count that uses it.
describe('work orders filtered by sourceId', () => {
  let ctx: Awaited<ReturnType<typeof createTestApp>>
  let bearer: Record<string, string>
  let cookie: string
  let loftId: number
  let northId: number
  const get = (url: string, headers: Record<string, string> = bearer) =>
    ctx.app.inject({ method: 'GET', url, headers })

  beforeAll(async () => {
    ctx = await createTestApp()
    const manager = await userWithSession(ctx.app, 'manager')
    bearer = manager.bearer
    cookie = `__Host-ams_session=${manager.token}`
    const post = async (url: string, payload: object) => {
      const res = await ctx.app.inject({ method: 'POST', url, headers: bearer, payload })
      expect(res.statusCode, url).toBe(201)
      return res.json()
    }
    // "Harbor Lofts North" contains "Harbor Lofts": a name filter cannot tell them apart.
    loftId = (await post('/api/sources', { name: 'Harbor Lofts' })).id
    northId = (await post('/api/sources', { name: 'Harbor Lofts North' })).id
    const inLoft = (await post('/api/customers', { name: 'Anchor Inn', sourceId: loftId })).id
    const inNorth = (await post('/api/customers', { name: 'Blue Heron', sourceId: northId })).id
    const none = (await post('/api/customers', { name: 'Captain Lee' })).id
    for (const [i, customerId] of [inLoft, inLoft, inNorth, none].entries())
      await post('/api/work-orders', {
        customerId,
        name: `Order ${i}`,
        dateIn: `2025-03-0${i + 1}`,
        items: [{ description: 'Awning', sizeText: '8x10', unitPrice: 100 }],
      })
  })
  afterAll(() => ctx.close())

  it('lists and counts only the orders of customers of that source', async () => {
    const res = await get(`/api/work-orders?sourceId=${loftId}&pageSize=1`)
    expect(res.statusCode).toBe(200)
    expect(res.json().total).toBe(2)
    expect(res.json().data[0].sourceName).toBe('Harbor Lofts')
    const all = (await get(`/api/work-orders?sourceId=${loftId}`)).json()
    expect(all.data.map((o: { name: string }) => o.name).sort()).toEqual(['Order 0', 'Order 1'])
    expect((await get(`/api/work-orders?sourceId=${northId}`)).json().total).toBe(1)
    // The name filter matches both sources (what the source page counted before).
    expect((await get('/api/work-orders?sourceName=Harbor%20Lofts')).json().total).toBe(3)
    expect((await get('/api/work-orders?sourceId=999999')).json().total).toBe(0)
  })

  it('sorted by source, the total still counts every order (the count needs no join for a sort)', async () => {
    const res = await get('/api/work-orders?sort=sourceName,dateIn&status=received&pageSize=2')
    expect(res.json().total).toBe(4)
    expect(res.json().data.map((o: { name: string }) => o.name)).toEqual(['Order 0', 'Order 1'])
  })

  it('filters the CSV export the same way', async () => {
    const res = await get(`/api/work-orders/export.csv?sourceId=${loftId}`)
    expect(res.statusCode).toBe(200)
    const rows = parse(res.body, { columns: true }) as Record<string, string>[]
    expect(rows).toHaveLength(2)
    const items = await get(`/api/work-orders/items/export.csv?sourceId=${northId}`)
    expect(items.statusCode).toBe(200)
    expect(parse(items.body, { columns: true })).toHaveLength(1)
  })

  it.each([
    '/api/work-orders?sourceId=1.5',
    '/api/work-orders?sourceId=0x10',
    '/api/work-orders?sourceId=1e3',
    '/api/work-orders/export.csv?sourceId=1.5',
    '/api/work-orders/export.csv?sourceId=0x10',
    '/api/work-orders/export.csv?sourceId=99999999999',
  ])('%s is a 400 query.invalid_filter', async (url) => {
    const res = await get(url)
    expect(res.statusCode).toBe(400)
    expect(res.json().code).toBe('query.invalid_filter')
  })

  it('the source page counts exactly its own orders and links to the list by sourceId', async () => {
    const res = await get(`/sources/${loftId}`, { cookie, accept: 'text/html' })
    expect(res.statusCode).toBe(200)
    expect(res.body).toContain('Newest 2 of 2 ')
    expect(res.body).toContain(`sourceId=${loftId}`)
    const list = await get(`/work-orders?sourceId=${loftId}`, { cookie, accept: 'text/html' })
    expect(list.statusCode).toBe(200)
    expect(list.body).toContain('Order 0')
    expect(list.body).not.toContain('Order 2')
  })
})
