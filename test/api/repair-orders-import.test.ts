import { readFileSync } from 'node:fs'
import path from 'node:path'
import fc from 'fast-check'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { parseRepairPrice, parseSeeClean } from '../../src/domain/legacy-repairs.js'
import { createTestApp } from '../helpers/app.js'
import { userWithSession } from '../helpers/auth.js'
import { ROOT } from '../helpers/cli.js'

const fixture = (name: string) => readFileSync(path.join(ROOT, 'test/fixtures/legacy', name), 'utf8')

describe('CUSTOMERPRICE and SEECLEAN as a person reads them', () => {
  it.each([
    ['$120', 120, null],
    ['120.00', 120, null],
    ['1,200', 1200, null],
    ['$ 1,200.50', 1200.5, null],
    ['$85.-', 85, null],
    ['120,50', 120.5, null],
    ['45 dollars', 45, null],
    ['$85 + tax', 85, '$85 + tax'],
    ['approx 60', 60, 'approx 60'],
    ['call', null, 'call'],
    ['TBD', null, 'TBD'],
    ['50-75', null, '50-75'],
    ['-20', null, '-20'],
    ['', null, null],
  ])('%j is price %j with note %j', (raw, price, note) => {
    expect(parseRepairPrice(raw)).toEqual({ price, note })
  })

  it('never loses the text and never reads a price out of nothing', () => {
    fc.assert(
      fc.property(fc.string(), (raw) => {
        const { price, note } = parseRepairPrice(raw)
        if (raw.trim() === '') return price === null && note === null
        return (price === null || (price >= 0 && Number.isFinite(price))) && (note !== null || price !== null)
      }),
    )
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 9_999_999 }), (cents) => {
        const value = cents / 100
        return parseRepairPrice(`$${value.toFixed(2)}`).price === value
      }),
    )
  })

  it.each([
    ['44321', 44321, null],
    ['44321.0', 44321, null],
    ['WO 44321', 44321, null],
    ['#44321', 44321, null],
    ['see tag', null, 'see tag'],
    ['', null, null],
  ])('SEECLEAN %j names work order %j (note %j)', (raw, workOrderNo, note) => {
    expect(parseSeeClean(raw)).toEqual({ workOrderNo, note })
  })
})

describe('legacy repair order import', () => {
  let ctx: Awaited<ReturnType<typeof createTestApp>>
  let admin: Record<string, string>
  const importCsv = (kind: string, body: string) =>
    ctx.app.inject({
      method: 'POST',
      url: `/api/import/${kind}`,
      headers: { ...admin, 'content-type': 'text/csv' },
      payload: body,
    })
  const get = (url: string) => ctx.app.inject({ method: 'GET', url, headers: admin }).then((r) => r.json())

  beforeAll(async () => {
    ctx = await createTestApp()
    admin = (await userWithSession(ctx.app, 'admin')).bearer
    await importCsv('sources', fixture('sources.csv'))
    await importCsv('customers', fixture('customers.csv'))
    await importCsv('work-orders', fixture('work-orders.csv'))
  })
  afterAll(() => ctx.close())

  it('imports messy repair orders: statuses from dates, prices, links, errors by line', async () => {
    const res = await importCsv('repair-orders', fixture('repair-orders.csv'))
    expect(res.statusCode).toBe(200)
    const report = res.json()
    expect(report).toMatchObject({ kind: 'repair-orders', rows: 9, inserted: 7, updated: 0, failed: 2 })
    // Unreadable rows are reported as they are read, unknown customers when their batch is written.
    expect(report.errors.map((e: { line: number }) => e.line)).toEqual([8, 7])
    expect(report.errors[0].errors.join()).toContain('DateIn')
    expect(report.errors[1].errors.join()).toContain('CustID')
    // Prices a person reads as prices are never errors; notes are warnings.
    const warned = Object.fromEntries(
      report.warnings.map((w: { line: number; warnings: string[] }) => [w.line, w.warnings.join(' | ')]),
    )
    expect(warned[3]).toContain('no work order 44321')
    expect(warned[4]).toContain('"call" is not a price')
    expect(warned[5]).toContain('already linked to repair order 701')
    expect(warned[6]).toContain('read "$85 + tax" as 85.00')

    const ro = (no: number) => get(`/api/repair-orders/${no}`)
    expect(await ro(701)).toMatchObject({
      status: 'completed',
      dateCompleted: '2024-04-01',
      dateToSub: '2024-03-20',
      repairPrice: 120,
      priceNote: null,
      workOrderNo: 5001,
      rackLocation: 'R5',
      storageTime: 'seasonal',
      itemType: 'Awning',
      repairType: 'Restitch seams',
      repairsDoneBy: 'Sailrite Co',
      returnStatus: 'deliver',
      statusHistory: [{ toStatus: 'completed', note: 'imported' }],
    })
    expect(await ro(702)).toMatchObject({
      status: 'at_subcontractor',
      repairPrice: 1200,
      quoteStatus: 'pending',
      workOrderNo: null,
      workOrderNote: '44321.0',
    })
    expect(await ro(703)).toMatchObject({ status: 'approved', repairPrice: null, priceNote: 'call' })
    expect(await ro(704)).toMatchObject({ status: 'received', repairPrice: 120, workOrderNote: '5001' })
    expect(await ro(705)).toMatchObject({
      status: 'quoted',
      repairPrice: 85,
      priceNote: '$85 + tax',
      workOrderNo: 5002,
    })
    expect(await ro(708)).toMatchObject({
      status: 'completed',
      dateCompleted: '2024-11-20',
      priceNote: 'TBD',
    })
    expect(await ro(709)).toMatchObject({ status: 'received', repairPrice: 45.5, workOrderNo: 5006 })
    expect((await get('/api/work-orders/5001')).repairOrder).toEqual({
      repairOrderNo: 701,
      status: 'completed',
    })
  })

  it('imports repair items into the catalog and reports unknown orders by line', async () => {
    const res = (await importCsv('repair-items', fixture('repair-items.csv'))).json()
    expect(res).toMatchObject({ rows: 5, inserted: 3, failed: 2 })
    expect(res.errors.map((e: { line: number }) => e.line)).toEqual([6, 5])
    const detail = await get('/api/repair-orders/701')
    expect(detail.items).toHaveLength(2)
    expect(detail.items[0].squareFeet).toBeCloseTo(86.6, 1)
    expect(detail.itemsTotal).toBe(90)
  })

  it('is idempotent: the same files again update and never duplicate', async () => {
    const again = (await importCsv('repair-orders', fixture('repair-orders.csv'))).json()
    expect(again).toMatchObject({ rows: 9, inserted: 0, updated: 7, failed: 2 })
    const items = (await importCsv('repair-items', fixture('repair-items.csv'))).json()
    expect(items).toMatchObject({ inserted: 0, updated: 3, failed: 2 })
    expect((await get('/api/repair-orders/701')).items).toHaveLength(2)
    expect((await get('/api/repair-orders?pageSize=50')).total).toBe(7)
    expect((await get('/api/repair-orders/701')).workOrderNo).toBe(5001)
    expect((await get('/api/repair-orders/704')).workOrderNo).toBeNull()
  })

  it('numbers new repair orders after the imported ones', async () => {
    const customer = (await get('/api/customers?customerNo=101')).data[0]
    const created = await ctx.app.inject({
      method: 'POST',
      url: '/api/repair-orders',
      headers: admin,
      payload: { customerId: customer.id },
    })
    expect(created.json().repairOrderNo).toBe(710)
  })
})
