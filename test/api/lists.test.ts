import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createTestApp } from '../helpers/app.js'
import { userWithSession } from '../helpers/auth.js'

describe('list screens: paging, filters, sorts, search, and a bounded number of statements', () => {
  let ctx: Awaited<ReturnType<typeof createTestApp>>
  let bearer: Record<string, string>
  let counting = false
  let statements: string[] = []
  const get = (url: string) => ctx.app.inject({ method: 'GET', url, headers: bearer })

  beforeAll(async () => {
    ctx = await createTestApp({
      onQuery: (q) => {
        if (counting) statements.push(q)
      },
    })
    bearer = (await userWithSession(ctx.app, 'manager')).bearer
    const post = (url: string, payload: object) =>
      ctx.app.inject({ method: 'POST', url, headers: bearer, payload })
    const loft = (await post('/api/sources', { name: 'Bayside Marina' })).json()
    const names = [
      'Anchor Inn',
      'Blue Heron Cafe',
      'Captain Lee',
      'Dockside Grill',
      'Eastport Yacht Club',
      'Fells Point Tavern',
    ]
    const ids: number[] = []
    for (const [i, name] of names.entries()) {
      const c = await post('/api/customers', {
        name,
        city: i % 2 ? 'Annapolis' : 'Baltimore',
        homePhone: `410-555-01${10 + i}`,
        ...(i < 2 ? { sourceId: loft.id } : {}),
      })
      ids.push(c.json().id)
    }
    // 60 orders over January–June 2025, every third one rush, each with two items.
    for (let i = 0; i < 60; i++) {
      const month = String((i % 6) + 1).padStart(2, '0')
      const day = String((i % 27) + 1).padStart(2, '0')
      await post('/api/work-orders', {
        customerId: ids[i % ids.length],
        name: i === 7 ? 'Striped cabana' : `Order ${i}`,
        dateIn: `2025-${month}-${day}`,
        rush: i % 3 === 0,
        items: [
          { description: 'Awning', sizeText: '8x10', unitPrice: 100 + i },
          { description: 'Side curtain', sizeText: '4x6', quantity: 2, unitPrice: 30 },
        ],
      })
    }
  })
  afterAll(() => ctx.close())

  async function count(url: string) {
    statements = []
    counting = true
    const res = await get(url)
    counting = false
    expect(res.statusCode, res.body).toBe(200)
    return { res, n: statements.length }
  }

  it('answers pages with data, total, page, pageSize and pageCount', async () => {
    const res = await get('/api/work-orders?page=2&pageSize=25&sort=dateIn')
    expect(res.json()).toMatchObject({ total: 60, page: 2, pageSize: 25, pageCount: 3 })
    expect(res.json().data).toHaveLength(25)
    expect((await get('/api/work-orders?page=9&pageSize=25')).json().data).toEqual([])
  })

  it('sorts on several fields, ascending and descending, with stable pages', async () => {
    const rows = (await get('/api/work-orders?pageSize=200&sort=-rush,dateIn')).json().data as {
      rush: boolean
      dateIn: string
    }[]
    const firstRegular = rows.findIndex((r) => !r.rush)
    expect(rows.slice(0, firstRegular).every((r) => r.rush)).toBe(true)
    expect(rows.slice(firstRegular).every((r) => !r.rush)).toBe(true)
    const rushDates = rows.slice(0, firstRegular).map((r) => r.dateIn)
    expect(rushDates).toEqual([...rushDates].sort())
  })

  it('filters exactly, by range and by contained text', async () => {
    expect((await get('/api/work-orders?rush=true')).json().total).toBe(20)
    const march = (await get('/api/work-orders?dateIn=2025-03-01..2025-03-31&pageSize=200')).json()
    expect(march.total).toBe(10)
    expect(march.data.every((r: { dateIn: string }) => r.dateIn.startsWith('2025-03'))).toBe(true)
    expect((await get('/api/work-orders?dateIn=2025-03-01-2025-03-31')).json().total).toBe(10)
    expect((await get('/api/work-orders?customerName=heron')).json().total).toBe(10)
    expect((await get('/api/work-orders?workOrderNo=1-5')).json().total).toBe(5)
    expect((await get('/api/customers?customerNo=2-3')).json().total).toBe(2)
  })

  it('searches customer name, phone digits, city, source, order number and order name with q', async () => {
    expect((await get('/api/customers?q=dockside')).json().data.map((c: { name: string }) => c.name)).toEqual(
      ['Dockside Grill'],
    )
    expect(
      (await get('/api/customers?q=4105550112')).json().data.map((c: { name: string }) => c.name),
    ).toEqual(['Captain Lee'])
    expect((await get('/api/customers?q=bayside')).json().total).toBe(2)
    expect((await get('/api/customers?q=annapolis')).json().total).toBe(3)
    expect((await get('/api/work-orders?q=cabana')).json().data[0].name).toBe('Striped cabana')
    const byNumber = (await get('/api/work-orders?q=42')).json().data
    expect(byNumber.some((r: { workOrderNo: number }) => r.workOrderNo === 42)).toBe(true)
    expect((await get('/api/work-orders?q=100%25')).json().total).toBe(0)
  })

  it("finds work orders by their customer's name, phone or source, each order once", async () => {
    expect((await get('/api/work-orders?q=dockside')).json().total).toBe(10)
    expect((await get('/api/work-orders?q=410-555-0112')).json().total).toBe(10)
    expect((await get('/api/work-orders?q=bayside')).json().total).toBe(20)
    // "a" matches every customer (cities) and some order names ("Striped cabana"): still 60, no repeats.
    const all = (await get('/api/work-orders?q=a&pageSize=200')).json()
    expect(all.total).toBe(60)
    expect(new Set(all.data.map((r: { id: number }) => r.id)).size).toBe(60)
  })

  it('answers a bad sort or filter with a 400 and a stable code', async () => {
    expect((await get('/api/work-orders?sort=password')).json().code).toBe('query.invalid_sort')
    expect((await get('/api/work-orders?dateIn=yesterday')).json().code).toBe('query.invalid_filter')
    expect((await get('/api/work-orders?rush=maybe')).json().code).toBe('query.invalid_filter')
    expect((await get('/api/work-orders?pageSize=500')).json().code).toBe('validation_failed')
    expect((await get('/api/work-orders?bogus=1')).statusCode).toBe(400)
  })

  it('issues the same small number of statements for a page of 5 and a page of 200', async () => {
    // Two filters that select the same rows, so each total is counted (a repeated filter's total is cached).
    const small = await count('/api/work-orders?pageSize=5&sort=-dateIn&dateIn=2024-01-01..2026-12-31')
    const large = await count('/api/work-orders?pageSize=200&sort=-dateIn&dateIn=2024-01-02..2026-12-31')
    expect(large.res.json().data).toHaveLength(60)
    // The session lookup and its idle-clock touch, then the page's ids, its rows with totals, and the count.
    expect(small.n).toBeLessThanOrEqual(5)
    expect(large.n).toBe(small.n)
    const customersSmall = await count('/api/customers?pageSize=2&customerNo=1-1000')
    const customersLarge = await count('/api/customers?pageSize=200&customerNo=1-1001')
    expect(customersLarge.n).toBe(customersSmall.n)
  })

  it('loads a customer with source, catalog and recent orders with items in a bounded number of statements', async () => {
    const id = (await get('/api/customers?q=anchor')).json().data[0].id
    const detail = await count(`/api/customers/${id}`)
    expect(detail.res.json().workOrders).toHaveLength(10)
    expect(detail.res.json().workOrders.every((w: { items: unknown[] }) => w.items.length === 2)).toBe(true)
    expect(detail.n).toBeLessThanOrEqual(3) // the session lookup and touch, then one query
    const order = await count('/api/work-orders/7')
    expect(order.res.json().items).toHaveLength(2)
    expect(order.n).toBeLessThanOrEqual(3)
  })
})
