import { readFileSync } from 'node:fs'
import path from 'node:path'
import { parse } from 'csv-parse/sync'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createTestApp } from '../helpers/app.js'
import { userWithSession } from '../helpers/auth.js'
import { ROOT } from '../helpers/cli.js'

const fixture = (name: string) => readFileSync(path.join(ROOT, 'test/fixtures/legacy', name), 'utf8')

describe('legacy CSV import and CSV export', () => {
  let ctx: Awaited<ReturnType<typeof createTestApp>>
  let admin: Record<string, string>
  const importCsv = (kind: string, body: string, headers = admin) =>
    ctx.app.inject({
      method: 'POST',
      url: `/api/import/${kind}`,
      headers: { ...headers, 'content-type': 'text/csv' },
      payload: body,
    })
  const get = (url: string) => ctx.app.inject({ method: 'GET', url, headers: admin })

  beforeAll(async () => {
    ctx = await createTestApp()
    admin = (await userWithSession(ctx.app, 'admin')).bearer
  })
  afterAll(() => ctx.close())

  it('imports messy sources, reporting bad rows by line', async () => {
    const res = await importCsv('sources', fixture('sources.csv'))
    expect(res.statusCode).toBe(200)
    expect(res.json()).toMatchObject({ rows: 3, inserted: 2, failed: 1 })
    expect(res.json().errors[0].line).toBe(4)
    const loft = (await get('/api/sources?name=harbor')).json().data[0]
    expect(loft.email).toBe('loft@example.com')
    expect((await get('/api/sources?name=bay canvas')).json().data[0].name).toBe('Bay Canvas')
  })

  it('imports customers keeping legacy numbers, cleaning e-mails and phones, creating named sources', async () => {
    const res = await importCsv('customers', fixture('customers.csv'))
    expect(res.json()).toMatchObject({ rows: 5, inserted: 3, failed: 2, createdSources: ['New Marina'] })
    expect(res.json().errors.map((e: { line: number }) => e.line)).toEqual([5, 6])
    const crab = (await get('/api/customers?customerNo=101')).json().data[0]
    expect(crab).toMatchObject({
      email: 'dana@example.com',
      workPhone: '(410) 555-0199',
      sourceName: 'Harbor Sail Loft',
    })
    expect((await get('/api/customers?customerNo=102')).json().data[0].email).toBe('jsmith@example.net')
  })

  it('imports work orders with explicit statuses mapped from the legacy dates and flags', async () => {
    const res = await importCsv('work-orders', fixture('work-orders.csv'))
    expect(res.json()).toMatchObject({ rows: 6, inserted: 4, failed: 2 })
    const lines = res
      .json()
      .errors.map((e: { line: number; errors: string[] }) => `${e.line}:${e.errors.join()}`)
    expect(lines.some((l: string) => l.startsWith('5:') && l.includes('CustID'))).toBe(true)
    expect(lines.some((l: string) => l.startsWith('6:') && l.includes('DateIn'))).toBe(true)
    const detail = (no: number) => get(`/api/work-orders/${no}`).then((r) => r.json())
    expect(await detail(5001)).toMatchObject({
      status: 'completed',
      dateIn: '2024-03-15',
      dateCompleted: '2024-04-02',
      rush: true,
    })
    const boat = await detail(5002)
    expect(boat).toMatchObject({
      status: 'cleaned',
      quoteStatus: 'approved',
      firmRush: true,
      repairsNeeded: true,
    })
    expect(boat.specialInstructions).toContain('Restitch left valance')
    expect(boat.shipTo.name).toBe('Harbor Sail Loft')
    expect(await detail(5003)).toMatchObject({
      status: 'received',
      quoteStatus: 'pending',
      returnStatus: 'rehang',
    })
    expect((await detail(5001)).statusHistory).toHaveLength(1)
  })

  it('imports items with square feet and prices, feeding the catalog', async () => {
    const res = await importCsv('items', fixture('items.csv'))
    expect(res.json()).toMatchObject({ rows: 7, inserted: 5, failed: 2 })
    const order = (await get('/api/work-orders?workOrderNo=5001')).json().data[0]
    expect(order).toMatchObject({ itemCount: 2, total: 1345.5, squareFeet: 197.26 })
    const sails = (await get('/api/work-orders/5003')).json().items
    expect(sails.map((i: { squareFeet: number | null }) => i.squareFeet)).toEqual([null, 17.1])
    const customer = (await get('/api/customers?customerNo=101')).json().data[0]
    expect((await get(`/api/customers/${customer.id}`)).json().items.length).toBe(2)
  })

  it('updates, never duplicates, when the same files are imported again', async () => {
    const before = (await get('/api/work-orders?pageSize=200')).json()
    for (const kind of ['sources', 'customers', 'work-orders', 'items']) {
      const res = (await importCsv(kind, fixture(`${kind}.csv`))).json()
      expect(res.inserted, kind).toBe(0)
    }
    const after = (await get('/api/work-orders?pageSize=200')).json()
    expect(after.total).toBe(before.total)
    expect(after.data.map((r: { itemCount: number; total: number }) => [r.itemCount, r.total])).toEqual(
      before.data.map((r: { itemCount: number; total: number }) => [r.itemCount, r.total]),
    )
    expect((await get('/api/customers')).json().total).toBe(3)
  })

  it('continues numbering after the largest imported number', async () => {
    const customer = (await get('/api/customers?customerNo=101')).json().data[0]
    const created = await ctx.app.inject({
      method: 'POST',
      url: '/api/work-orders',
      headers: admin,
      payload: { customerId: customer.id },
    })
    expect(created.json().workOrderNo).toBe(5007)
  })

  it('exports every matching order as CSV that imports back unchanged', async () => {
    const res = await get('/api/work-orders/export.csv')
    expect(res.statusCode).toBe(200)
    expect(res.headers['content-type']).toContain('text/csv')
    expect(res.headers['content-disposition']).toMatch(
      /attachment; filename="work-orders-\d{4}-\d{2}-\d{2}\.csv"/,
    )
    const rows = parse(res.body, { columns: true }) as Record<string, string>[]
    expect(Object.keys(rows[0] ?? {}).slice(0, 7)).toEqual([
      'WorkOrderNo',
      'CustomerName',
      'Status',
      'Price',
      'DateIn',
      'DateCompleted',
      'Source',
    ])
    expect(rows.find((r) => r.WorkOrderNo === '5001')).toMatchObject({
      CustomerName: 'Chesapeake Crab House',
      Status: 'completed',
      Price: '1345.50',
    })
    const rush = parse((await get('/api/work-orders/export.csv?rush=true')).body, {
      columns: true,
    }) as unknown[]
    expect(rush).toHaveLength(2)

    const before = (await get('/api/work-orders?pageSize=200&sort=workOrderNo')).json().data
    const again = (await importCsv('work-orders', res.body)).json()
    expect(again).toMatchObject({ inserted: 0, updated: rows.length, failed: 0 })
    const after = (await get('/api/work-orders?pageSize=200&sort=workOrderNo')).json().data
    const essentials = (r: Record<string, unknown>) => [
      r.workOrderNo,
      r.status,
      r.dateIn,
      r.dateCompleted,
      r.rush,
      r.firmRush,
      r.total,
      r.quoteStatus,
    ]
    expect(after.map(essentials)).toEqual(before.map(essentials))
  })

  it('is for admins (import) and managers (export) only', async () => {
    const staff = (await userWithSession(ctx.app, 'staff')).bearer
    expect((await importCsv('sources', fixture('sources.csv'), staff)).statusCode).toBe(403)
    expect(
      (await ctx.app.inject({ method: 'GET', url: '/api/work-orders/export.csv', headers: staff }))
        .statusCode,
    ).toBe(403)
    expect((await importCsv('bogus', 'a,b\n1,2\n')).statusCode).toBe(400)
  })

  it('answers an unreadable CSV with 400 and where it broke, never 500', async () => {
    const res = await importCsv('sources', 'SSource,SourceCity\n"unterminated,Annapolis\n')
    expect(res.statusCode).toBe(400)
    expect(res.json().code).toBe('import.malformed_csv')
  })

  it('imports a file with NUL bytes and bytes that are not UTF-8: cleans or refuses those rows by line, never 500', async () => {
    const body = Buffer.concat([
      Buffer.from('SSource,SourceCity\n'),
      Buffer.from('Nul\u0000 Loft,Annap\u0000olis\n'), // line 2: NULs removed, imported with a warning
      Buffer.from('Bad '),
      Buffer.from([0xff, 0xfe]), // line 3: not UTF-8 (a Windows-1252 or binary file)
      Buffer.from(' Loft,Annapolis\n'),
      Buffer.from('Clean Loft,Annapolis\n'),
    ])
    const res = await importCsv('sources', body as unknown as string)
    expect(res.statusCode).toBe(200)
    expect(res.json()).toMatchObject({ rows: 3, inserted: 2, failed: 1 })
    expect(res.json().errors).toEqual([
      { line: 3, errors: [expect.stringMatching(/^SSource: is not valid UTF-8/)] },
    ])
    expect(res.json().warnings).toEqual([
      {
        line: 2,
        warnings: ['SSource: removed 1 NUL character(s)', 'SourceCity: removed 1 NUL character(s)'],
      },
    ])
    const loft = (await get('/api/sources?name=nul')).json().data[0]
    expect(loft).toMatchObject({ name: 'Nul Loft', city: 'Annapolis' })
    expect((await get('/api/sources?name=clean loft')).json().total).toBe(1)
  })

  it('reports item sizes that give no square feet as warnings by line', async () => {
    const res = await importCsv(
      'items',
      'WorkOrderNo,Description,SizeWgt\n5006,Cushion,3m x 2.5m\n5006,Cover,about as big as a car\n5006,Sail,30#\n',
    )
    expect(res.json()).toMatchObject({ rows: 3, inserted: 3, failed: 0 })
    expect(res.json().warnings).toEqual([
      { line: 3, warnings: [expect.stringMatching(/^SizeWgt: Size "about as big/)] },
    ])
    const row = (await get('/api/work-orders?workOrderNo=5006')).json().data[0]
    expect(row).toMatchObject({ itemCount: 3, squareFeet: 80.73, unparsedSizes: 1 })
  })
})
