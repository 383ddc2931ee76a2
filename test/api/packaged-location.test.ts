import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createTestApp } from '../helpers/app.js'
import { userWithSession } from '../helpers/auth.js'

type Ctx = Awaited<ReturnType<typeof createTestApp>>

// The packaged step records where the order was put (the in-progress board asks for it), staff included.
describe('final location with the packaged step', () => {
  let ctx: Ctx
  let manager: Record<string, string>
  let staff: Record<string, string>
  const call = (who: Record<string, string>, method: string, url: string, payload?: object) =>
    ctx.app.inject({ method: method as 'POST', url, headers: who, ...(payload ? { payload } : {}) })

  beforeAll(async () => {
    ctx = await createTestApp()
    manager = (await userWithSession(ctx.app, 'manager')).bearer
    staff = (await userWithSession(ctx.app, 'staff')).bearer
  })
  afterAll(() => ctx.close())

  it('lets staff record packaged with a final location, audited; refuses one on another step (400)', async () => {
    const customerId = (await call(manager, 'POST', '/api/customers', { name: 'Bay Marina' })).json().id
    const no = (await call(manager, 'POST', '/api/work-orders', { customerId })).json().workOrderNo
    for (const to of ['queued', 'in_progress'])
      expect((await call(staff, 'POST', `/api/work-orders/${no}/status`, { to })).statusCode).toBe(200)
    const early = await call(staff, 'POST', `/api/work-orders/${no}/status`, {
      to: 'cleaned',
      finalLocation: 'Rack 4',
    })
    expect(early.statusCode).toBe(400)
    expect(early.json().code).toBe('work_order.final_location_not_packaged')
    expect((await call(staff, 'POST', `/api/work-orders/${no}/status`, { to: 'cleaned' })).statusCode).toBe(
      200,
    )
    const packaged = await call(staff, 'POST', `/api/work-orders/${no}/status`, {
      to: 'packaged',
      finalLocation: 'Rack 4, shelf B',
    })
    expect(packaged.statusCode, packaged.body).toBe(200)
    expect(packaged.json()).toMatchObject({ status: 'packaged', finalLocation: 'Rack 4, shelf B' })
    const audit = await ctx.app.usersService.recentAudit(20)
    expect(audit.find((a) => a.action === 'work_order.status_changed')?.summary).toMatchObject({
      to: 'packaged',
      finalLocation: 'Rack 4, shelf B',
    })
  })
})
