import { readFileSync } from 'node:fs'
import path from 'node:path'
import { parse } from 'csv-parse/sync'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createExportsRepository } from '../../src/repositories/exports.js'
import { createTestApp } from '../helpers/app.js'
import { userWithSession } from '../helpers/auth.js'
import { ROOT } from '../helpers/cli.js'

const fixture = (name: string) => readFileSync(path.join(ROOT, 'test/fixtures/legacy', name), 'utf8')
type Row = Record<string, string>

describe('CSV exports: work orders, items and customers', () => {
  let ctx: Awaited<ReturnType<typeof createTestApp>>
  let admin: Record<string, string>
  const get = (url: string, headers = admin) => ctx.app.inject({ method: 'GET', url, headers })
  const rowsOf = async (url: string): Promise<Row[]> => {
    const res = await get(url)
    expect(res.statusCode, url).toBe(200)
    return parse(res.body, { columns: true }) as Row[]
  }
  const importCsv = (kind: string, body: string) =>
    ctx.app.inject({
      method: 'POST',
      url: `/api/import/${kind}`,
      headers: { ...admin, 'content-type': 'text/csv' },
      payload: body,
    })

  beforeAll(async () => {
    ctx = await createTestApp()
    admin = (await userWithSession(ctx.app, 'admin')).bearer
    for (const kind of ['sources', 'customers', 'work-orders', 'items'])
      await importCsv(kind, fixture(`${kind}.csv`))
  })
  afterAll(() => ctx.close())

  it("adds the customer's phones and e-mail to the work-orders export", async () => {
    const rows = await rowsOf('/api/work-orders/export.csv?workOrderNo=5001')
    expect(rows).toHaveLength(1)
    expect(rows[0]).toMatchObject({
      WorkOrderNo: '5001',
      CustomerName: 'Chesapeake Crab House',
      Price: '1345.50',
      HomePhone: '',
      WorkPhone: '(410) 555-0199',
      CellPhone: '',
      EmailAddress: 'dana@example.com',
    })
  })

  it('exports one row per item with size, square feet, quantity, unit price and line total', async () => {
    const res = await get('/api/work-orders/items/export.csv')
    expect(res.headers['content-type']).toContain('text/csv')
    expect(res.headers['content-disposition']).toMatch(/attachment; filename="items-\d{4}-\d{2}-\d{2}\.csv"/)
    const rows = parse(res.body, { columns: true }) as Row[]
    expect(rows.map((r) => [r.WorkOrderNo, r.Description])).toEqual([
      ['5001', 'Awning'],
      ['5001', 'Side curtain'],
      ['5002', 'Boat cover'],
      ['5003', 'Mainsail'],
      ['5003', 'Jib'],
    ])
    expect(rows[0]).toEqual({
      WorkOrderNo: '5001',
      CustID: '101',
      CustomerName: 'Chesapeake Crab House',
      DateIn: '2024-03-15',
      Status: 'completed',
      Description: 'Awning',
      Material: 'Sunbrella',
      Condition: 'Good',
      Color: 'Navy',
      SizeWgt: `10'6"x8'3"`,
      SquareFeet: '86.63',
      Qty: '2',
      Price: '150.00',
      LineTotal: '300.00',
    })
    expect(rows[3]).toMatchObject({ SizeWgt: '30#', SquareFeet: '', Price: '', LineTotal: '' })
  })

  it('filters the items export with the work order list filters and search', async () => {
    const byNo = await rowsOf('/api/work-orders/items/export.csv?workOrderNo=5003')
    expect(byNo.map((r) => r.Description)).toEqual(['Mainsail', 'Jib'])
    const byCustomer = await rowsOf('/api/work-orders/items/export.csv?customerName=crab')
    expect(byCustomer.map((r) => r.Description)).toEqual(['Awning', 'Side curtain'])
    const searched = await rowsOf('/api/work-orders/items/export.csv?q=smith')
    expect(searched.map((r) => r.Description)).toEqual(['Boat cover'])
    expect(await rowsOf('/api/work-orders/items/export.csv?status=cancelled')).toEqual([])
  })

  it('exports customers with their contact columns, filtered as the customer list', async () => {
    const rows = await rowsOf('/api/customers/export.csv')
    expect(rows.map((r) => r.CustID)).toEqual(['101', '102', '103'])
    expect(rows[1]).toMatchObject({
      Name: 'Smith, John',
      Address: '22 Oak Ave, Apt 3',
      HomePhone: '(410) 555-0142',
      EmailAddress: 'jsmith@example.net',
      MailAddress: 'PO Box 9',
      ZipCode: '21037',
    })
    const annapolis = await rowsOf('/api/customers/export.csv?city=annapolis&sourceName=harbor')
    expect(annapolis.map((r) => r.Name)).toEqual(['Chesapeake Crab House'])
  })

  it('reads its customers and items exports back through the importer unchanged', async () => {
    const customers = (await get('/api/customers/export.csv')).body
    expect((await importCsv('customers', customers)).json()).toMatchObject({
      inserted: 0,
      updated: 3,
      failed: 0,
    })
    expect((await get('/api/customers/export.csv')).body).toBe(customers)
    const items = (await get('/api/work-orders/items/export.csv')).body
    expect((await importCsv('items', items)).json()).toMatchObject({ inserted: 0, updated: 5, failed: 0 })
    expect((await get('/api/work-orders/items/export.csv')).body).toBe(items)
  })

  it('reads every batch: the same rows whatever the batch size', async () => {
    const exports = createExportsRepository(ctx.app.db)
    const all = async <T>(batches: AsyncIterable<T[]>) => {
      const rows: T[] = []
      for await (const batch of batches) rows.push(...batch)
      return rows
    }
    const items = (rows: { id: number }[]) => rows.map((r) => r.id)
    expect(items(await all(exports.items({ filters: {} }, 1)))).toEqual(
      items(await all(exports.items({ filters: {} }))),
    )
    expect(items(await all(exports.items({ filters: {} }, 1)))).toHaveLength(5)
    const customers = await all(exports.customers({ filters: {} }, 1))
    expect(customers.map((c) => c.customerNo)).toEqual([101, 102, 103])
  })

  it('answers bad filters with a JSON 400, anonymous callers with 401 and staff with 403, on every export', async () => {
    const staff = (await userWithSession(ctx.app, 'staff')).bearer
    for (const url of [
      '/api/work-orders/export.csv',
      '/api/work-orders/items/export.csv',
      '/api/customers/export.csv',
    ]) {
      const bad = await get(`${url}?bogus=1`)
      expect(bad.statusCode, url).toBe(400)
      expect(bad.headers['content-type'], url).toContain('application/json')
      expect(bad.json().code, url).toBeTypeOf('string')
      const badValue = await get(
        url.startsWith('/api/customers') ? `${url}?customerNo=abc` : `${url}?dateIn=soon`,
      )
      expect(badValue.statusCode, url).toBe(400)
      expect(badValue.json().code, url).toBe('query.invalid_filter')
      expect((await get(url, {})).statusCode, url).toBe(401)
      expect((await get(url, staff)).statusCode, url).toBe(403)
    }
  })

  describe('formula injection (OWASP): text that a spreadsheet would run is written with a leading quote', () => {
    const evilName = '=HYPERLINK("http://evil.example","x")'
    beforeAll(async () => {
      const manager = (await userWithSession(ctx.app, 'manager')).bearer
      const post = (url: string, payload: object) =>
        ctx.app.inject({ method: 'POST', url, headers: manager, payload }).then((r) => r.json())
      const customer = await post('/api/customers', {
        name: evilName,
        contact: '-Dana',
        workPhone: '+44 20 7946 0958',
        city: 'Evilton',
      })
      await post('/api/work-orders', {
        customerId: customer.id,
        name: '@SUM(1+1)',
        items: [{ description: '+cmd|calc', sizeText: '\t=1+1', unitPrice: 12.5, quantity: 2 }],
      })
    })

    it('in the work-orders export, keeping numbers as numbers', async () => {
      const [row] = await rowsOf('/api/work-orders/export.csv?customerName=hyperlink')
      expect(row).toMatchObject({
        CustomerName: `'${evilName}`,
        WOName: "'@SUM(1+1)",
        WorkPhone: "'+44 20 7946 0958",
        Price: '25.00',
        ItemCount: '1',
      })
    })

    it('in the items export', async () => {
      const [row] = await rowsOf('/api/work-orders/items/export.csv?customerName=hyperlink')
      expect(row).toMatchObject({
        CustomerName: `'${evilName}`,
        Description: "'+cmd|calc",
        SizeWgt: "'\t=1+1",
        Qty: '2',
        Price: '12.50',
        LineTotal: '25.00',
      })
    })

    it('in the customers export, and the importer reads the neutralized cells back as they were', async () => {
      const res = await get('/api/customers/export.csv?city=evilton')
      const [row] = parse(res.body, { columns: true }) as Row[]
      expect(row).toMatchObject({ Name: `'${evilName}`, Contact: "'-Dana", WorkPhone: "'+44 20 7946 0958" })
      expect((await importCsv('customers', res.body)).json()).toMatchObject({ updated: 1, failed: 0 })
      const [again] = (await get('/api/customers?city=evilton')).json().data
      expect(again).toMatchObject({ name: evilName, contact: '-Dana', workPhone: '+44 20 7946 0958' })
    })
  })
})
