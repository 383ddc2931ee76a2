import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createTestApp } from '../helpers/app.js'
import { userWithSession } from '../helpers/auth.js'
import { pdfInfo, pdfText } from '../pdf/poppler.js'

// Repair orders print through the same renderer as work orders (docs/PRINTING.md), read back with pdftotext.
describe('repair order PDFs: GET /api/repair-orders/:no/pdf and /api/repair-orders/pdf', () => {
  let ctx: Awaited<ReturnType<typeof createTestApp>>
  let staff: Record<string, string>
  let workOrderNo: number
  const repairs: number[] = []
  const get = (url: string) => ctx.app.inject({ method: 'GET', url, headers: staff })

  beforeAll(async () => {
    ctx = await createTestApp({ env: { SHOP_NAME: 'Harbor Awning Care' } })
    const manager = await userWithSession(ctx.app, 'manager')
    staff = (await userWithSession(ctx.app, 'staff')).bearer
    const write = { actor: { id: manager.user.id, username: manager.user.username } }
    const customer = await ctx.app.customersService.create(write, {
      name: 'Łukasz Núñez',
      cellPhone: '(410) 555-0142',
    })
    workOrderNo = (await ctx.app.workOrdersService.create(write, { customerId: customer.id, name: 'Bimini' }))
      .workOrderNo
    const first = await ctx.app.repairOrdersService.create(write, {
      customerId: customer.id,
      name: 'Torn bimini',
      workOrderNo,
      firmRush: true,
      repairPrice: 185.5,
      repairType: 'Restitch seams',
      itemType: 'Bimini top',
      repairsDoneBy: 'Bay Canvas Works',
      materialList: 'V-92 thread, 2 yd Sunbrella Navy',
      items: [
        { description: 'Bimini top', material: 'Sunbrella', color: 'Navy', sizeText: '6x8', unitPrice: 150 },
        { description: 'Boot', sizeText: '2x6', quantity: 2, unitPrice: 17.75 },
      ],
    })
    const second = await ctx.app.repairOrdersService.create(write, {
      customerId: customer.id,
      name: 'Zipper',
    })
    repairs.push(first.repairOrderNo, second.repairOrderNo)
  })
  afterAll(() => ctx.close())

  it('prints the repair order: number, customer, repair facts, the linked work order, items and total', async () => {
    const res = await get(`/api/repair-orders/${repairs[0]}/pdf`)
    expect(res.statusCode, res.body.slice(0, 200)).toBe(200)
    expect(res.headers['content-type']).toBe('application/pdf')
    expect(res.headers['content-disposition']).toMatch(
      new RegExp(`^inline; filename="repair-order-${repairs[0]}.pdf"`),
    )
    const text = pdfText(res.rawPayload)
    for (const expected of [
      'Repair order',
      String(repairs[0]),
      'Harbor Awning Care',
      'Łukasz Núñez',
      'FIRM RUSH',
      '$185.50',
      'Restitch seams',
      'Bay Canvas Works',
      `#${workOrderNo}`,
      'V-92 thread',
      'Bimini top',
      'Boot',
      '185.50', // items: 150 + 2 × 17.75
    ])
      expect(text).toContain(expected)
  })

  it('prints several in the order asked, as a download, and refuses unknown numbers', async () => {
    const res = await get(`/api/repair-orders/pdf?numbers=${repairs[1]},${repairs[0]}&download=1`)
    expect(res.statusCode).toBe(200)
    expect(res.headers['content-disposition']).toMatch(/^attachment/)
    const text = pdfText(res.rawPayload)
    expect(text.indexOf('Zipper')).toBeLessThan(text.indexOf('Torn bimini'))
    expect(text.indexOf('Zipper')).toBeGreaterThan(-1)
    expect(pdfInfo(res.rawPayload).Pages).toBe('2')

    const missing = await get(`/api/repair-orders/pdf?numbers=${repairs[0]},999999`)
    expect(missing.statusCode).toBe(404)
    expect(missing.json()).toMatchObject({ code: 'print.not_found' })
    expect((await get('/api/repair-orders/999999/pdf')).json()).toMatchObject({
      code: 'repair_order.not_found',
    })
  })
})
