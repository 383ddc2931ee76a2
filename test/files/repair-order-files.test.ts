import supertest from 'supertest'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createTestApp } from '../helpers/app.js'
import { userWithSession } from '../helpers/auth.js'
import { samples } from './samples.js'

describe('repair order files: the work order files service, owned by a repair order', () => {
  let ctx: Awaited<ReturnType<typeof createTestApp>>
  let http: ReturnType<typeof supertest>
  let staff: Record<string, string>
  let manager: Record<string, string>
  let no: number
  let workOrderNo: number
  beforeAll(async () => {
    ctx = await createTestApp()
    staff = (await userWithSession(ctx.app, 'staff')).bearer
    manager = (await userWithSession(ctx.app, 'manager')).bearer
    await ctx.app.ready()
    http = supertest(ctx.app.server)
    const customerId = (await http.post('/api/customers').set(manager).send({ name: 'Files Co' })).body.id
    no = (await http.post('/api/repair-orders').set(manager).send({ customerId })).body.repairOrderNo
    workOrderNo = (await http.post('/api/work-orders').set(manager).send({ customerId })).body.workOrderNo
  })
  afterAll(() => ctx.close())

  it('uploads, lists, downloads and deletes a repair order photo, apart from the work order files', async () => {
    const up = await http
      .post(`/api/repair-orders/${no}/files`)
      .set(staff)
      .attach('file', samples.png(2000), 'rip.png')
    expect(up.status).toBe(201)
    const list = await http.get(`/api/repair-orders/${no}/files`).set(staff)
    expect(list.body.data.map((f: { originalName: string }) => f.originalName)).toEqual(['rip.png'])
    expect((await http.get(`/api/work-orders/${workOrderNo}/files`).set(staff)).body.data).toEqual([])
    const down = await http.get(`/api/repair-orders/${no}/files/${up.body.id}`).set(staff)
    expect(down.status).toBe(200)
    // The file belongs to the repair order: under the work order's number it is not found.
    expect((await http.get(`/api/work-orders/${workOrderNo}/files/${up.body.id}`).set(staff)).status).toBe(
      404,
    )
    expect((await http.delete(`/api/repair-orders/${no}/files/${up.body.id}`).set(staff)).status).toBe(403)
    expect((await http.delete(`/api/repair-orders/${no}/files/${up.body.id}`).set(manager)).status).toBe(204)
    const missing = await http
      .post('/api/repair-orders/999999/files')
      .set(staff)
      .attach('file', samples.png(10), 'x.png')
    expect(missing.status).toBe(404)
    expect(missing.body.code).toBe('repair_order.not_found')
  })
})
