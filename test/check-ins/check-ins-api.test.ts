import supertest from 'supertest'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { samples } from '../files/samples.js'
import { createTestApp } from '../helpers/app.js'
import { userWithSession } from '../helpers/auth.js'
import { onPostgres } from '../helpers/database.js'

type Ctx = Awaited<ReturnType<typeof createTestApp>>
type Headers = Record<string, string>

describe(`check-ins over HTTP (${onPostgres ? 'PostgreSQL' : 'PGlite'})`, () => {
  let ctx: Ctx
  let http: ReturnType<typeof supertest>
  let staff: Headers
  let manager: Headers
  let admin: Headers
  let customerId: number
  let otherCustomerId: number
  let catalogItemId: number

  beforeAll(async () => {
    ctx = await createTestApp()
    staff = (await userWithSession(ctx.app, 'staff')).bearer
    manager = (await userWithSession(ctx.app, 'manager')).bearer
    admin = (await userWithSession(ctx.app, 'admin')).bearer
    await ctx.app.ready()
    http = supertest(ctx.app.server)
    customerId = (await http.post('/api/customers').set(manager).send({ name: 'Harbor Canvas Co' })).body.id
    otherCustomerId = (await http.post('/api/customers').set(manager).send({ name: 'Lakeside Marina' })).body
      .id
    // A catalog entry, as an earlier work order leaves one.
    const order = await http
      .post('/api/work-orders')
      .set(manager)
      .send({
        customerId,
        items: [
          {
            description: 'Bimini top',
            material: 'Sunbrella',
            color: 'Navy',
            sizeText: '10x8',
            unitPrice: 95,
          },
        ],
      })
    expect(order.status).toBe(201)
    catalogItemId = order.body.items[0].catalogItemId
  })
  afterAll(() => ctx.close())

  const create = (body: Record<string, unknown>, headers = staff) =>
    http.post('/api/check-ins').set(headers).send(body)
  const full = () => ({
    customerId,
    dateIn: '2026-03-02',
    dateRequired: '2026-04-15',
    rush: true,
    firmRush: true,
    storageTime: 'seasonal',
    rackLocation: 'R-12',
    repairsNeeded: true,
    specialInstructions: 'Re-stitch the valance; call before pickup',
    items: [
      { catalogItemId, quantity: 2, condition: 'mildew' },
      {
        description: 'Cockpit cushion',
        material: 'Vinyl',
        color: 'White',
        sizeText: "4'6\"x2'",
        quantity: 3,
        unitPrice: 40,
      },
    ],
  })

  it('records a check-in with a catalog item and a typed one, pending, parsed and priced like order items', async () => {
    const res = await create(full())
    expect(res.status).toBe(201)
    expect(res.body).toMatchObject({
      customerId,
      state: 'pending',
      workOrderNo: null,
      rackLocation: 'R-12',
      customer: { id: customerId, name: 'Harbor Canvas Co' },
    })
    const [picked, typed] = res.body.items
    // The catalog pick copies its fields and its last price as the quote.
    expect(picked).toMatchObject({
      catalogItemId,
      description: 'Bimini top',
      material: 'Sunbrella',
      sizeText: '10x8',
      squareFeet: 80,
      unitPrice: 95,
      quantity: 2,
      condition: 'mildew',
    })
    expect(typed).toMatchObject({ description: 'Cockpit cushion', squareFeet: 9, unitPrice: 40, quantity: 3 })
    // The typed item fed the customer's catalog, as on a work order.
    expect(typed.catalogItemId).toBeTypeOf('number')
    const customer = (await http.get(`/api/customers/${customerId}`).set(staff)).body
    expect(customer.items.map((i: { description: string }) => i.description)).toContain('Cockpit cushion')
  })

  it('takes today as the date in when none is given, and refuses an unknown customer or catalog item', async () => {
    const res = await create({ customerId, items: [{ description: 'Sail cover' }] })
    expect(res.status).toBe(201)
    expect(res.body.dateIn).toMatch(/^\d{4}-\d{2}-\d{2}$/)
    expect((await create({ customerId: 999999 })).body.code).toBe('check_in.unknown_customer')
    const foreign = await create({ customerId: otherCustomerId, items: [{ catalogItemId }] })
    expect(foreign.status).toBe(400)
    expect(foreign.body.code).toBe('item.unknown_catalog_item')
    expect((await create({ customerId, items: [{ quantity: 2 }] })).body.code).toBe(
      'item.description_required',
    )
  })

  it('lists pending first, filters by state and customer, searches by customer and number, pages', async () => {
    const a = (await create({ customerId: otherCustomerId, dateIn: '2026-01-05' })).body
    const b = (await create({ customerId: otherCustomerId, dateIn: '2026-01-06' })).body
    expect((await http.post(`/api/check-ins/${a.id}/cancel`).set(manager)).status).toBe(200)
    const list = (await http.get('/api/check-ins?pageSize=200').set(staff)).body
    const states = list.data.map((r: { state: string }) => r.state)
    expect(states.indexOf('cancelled')).toBeGreaterThan(states.lastIndexOf('pending'))
    expect(list.data[0]).toMatchObject({ customerName: expect.any(String), itemCount: expect.any(Number) })

    const pending = (await http.get(`/api/check-ins?state=pending&customerId=${otherCustomerId}`).set(staff))
      .body
    expect(pending.data.map((r: { id: number }) => r.id)).toEqual([b.id])
    const searched = (await http.get('/api/check-ins?q=lakeside').set(staff)).body
    expect(searched.data.map((r: { id: number }) => r.id).sort()).toEqual([a.id, b.id].sort())
    const byNumber = (await http.get(`/api/check-ins?q=${b.id}`).set(staff)).body
    expect(byNumber.data.map((r: { id: number }) => r.id)).toContain(b.id)
    const paged = (await http.get('/api/check-ins?pageSize=1&page=2&sort=-dateIn').set(staff)).body
    expect(paged).toMatchObject({ page: 2, pageSize: 1, data: [expect.any(Object)] })
    expect((await http.get('/api/check-ins?sort=nope').set(staff)).body.code).toBe('query.invalid_sort')
    expect((await http.get('/api/check-ins?state=lost').set(staff)).body.code).toBe('query.invalid_filter')
  })

  it('edits a pending check-in (fields, and items replaced as a whole)', async () => {
    const made = (await create(full())).body
    const res = await http
      .patch(`/api/check-ins/${made.id}`)
      .set(staff)
      .send({ rackLocation: 'R-3', rush: false, items: [{ description: 'Spinnaker', sizeText: '45#' }] })
    expect(res.status).toBe(200)
    expect(res.body).toMatchObject({ rackLocation: 'R-3', rush: false, firmRush: true })
    expect(res.body.items).toHaveLength(1)
    expect(res.body.items[0]).toMatchObject({ description: 'Spinnaker', squareFeet: null })
  })

  it('converts into a work order carrying every field, item, price and file, in one go', async () => {
    const made = (await create(full())).body
    const photo = await http
      .post(`/api/check-ins/${made.id}/files`)
      .set(staff)
      .attach('file', samples.jpg(3000), 'counter.jpg')
    expect(photo.status).toBe(201)

    const res = await http.post(`/api/check-ins/${made.id}/convert`).set(manager).send({ into: 'work-order' })
    expect(res.status).toBe(201)
    expect(res.body.into).toBe('work-order')
    expect(res.body.checkIn).toMatchObject({ state: 'converted', workOrderNo: res.body.workOrderNo })
    expect(res.body.checkIn.closedAt).not.toBeNull()

    const order = (await http.get(`/api/work-orders/${res.body.workOrderNo}`).set(staff)).body
    expect(order).toMatchObject({
      customerId,
      status: 'received',
      dateIn: '2026-03-02',
      dateRequired: '2026-04-15',
      rush: true,
      firmRush: true,
      storageTime: 'seasonal',
      rackLocation: 'R-12',
      repairsNeeded: true,
      specialInstructions: 'Re-stitch the valance; call before pickup',
    })
    const strip = (i: Record<string, unknown>) => ({
      catalogItemId: i.catalogItemId,
      description: i.description,
      material: i.material,
      quantity: i.quantity,
      condition: i.condition,
      color: i.color,
      sizeText: i.sizeText,
      squareFeet: i.squareFeet,
      unitPrice: i.unitPrice,
    })
    expect(order.items.map(strip)).toEqual(made.items.map(strip))
    expect(order.statusHistory).toHaveLength(1)
    expect(order.statusHistory[0].note).toBe(`from check-in #${made.id}`)

    // The photo is on the order now, and still listed on the check-in.
    const orderFiles = (await http.get(`/api/work-orders/${res.body.workOrderNo}/files`).set(staff)).body.data
    expect(orderFiles.map((f: { id: string }) => f.id)).toEqual([photo.body.id])
    const download = await http
      .get(`/api/work-orders/${res.body.workOrderNo}/files/${photo.body.id}`)
      .set(staff)
    expect(download.status).toBe(200)
    const checkInFiles = (await http.get(`/api/check-ins/${made.id}/files`).set(staff)).body.data
    expect(checkInFiles.map((f: { id: string }) => f.id)).toEqual([photo.body.id])
  })

  it('refuses a second conversion (409 check_in.already_converted), and edits, cancel and files after it', async () => {
    const made = (await create({ customerId, items: [{ description: 'Dodger' }] })).body
    const first = await http
      .post(`/api/check-ins/${made.id}/convert`)
      .set(manager)
      .send({ into: 'work-order' })
    expect(first.status).toBe(201)
    const second = await http
      .post(`/api/check-ins/${made.id}/convert`)
      .set(admin)
      .send({ into: 'work-order' })
    expect(second.status).toBe(409)
    expect(second.body.code).toBe('check_in.already_converted')
    expect(second.body.message).toContain(`#${first.body.workOrderNo}`)

    const edit = await http.patch(`/api/check-ins/${made.id}`).set(staff).send({ rackLocation: 'X' })
    expect(edit.status).toBe(409)
    expect(edit.body.code).toBe('check_in.not_pending')
    expect((await http.post(`/api/check-ins/${made.id}/cancel`).set(manager)).body.code).toBe(
      'check_in.not_pending',
    )
    const late = await http
      .post(`/api/check-ins/${made.id}/files`)
      .set(staff)
      .attach('file', samples.png(), 'late.png')
    expect(late.status).toBe(409)
    expect(late.body.code).toBe('check_in.not_pending')
  })

  it('converts exactly once when two conversions of one check-in arrive together', async () => {
    const made = (await create({ customerId, items: [{ description: 'Mainsail cover' }] })).body
    const before = (await http.get('/api/work-orders?pageSize=1').set(staff)).body.total
    const results = await Promise.all(
      [manager, admin].map((headers) =>
        http.post(`/api/check-ins/${made.id}/convert`).set(headers).send({ into: 'work-order' }),
      ),
    )
    expect(results.map((r) => r.status).sort()).toEqual([201, 409])
    expect(results.find((r) => r.status === 409)?.body.code).toBe('check_in.already_converted')
    const after = (await http.get('/api/work-orders?pageSize=1').set(staff)).body.total
    expect(after).toBe(before + 1)
    const orders = (await http.get(`/api/work-orders?customerId=${customerId}&pageSize=200`).set(staff)).body
      .data
    const winner = results.find((r) => r.status === 201)?.body.workOrderNo
    expect(orders.filter((o: { workOrderNo: number }) => o.workOrderNo === winner)).toHaveLength(1)
  })

  it('converts into a repair order: fields, items and photos carried over, the link both ways, once only', async () => {
    const made = (await create(full())).body
    const photo = await http
      .post(`/api/check-ins/${made.id}/files`)
      .set(staff)
      .attach('file', samples.png(), 'counter.png')
    expect(photo.status).toBe(201)
    const res = await http
      .post(`/api/check-ins/${made.id}/convert`)
      .set(manager)
      .send({ into: 'repair-order' })
    expect(res.status).toBe(201)
    expect(res.body.into).toBe('repair-order')
    expect(res.body.workOrderNo).toBeUndefined()
    const no = res.body.repairOrderNo
    expect(res.body.checkIn).toMatchObject({ state: 'converted', repairOrderNo: no, workOrderNo: null })

    const repair = (await http.get(`/api/repair-orders/${no}`).set(staff)).body
    expect(repair).toMatchObject({
      customerId,
      dateIn: '2026-03-02',
      dateRequired: '2026-04-15',
      rush: true,
      firmRush: true,
      storageTime: 'seasonal',
      rackLocation: 'R-12',
      specialInstructions: 'Re-stitch the valance; call before pickup',
      status: 'received',
    })
    expect(
      repair.items.map((i: Record<string, unknown>) => [
        i.description,
        i.quantity,
        i.unitPrice,
        i.squareFeet,
      ]),
    ).toEqual(
      made.items.map((i: Record<string, unknown>) => [i.description, i.quantity, i.unitPrice, i.squareFeet]),
    )
    const files = (await http.get(`/api/repair-orders/${no}/files`).set(staff)).body.data
    expect(files.map((f: { id: string }) => f.id)).toEqual([photo.body.id])

    const again = await http
      .post(`/api/check-ins/${made.id}/convert`)
      .set(manager)
      .send({ into: 'work-order' })
    expect(again.status).toBe(409)
    expect(again.body.code).toBe('check_in.already_converted')
    expect(again.body.message).toContain(`repair order RO #${no}`)
    const listed = (await http.get('/api/check-ins?state=converted&pageSize=200').set(staff)).body.data
    expect(listed.find((r: { id: number }) => r.id === made.id)).toMatchObject({ repairOrderNo: no })
  })

  it('answers 400 for an unknown conversion target and leaves the check-in pending', async () => {
    const made = (await create({ customerId })).body
    const bad = await http.post(`/api/check-ins/${made.id}/convert`).set(manager).send({ into: 'invoice' })
    expect(bad.status).toBe(400)
    expect((await http.get(`/api/check-ins/${made.id}`).set(staff)).body.state).toBe('pending')
  })

  it('cancels a pending check-in once; a cancelled one cannot be converted', async () => {
    const made = (await create({ customerId })).body
    const cancelled = await http.post(`/api/check-ins/${made.id}/cancel`).set(manager)
    expect(cancelled.status).toBe(200)
    expect(cancelled.body.state).toBe('cancelled')
    const convert = await http
      .post(`/api/check-ins/${made.id}/convert`)
      .set(manager)
      .send({ into: 'work-order' })
    expect(convert.status).toBe(409)
    expect(convert.body.code).toBe('check_in.not_pending')
  })

  it('lets every role record and edit, and only managers and admins convert, cancel or delete files', async () => {
    const made = (await create({ customerId }, staff)).body
    expect(
      (await http.post(`/api/check-ins/${made.id}/convert`).set(staff).send({ into: 'work-order' })).status,
    ).toBe(403)
    expect((await http.post(`/api/check-ins/${made.id}/cancel`).set(staff)).status).toBe(403)
    const file = await http
      .post(`/api/check-ins/${made.id}/files`)
      .set(staff)
      .attach('file', samples.png(), 'a.png')
    expect(file.status).toBe(201)
    expect((await http.delete(`/api/check-ins/${made.id}/files/${file.body.id}`).set(staff)).status).toBe(403)
    expect((await http.delete(`/api/check-ins/${made.id}/files/${file.body.id}`).set(manager)).status).toBe(
      204,
    )
    expect((await http.get('/api/check-ins')).status).toBe(401)
    expect((await http.get(`/api/check-ins/${made.id}`).set(staff)).status).toBe(200)
    expect((await http.get('/api/check-ins/2147483647').set(staff)).body.code).toBe('check_in.not_found')
  })

  it('keeps the check-in converted, without its order, when the order is deleted', async () => {
    const made = (await create({ customerId, items: [{ description: 'Awning' }] })).body
    const converted = await http
      .post(`/api/check-ins/${made.id}/convert`)
      .set(manager)
      .send({ into: 'work-order' })
    expect((await http.delete(`/api/work-orders/${converted.body.workOrderNo}`).set(manager)).status).toBe(
      204,
    )
    const after = (await http.get(`/api/check-ins/${made.id}`).set(staff)).body
    expect(after).toMatchObject({ state: 'converted', workOrderNo: null, workOrderId: null })
    const again = await http
      .post(`/api/check-ins/${made.id}/convert`)
      .set(manager)
      .send({ into: 'work-order' })
    expect(again.body.code).toBe('check_in.already_converted')
  })

  it('counts pending check-ins for the navigation badge, kept current after each write', async () => {
    const before = await ctx.app.checkInsService.pendingCount()
    const made = (await create({ customerId })).body
    expect(await ctx.app.checkInsService.pendingCount()).toBe(before + 1)
    await http.post(`/api/check-ins/${made.id}/cancel`).set(manager)
    expect(await ctx.app.checkInsService.pendingCount()).toBe(before)
  })
})
