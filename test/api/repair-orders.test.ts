import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createTestApp } from '../helpers/app.js'
import { userWithSession } from '../helpers/auth.js'

type Ctx = Awaited<ReturnType<typeof createTestApp>>

describe('repair orders: lifecycle, roles, the work order link, the queue flag and the list', () => {
  let ctx: Ctx
  let manager: Record<string, string>
  let staff: Record<string, string>
  let customerId: number
  const api = (method: string, url: string, headers: Record<string, string>, payload?: unknown) =>
    ctx.app.inject({
      method: method as 'GET',
      url,
      headers,
      ...(payload === undefined ? {} : { payload: payload as object }),
    })
  const newWorkOrder = async (name: string) =>
    (await api('POST', '/api/work-orders', manager, { customerId, name, quoteStatus: 'approved' })).json()
      .workOrderNo as number
  const newRepair = async (body: Record<string, unknown> = {}) => {
    const res = await api('POST', '/api/repair-orders', manager, { customerId, ...body })
    expect(res.statusCode).toBe(201)
    return res.json()
  }

  beforeAll(async () => {
    ctx = await createTestApp({ env: { SHOP_TIMEZONE: 'America/New_York' } })
    manager = (await userWithSession(ctx.app, 'manager')).bearer
    staff = (await userWithSession(ctx.app, 'staff')).bearer
    customerId = (await api('POST', '/api/customers', manager, { name: 'Harbor Marine' })).json().id
  })
  afterAll(() => ctx.close())

  it('creates a repair order with numbered items from its own sequence, a typed one feeding the catalog', async () => {
    const first = await newRepair({
      name: 'Torn awning',
      repairPrice: 120.5,
      repairType: 'Restitch',
      itemType: 'Awning',
      items: [{ description: 'Awning', sizeText: `10'6"x8'3"`, unitPrice: 40, quantity: 2 }],
    })
    const second = await newRepair({ name: 'Zipper' })
    expect(second.repairOrderNo).toBe(first.repairOrderNo + 1)
    expect(first).toMatchObject({
      status: 'received',
      repairPrice: 120.5,
      workOrder: null,
      workOrderNo: null,
      itemsTotal: 80,
      customer: { name: 'Harbor Marine' },
      statusHistory: [{ fromStatus: null, toStatus: 'received' }],
    })
    expect(first.items[0].squareFeet).toBeCloseTo(86.6, 1)
    const catalog = (await api('GET', `/api/customers/${customerId}`, manager)).json().items
    const picked = await api('POST', `/api/repair-orders/${second.repairOrderNo}/items`, manager, {
      catalogItemId: catalog[0].id,
    })
    expect(picked.json().items[0]).toMatchObject({ description: 'Awning', unitPrice: 40 })
  })

  it('walks the lifecycle, stamping the subcontractor and completion dates; staff cannot complete', async () => {
    const { repairOrderNo: no } = await newRepair({ name: 'Lifecycle' })
    const move = (to: string, who = manager) => api('POST', `/api/repair-orders/${no}/status`, who, { to })
    expect((await move('approved', staff)).json().code).toBe('auth.forbidden')
    expect((await move('approved')).statusCode).toBe(200)
    const sent = await move('at_subcontractor', staff)
    expect(sent.statusCode).toBe(200)
    expect(sent.json().dateToSub).toMatch(/^\d{4}-\d{2}-\d{2}$/)
    const back = await move('back_from_sub', staff)
    expect(back.json().dateBackFromSub).toBe(sent.json().dateToSub)
    expect((await move('repaired', staff)).statusCode).toBe(200)
    const refused = await move('completed', staff)
    expect(refused.statusCode).toBe(403)
    const wrong = await move('quoted')
    expect(wrong.statusCode).toBe(409)
    expect(wrong.json().code).toBe('repair_order.invalid_transition')
    const done = await move('completed')
    expect(done.json()).toMatchObject({ status: 'completed', dateCompleted: sent.json().dateToSub })
    expect(done.json().statusHistory.map((h: { toStatus: string }) => h.toStatus)).toEqual([
      'received',
      'approved',
      'at_subcontractor',
      'back_from_sub',
      'repaired',
      'completed',
    ])
    expect((await api('DELETE', `/api/repair-orders/${no}`, staff)).statusCode).toBe(403)
    expect((await api('DELETE', `/api/repair-orders/${no}`, manager)).statusCode).toBe(204)
    expect((await api('GET', `/api/repair-orders/${no}`, staff)).json().code).toBe('repair_order.not_found')
  })

  it('quoting sets a pending quote and approving approves it', async () => {
    const { repairOrderNo: no } = await newRepair()
    const quoted = await api('POST', `/api/repair-orders/${no}/status`, manager, { to: 'quoted' })
    expect(quoted.json().quoteStatus).toBe('pending')
    const approved = await api('POST', `/api/repair-orders/${no}/status`, manager, { to: 'approved' })
    expect(approved.json().quoteStatus).toBe('approved')
  })

  it('links one work order to one repair order, both ways visible, 409 when either side is taken', async () => {
    const woA = await newWorkOrder('Clean A')
    const woB = await newWorkOrder('Clean B')
    const r1 = await newRepair({ workOrderNo: woA })
    expect(r1).toMatchObject({ workOrderNo: woA, workOrder: { workOrderNo: woA, status: 'received' } })
    const wo = (await api('GET', `/api/work-orders/${woA}`, staff)).json()
    expect(wo.repairOrder).toEqual({ repairOrderNo: r1.repairOrderNo, status: 'received' })
    const r2 = await newRepair()
    const taken = await api('PUT', `/api/repair-orders/${r2.repairOrderNo}/work-order`, manager, {
      workOrderNo: woA,
    })
    expect(taken.statusCode).toBe(409)
    expect(taken.json().code).toBe('repair_order.work_order_linked')
    const already = await api('PUT', `/api/repair-orders/${r1.repairOrderNo}/work-order`, manager, {
      workOrderNo: woB,
    })
    expect(already.statusCode).toBe(409)
    expect(already.json().code).toBe('repair_order.already_linked')
    const again = await api('PUT', `/api/repair-orders/${r1.repairOrderNo}/work-order`, manager, {
      workOrderNo: woA,
    })
    expect(again.statusCode).toBe(200)
    expect(
      (await api('PUT', `/api/repair-orders/${r2.repairOrderNo}/work-order`, staff, { workOrderNo: woB }))
        .statusCode,
    ).toBe(403)
    const missing = await api('PUT', `/api/repair-orders/${r2.repairOrderNo}/work-order`, manager, {
      workOrderNo: 999_999,
    })
    expect(missing.json().code).toBe('work_order.not_found')
    const unlinked = await api('DELETE', `/api/repair-orders/${r1.repairOrderNo}/work-order`, manager)
    expect(unlinked.json().workOrderNo).toBeNull()
    expect((await api('GET', `/api/work-orders/${woA}`, staff)).json().repairOrder).toBeNull()
    // Deleting a linked work order keeps the repair order and clears the link (ON DELETE SET NULL).
    await api('PUT', `/api/repair-orders/${r2.repairOrderNo}/work-order`, manager, { workOrderNo: woB })
    expect((await api('DELETE', `/api/work-orders/${woB}`, manager)).statusCode).toBe(204)
    expect((await api('GET', `/api/repair-orders/${r2.repairOrderNo}`, staff)).json().workOrderNo).toBeNull()
  })

  it('shows "repair not finished" in the queue while the linked repair order is open', async () => {
    const wo = await newWorkOrder('Queued with repair')
    await api('POST', `/api/work-orders/${wo}/status`, manager, { to: 'queued' })
    const repair = await newRepair({ workOrderNo: wo })
    const entry = async () =>
      (await api('GET', '/api/queue', staff))
        .json()
        .data.find((e: { workOrderNo: number }) => e.workOrderNo === wo)
    expect(await entry()).toMatchObject({ repairOrderNo: repair.repairOrderNo, repairNotFinished: true })
    await api('POST', `/api/repair-orders/${repair.repairOrderNo}/status`, manager, { to: 'cancelled' })
    expect(await entry()).toMatchObject({ repairNotFinished: false })
    const plain = await newWorkOrder('Queued alone')
    await api('POST', `/api/work-orders/${plain}/status`, manager, { to: 'queued' })
    const alone = (await api('GET', '/api/queue', staff))
      .json()
      .data.find((e: { workOrderNo: number }) => e.workOrderNo === plain)
    expect(alone).toMatchObject({ repairOrderNo: null, repairNotFinished: false })
  })

  it('lists with filters, search, sort and paging, and exports the same filter as CSV', async () => {
    const other = (await api('POST', '/api/customers', manager, { name: 'Zed Yachts' })).json().id
    await api('POST', '/api/repair-orders', manager, {
      customerId: other,
      name: 'Mainsail batten',
      itemType: 'Sail',
    })
    const bySearch = (await api('GET', '/api/repair-orders?q=zed', staff)).json()
    expect(bySearch.total).toBe(1)
    expect(bySearch.data[0]).toMatchObject({ customerName: 'Zed Yachts', itemCount: 0, itemsTotal: 0 })
    const sorted = (await api('GET', '/api/repair-orders?sort=-repairOrderNo&pageSize=2', staff)).json()
    expect(sorted.data).toHaveLength(2)
    expect(sorted.data[0].repairOrderNo).toBeGreaterThan(sorted.data[1].repairOrderNo)
    expect(sorted.pageCount).toBe(Math.ceil(sorted.total / 2))
    const open = (await api('GET', '/api/repair-orders?open=true', staff)).json()
    expect(open.data.every((r: { status: string }) => !['completed', 'cancelled'].includes(r.status))).toBe(
      true,
    )
    expect((await api('GET', '/api/repair-orders?itemType=sail', staff)).json().total).toBe(1)
    const bad = await api('GET', '/api/repair-orders?sort=password', staff)
    expect(bad.statusCode).toBe(400)
    expect(bad.json().code).toBe('query.invalid_sort')
    expect((await api('GET', '/api/repair-orders?status=nope', staff)).json().code).toBe(
      'query.invalid_filter',
    )
    expect((await api('GET', '/api/repair-orders/export.csv', staff)).statusCode).toBe(403)
    const csv = await api('GET', '/api/repair-orders/export.csv?itemType=sail', manager)
    expect(csv.headers['content-type']).toContain('text/csv')
    const lines = csv.body.trim().split('\n')
    expect(lines[0]).toContain('RepairOrderNo,CustID,CustomerName,Status,ROName')
    expect(lines[0]).toContain('DATE TO SUB')
    expect(lines).toHaveLength(2)
    expect(lines[1]).toContain('Mainsail batten')
  })

  it('keeps a customer with repair orders from being deleted', async () => {
    const lonely = (await api('POST', '/api/customers', manager, { name: 'Only repairs' })).json().id
    await api('POST', '/api/repair-orders', manager, { customerId: lonely })
    const res = await api('DELETE', `/api/customers/${lonely}`, manager)
    expect(res.statusCode).toBe(409)
    expect(res.json().code).toBe('customer.has_work_orders')
  })

  it('refuses an unknown customer with 400 and an unknown repair order with 404', async () => {
    const res = await api('POST', '/api/repair-orders', manager, { customerId: 999_999 })
    expect(res.statusCode).toBe(400)
    expect(res.json().code).toBe('repair_order.unknown_reference')
    const missing = await api('PATCH', '/api/repair-orders/999999', manager, { name: 'x' })
    expect(missing.statusCode).toBe(404)
  })
})
