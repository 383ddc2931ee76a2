import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createTestApp } from '../helpers/app.js'
import { userWithSession } from '../helpers/auth.js'
import { pdfInfo, pdfText } from '../pdf/poppler.js'

type Ctx = Awaited<ReturnType<typeof createTestApp>>

// The PDF routes (docs/PRINTING.md) over real orders, read back with pdftotext and pdfinfo.
describe('work order PDFs: GET /api/work-orders/:no/pdf and /api/work-orders/pdf', () => {
  let ctx: Ctx
  let staff: Record<string, string>
  const numbers: number[] = []

  const get = (url: string, headers: Record<string, string> = staff) =>
    ctx.app.inject({ method: 'GET', url, headers })
  const pdfOf = async (url: string) => {
    const res = await get(url)
    expect(res.statusCode, res.body.slice(0, 200)).toBe(200)
    expect(res.headers['content-type']).toBe('application/pdf')
    return { res, pdf: res.rawPayload }
  }

  beforeAll(async () => {
    ctx = await createTestApp({
      env: {
        SHOP_NAME: 'Harbor Awning Care',
        SHOP_ADDRESS: '12 Dock Street|Annapolis, MD 21401',
        SHOP_PHONE: '(410) 555-0100',
      },
    })
    const manager = await userWithSession(ctx.app, 'manager')
    staff = (await userWithSession(ctx.app, 'staff')).bearer
    const write = { actor: { id: manager.user.id, username: manager.user.username } }
    const nunez = await ctx.app.customersService.create(write, {
      name: 'María Núñez',
      contact: 'Łukasz Wójcik',
      cellPhone: '(410) 555-0199',
      homePhone: '(410) 555-0123',
      email: 'maria@example.com',
    })
    const piece = (description: string, unitPrice: number, quantity = 1) => ({
      description,
      material: 'Sunbrella',
      color: 'Navy',
      condition: 'Good',
      sizeText: "10'x8'",
      quantity,
      unitPrice,
    })
    const first = await ctx.app.workOrdersService.create(write, {
      customerId: nunez.id,
      name: 'Dock awnings',
      firmRush: true,
      rush: true,
      dateRequired: '2026-12-20',
      storageTime: 'seasonal',
      rackLocation: 'B-12',
      returnStatus: 'ship',
      returnTo: 'Marina office',
      specialInstructions: 'Fold, do not roll.',
      items: [piece('Front awning', 120), piece('Side curtain', 45.5, 2)],
    })
    const big = await ctx.app.workOrdersService.create(write, {
      customerId: nunez.id,
      items: Array.from({ length: 60 }, (_, i) => piece(`Cushion ${i + 1}`, 10)),
    })
    const third = await ctx.app.workOrdersService.create(write, {
      customerId: nunez.id,
      items: [piece('Jib', 80)],
    })
    numbers.push(first.workOrderNo, big.workOrderNo, third.workOrderNo)
  })
  afterAll(() => ctx?.close())

  it('prints the order number, the shop, the customer, every item and the total, inline by default', async () => {
    const no = numbers[0] as number
    const { res, pdf } = await pdfOf(`/api/work-orders/${no}/pdf`)
    expect(res.headers['content-disposition']).toBe(
      `inline; filename="work-order-${no}.pdf"; filename*=UTF-8''work-order-${no}.pdf`,
    )
    expect(res.headers['cache-control']).toBe('private, no-store')
    const text = pdfText(pdf)
    for (const expected of [
      `No. ${no}`,
      'Harbor Awning Care',
      'Annapolis, MD 21401',
      'María Núñez',
      'Łukasz Wójcik',
      'Cell: (410) 555-0199',
      'Home: (410) 555-0123',
      'maria@example.com',
      'FIRM RUSH',
      'Front awning',
      'Side curtain',
      'Total $211.00',
      'Rack: B-12',
      'Storage: Seasonal',
      'Return: Ship',
      'Return to: Marina office',
      'Fold, do not roll.',
      'Required: 2026-12-20',
    ])
      expect(text).toContain(expected)
  })

  it('download=1 makes it an attachment', async () => {
    const { res } = await pdfOf(`/api/work-orders/${numbers[0]}/pdf?download=1`)
    expect(res.headers['content-disposition']).toMatch(/^attachment; filename="work-order-\d+\.pdf"/)
  })

  it('the same order prints byte-identical twice', async () => {
    const a = (await pdfOf(`/api/work-orders/${numbers[0]}/pdf`)).pdf
    const b = (await pdfOf(`/api/work-orders/${numbers[0]}/pdf`)).pdf
    expect(a.equals(b)).toBe(true)
  })

  it('an order with 60 items takes 2 pages, every item printed', async () => {
    const { pdf } = await pdfOf(`/api/work-orders/${numbers[1]}/pdf`)
    expect(pdfInfo(pdf).Pages).toBe('2')
    const text = pdfText(pdf)
    for (let i = 1; i <= 60; i++) expect(text).toMatch(new RegExp(`Cushion ${i}\\s`))
    expect(text).toContain('page 2 of 2')
    expect(text).toContain('Total $600.00')
  })

  it('prints 3 orders in one PDF in the order asked for (repeated or comma-separated numbers)', async () => {
    const [a, b, c] = numbers as [number, number, number]
    for (const query of [`numbers=${c}&numbers=${a}&numbers=${b}`, `numbers=${c},${a}&numbers=${b}`]) {
      const { res, pdf } = await pdfOf(`/api/work-orders/pdf?${query}`)
      expect(res.headers['content-disposition']).toMatch(
        new RegExp(`^inline; filename="work-orders-${c}-${b}\\.pdf"`),
      )
      const printed = [...pdfText(pdf).matchAll(/No\. (\d+)\n/g)].map((m) => Number(m[1]))
      expect(printed).toEqual([c, a, b])
      expect(pdfInfo(pdf).Pages).toBe('4')
    }
  })

  it('unknown numbers: 404 print.not_found naming them, nothing printed', async () => {
    const res = await get(`/api/work-orders/pdf?numbers=${numbers[0]},999991,999992`)
    expect(res.statusCode).toBe(404)
    expect(res.json()).toMatchObject({ code: 'print.not_found', message: 'No work order #999991, #999992' })
    const one = await get('/api/work-orders/999991/pdf')
    expect(one.statusCode).toBe(404)
    expect(one.json().code).toBe('work_order.not_found')
  })

  it('more than 500 distinct numbers: 400 print.too_many; bad numbers: 400', async () => {
    const many = Array.from({ length: 501 }, (_, i) => i + 1).join(',')
    const res = await get(`/api/work-orders/pdf?numbers=${many}`)
    expect(res.statusCode).toBe(400)
    expect(res.json().code).toBe('print.too_many')
    for (const url of [
      '/api/work-orders/pdf',
      '/api/work-orders/pdf?numbers=',
      '/api/work-orders/pdf?numbers=0x10',
      '/api/work-orders/pdf?numbers=1,,2',
      `/api/work-orders/${numbers[0]}/pdf?download=yes`,
      '/api/work-orders/1e3/pdf',
    ]) {
      const bad = await get(url)
      expect(bad.statusCode, url).toBe(400)
      expect(bad.json().code, url).toBeTypeOf('string')
    }
  })

  it('needs a session (401); every role may print', async () => {
    expect((await get(`/api/work-orders/${numbers[0]}/pdf`, {})).statusCode).toBe(401)
    expect((await get(`/api/work-orders/pdf?numbers=${numbers[0]}`, {})).statusCode).toBe(401)
    for (const role of ['admin', 'manager'] as const) {
      const { bearer } = await userWithSession(ctx.app, role)
      expect((await get(`/api/work-orders/${numbers[0]}/pdf`, bearer)).statusCode).toBe(200)
    }
  })
})
