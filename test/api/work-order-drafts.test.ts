import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createWorkOrderDraftsService, DRAFTS_PER_USER } from '../../src/services/work-order-drafts.js'
import { createTestApp } from '../helpers/app.js'
import { userWithSession } from '../helpers/auth.js'

// The work order form's drafts (issue 17) and the list filters the work order pages added (open, isCushion).
describe('work order drafts and the open/cushion list filters', () => {
  let ctx: Awaited<ReturnType<typeof createTestApp>>
  let bearer: Record<string, string>
  let users: { a: number; b: number }

  beforeAll(async () => {
    ctx = await createTestApp()
    const a = await userWithSession(ctx.app, 'manager')
    const b = await userWithSession(ctx.app, 'manager')
    bearer = a.bearer
    users = { a: a.user.id, b: b.user.id }
  })
  afterAll(() => ctx.close())

  it('keeps the newest drafts per user, overwrites by id, and never lets one user touch another’s', async () => {
    const drafts = createWorkOrderDraftsService({ db: ctx.app.db })
    const ids: string[] = []
    for (let i = 0; i < DRAFTS_PER_USER + 2; i++) {
      const id = drafts.newId()
      ids.push(id)
      await drafts.save(users.a, id, null, { name: `draft ${i}`, ignored: 42 })
    }
    const kept = await drafts.listFor(users.a, null)
    expect(kept).toHaveLength(DRAFTS_PER_USER)
    expect(kept.map((d) => d.fields.name)).not.toContain('draft 0')
    expect(kept[0]?.fields).toEqual({ name: `draft ${DRAFTS_PER_USER + 1}` })

    const last = ids.at(-1) as string
    await drafts.save(users.a, last, null, { name: 'changed' })
    expect((await drafts.get(users.a, last))?.fields.name).toBe('changed')
    // Someone else's id: neither read nor overwritten.
    expect(await drafts.get(users.b, last)).toBeNull()
    expect(await drafts.save(users.b, last, null, { name: 'stolen' })).toBeNull()
    expect((await drafts.get(users.a, last))?.fields.name).toBe('changed')
    expect(await drafts.save(users.a, 'not-a-uuid', null, {})).toBeNull()

    await drafts.save(users.a, drafts.newId(), 7, { name: 'edit of 7' })
    expect((await drafts.listFor(users.a, 7)).map((d) => d.fields.name)).toEqual(['edit of 7'])
    await drafts.discard(users.a, last)
    expect(await drafts.get(users.a, last)).toBeNull()
  })

  it('filters work orders by open and by cushion, in the list and its CSV', async () => {
    const post = (url: string, payload: object) =>
      ctx.app.inject({ method: 'POST', url, headers: bearer, payload })
    const customer = (await post('/api/customers', { name: 'Filter Test' })).json()
    const cushion = (await post('/api/work-orders', { customerId: customer.id, isCushion: true })).json()
    const done = (await post('/api/work-orders', { customerId: customer.id })).json()
    await post(`/api/work-orders/${done.workOrderNo}/status`, { to: 'cancelled' })
    const list = async (query: string) =>
      (await ctx.app.inject({ method: 'GET', url: `/api/work-orders?${query}`, headers: bearer }))
        .json()
        .data.map((o: { workOrderNo: number }) => o.workOrderNo)
    expect(await list(`customerId=${customer.id}&open=true`)).toEqual([cushion.workOrderNo])
    expect(await list(`customerId=${customer.id}&open=false`)).toEqual([done.workOrderNo])
    expect(await list(`customerId=${customer.id}&isCushion=true`)).toEqual([cushion.workOrderNo])
    const csv = await ctx.app.inject({
      method: 'GET',
      url: `/api/work-orders/export.csv?customerId=${customer.id}&open=true`,
      headers: bearer,
    })
    expect(csv.statusCode).toBe(200)
    expect(csv.body.trim().split('\n')).toHaveLength(2)
    const bad = await ctx.app.inject({ method: 'GET', url: '/api/work-orders?open=maybe', headers: bearer })
    expect(bad.statusCode).toBe(400)
  })
})
