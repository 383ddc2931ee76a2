import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createTestApp } from '../helpers/app.js'
import { userWithSession } from '../helpers/auth.js'

type Ctx = Awaited<ReturnType<typeof createTestApp>>

// Views of the queue that hide sail or cushion orders (the queue page's toggles), and reordering such a view.
describe('queue views: sail and cushion orders', () => {
  let ctx: Ctx
  let manager: Record<string, string>
  let managerCtx: { actor: { id: number; username: string } }
  let regular: number
  let sail: number
  let cushion: number
  const api = (method: string, url: string, payload?: unknown) =>
    ctx.app.inject({
      method: method as 'GET',
      url,
      headers: manager,
      ...(payload === undefined ? {} : { payload: payload as object }),
    })
  const nos = (q: { data: { workOrderNo: number }[] }) => q.data.map((e) => e.workOrderNo)

  beforeAll(async () => {
    ctx = await createTestApp()
    const m = await userWithSession(ctx.app, 'manager')
    manager = m.bearer
    managerCtx = { actor: { id: m.user.id, username: m.user.username } }
    const customerId = (await api('POST', '/api/customers', { name: 'Harbour Club' })).json().id
    const queued = async (fields: Record<string, unknown>) => {
      const res = await api('POST', '/api/work-orders', { customerId, quoteStatus: 'approved', ...fields })
      const no = res.json().workOrderNo as number
      expect((await api('POST', `/api/work-orders/${no}/status`, { to: 'queued' })).statusCode).toBe(200)
      return no
    }
    regular = await queued({
      dateIn: '2026-01-01',
      items: [{ description: 'Patio awning', sizeText: '8x10' }],
    })
    sail = await queued({ dateIn: '2026-01-02', items: [{ description: 'Mainsail', sizeText: '30#' }] })
    cushion = await queued({ dateIn: '2026-01-03', isCushion: true })
  })
  afterAll(() => ctx.close())

  it('flags sail and cushion orders and hides them on request, keeping whole-queue positions', async () => {
    const all = (await api('GET', '/api/queue')).json()
    expect(nos(all)).toEqual([regular, sail, cushion])
    expect(all.data.map((e: { sail: boolean; cushion: boolean }) => [e.sail, e.cushion])).toEqual([
      [false, false],
      [true, false],
      [false, true],
    ])
    const noSails = (await api('GET', '/api/queue?sails=false')).json()
    expect(nos(noSails)).toEqual([regular, cushion])
    expect(noSails.data.map((e: { position: number }) => e.position)).toEqual([1, 3])
    expect(nos((await api('GET', '/api/queue?sails=false&cushions=false')).json())).toEqual([regular])
  })

  it('reorders only the shown orders; hidden ones keep their places', async () => {
    const view = { sails: false }
    const before = await ctx.app.queueService.list(view)
    const after = await ctx.app.queueService.reorderShown(
      managerCtx,
      { order: [cushion, regular], version: before.version },
      view,
    )
    expect(nos(after)).toEqual([cushion, regular])
    expect(nos(await ctx.app.queueService.list())).toEqual([cushion, sail, regular])
  })

  it('refuses a stale version and a shown list that is not the view: 409', async () => {
    const view = { cushions: false }
    const current = await ctx.app.queueService.list(view)
    const stale = String(Number(current.version) - 1)
    await expect(
      ctx.app.queueService.reorderShown(managerCtx, { order: nos(current), version: stale }, view),
    ).rejects.toMatchObject({ statusCode: 409, code: 'queue.conflict' })
    await expect(
      ctx.app.queueService.reorderShown(managerCtx, { order: [sail], version: current.version }, view),
    ).rejects.toMatchObject({ statusCode: 409, code: 'queue.membership_changed' })
    expect((await ctx.app.queueService.list()).version).toBe(current.version)
  })
})
