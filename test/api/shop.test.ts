import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { DataChange } from '../../src/services/changes.js'
import { createTestApp } from '../helpers/app.js'
import { userWithSession } from '../helpers/auth.js'

type Ctx = Awaited<ReturnType<typeof createTestApp>>

describe('the shop API: sources, customers, work orders and items', () => {
  let ctx: Ctx
  let manager: Record<string, string>
  let staff: Record<string, string>
  const changes: DataChange[] = []
  const api = (method: string, url: string, headers: Record<string, string>, payload?: unknown) =>
    ctx.app.inject({
      method: method as 'GET',
      url,
      headers,
      ...(payload === undefined ? {} : { payload: payload as object }),
    })

  let sourceId: number
  let customerId: number

  beforeAll(async () => {
    ctx = await createTestApp({ env: { SHOP_TIMEZONE: 'America/New_York' } })
    manager = (await userWithSession(ctx.app, 'manager')).bearer
    staff = (await userWithSession(ctx.app, 'staff')).bearer
    ctx.app.changes.subscribe((c) => changes.push(c))
    sourceId = (
      await api('POST', '/api/sources', manager, { name: 'Harbor Sail Loft', city: 'Annapolis' })
    ).json().id
    const customer = await api('POST', '/api/customers', manager, {
      name: 'Chesapeake Crab House',
      contact: 'Dana Reyes',
      cellPhone: '410.555.0199',
      city: 'Annapolis',
      sourceId,
    })
    expect(customer.statusCode).toBe(201)
    customerId = customer.json().id
  })
  afterAll(() => ctx.close())

  it('formats phone numbers on write and numbers customers from a sequence', async () => {
    const res = await api('GET', `/api/customers/${customerId}`, staff)
    expect(res.json()).toMatchObject({
      cellPhone: '(410) 555-0199',
      primaryPhone: '(410) 555-0199',
      source: { name: 'Harbor Sail Loft' },
    })
    expect(res.json().customerNo).toBeGreaterThan(0)
  })

  it('refuses a duplicate source name with 409', async () => {
    const res = await api('POST', '/api/sources', manager, { name: 'Harbor Sail Loft' })
    expect(res.statusCode).toBe(409)
    expect(res.json().code).toBe('source.name_taken')
  })

  it('creates a work order with items, parses square feet, totals it and feeds the catalog', async () => {
    const res = await api('POST', '/api/work-orders', manager, {
      customerId,
      name: 'Patio awnings',
      rush: true,
      dateRequired: '2026-12-05',
      items: [
        {
          description: 'Awning',
          material: 'Sunbrella',
          color: 'Navy',
          sizeText: `10'6"x8'3"`,
          quantity: 2,
          unitPrice: 150,
        },
        { description: 'Mainsail', material: 'Dacron', sizeText: '30#', unitPrice: 95.5 },
      ],
    })
    expect(res.statusCode).toBe(201)
    const order = res.json()
    expect(order.status).toBe('received')
    expect(order.items.map((i: { squareFeet: number | null }) => i.squareFeet)).toEqual([86.63, null])
    expect(order.items.every((i: { catalogItemId: number | null }) => i.catalogItemId !== null)).toBe(true)
    expect(order.statusHistory).toHaveLength(1)

    const list = await api('GET', `/api/work-orders?workOrderNo=${order.workOrderNo}`, staff)
    expect(list.json().data[0]).toMatchObject({
      customerName: 'Chesapeake Crab House',
      sourceName: 'Harbor Sail Loft',
      itemCount: 2,
      total: 395.5,
      squareFeet: 173.26,
    })
  })

  it('maps the same typed item to the same catalog row, and copies fields and price when picked from it', async () => {
    const first = (await api('GET', `/api/customers/${customerId}`, staff)).json()
    const awning = first.items.find((i: { description: string }) => i.description === 'Awning')
    expect(first.items).toHaveLength(2)
    const again = await api('POST', '/api/work-orders', manager, {
      customerId,
      items: [
        {
          description: 'Awning',
          material: 'Sunbrella',
          color: 'Navy',
          sizeText: `10'6"x8'3"`,
          unitPrice: 160,
        },
        { catalogItemId: awning.id, quantity: 3 },
      ],
    })
    const items = again.json().items
    expect(items[0].catalogItemId).toBe(awning.id)
    expect(items[1]).toMatchObject({
      description: 'Awning',
      sizeText: `10'6"x8'3"`,
      quantity: 3,
      unitPrice: 160,
      squareFeet: 86.63,
    })
    const after = (await api('GET', `/api/customers/${customerId}`, staff)).json()
    expect(after.items).toHaveLength(2)
    expect(after.items.find((i: { id: number }) => i.id === awning.id).lastPrice).toBe(160)
    expect(after.workOrders.length).toBe(2)
    expect(after.workOrders[0].items.length).toBeGreaterThan(0)
  })

  it('a piece ordered again keeps its catalog price when none is given, and takes a new condition', async () => {
    const catalog = async () =>
      (await api('GET', `/api/customers/${customerId}`, staff))
        .json()
        .items.find((i: { description: string }) => i.description === 'Awning')
    const before = await catalog()
    const piece = { description: 'Awning', material: 'Sunbrella', color: 'Navy', sizeText: `10'6"x8'3"` }
    const same = await api('POST', '/api/work-orders', manager, {
      customerId,
      items: [{ ...piece, quantity: before.quantity }],
    })
    expect(same.json().items[0].catalogItemId).toBe(before.id)
    expect(await catalog()).toMatchObject({
      id: before.id,
      lastPrice: before.lastPrice,
      quantity: before.quantity,
    })
    await api('POST', '/api/work-orders', manager, {
      customerId,
      items: [{ ...piece, quantity: before.quantity, condition: 'Torn' }],
    })
    expect(await catalog()).toMatchObject({ id: before.id, lastPrice: before.lastPrice, condition: 'Torn' })
  })

  it('refuses a catalog item of another customer', async () => {
    const other = (await api('POST', '/api/customers', manager, { name: 'Other' })).json()
    const catalogId = (await api('GET', `/api/customers/${customerId}`, staff)).json().items[0].id
    const res = await api('POST', '/api/work-orders', manager, {
      customerId: other.id,
      items: [{ catalogItemId: catalogId }],
    })
    expect(res.statusCode).toBe(400)
    expect(res.json().code).toBe('item.unknown_catalog_item')
  })

  it('adds, changes and removes items, recomputing square feet', async () => {
    const order = (await api('POST', '/api/work-orders', manager, { customerId })).json()
    const added = (
      await api('POST', `/api/work-orders/${order.workOrderNo}/items`, manager, {
        description: 'Cushion',
        quantity: 4,
        unitPrice: 20,
      })
    ).json()
    const itemId = added.items[0].id
    const changed = await api('PATCH', `/api/work-orders/${order.workOrderNo}/items/${itemId}`, manager, {
      sizeText: '8x10',
    })
    expect(changed.json().items[0].squareFeet).toBe(80)
    const removed = await api('DELETE', `/api/work-orders/${order.workOrderNo}/items/${itemId}`, manager)
    expect(removed.json().items).toEqual([])
    expect(
      (await api('DELETE', `/api/work-orders/${order.workOrderNo}/items/${itemId}`, manager)).statusCode,
    ).toBe(404)
  })

  it('moves an order through the shop, stamping dates and keeping a history of who and when', async () => {
    const order = (
      await api('POST', '/api/work-orders', manager, { customerId, quoteStatus: 'pending' })
    ).json()
    const no = order.workOrderNo
    const step = (who: Record<string, string>, to: string) =>
      api('POST', `/api/work-orders/${no}/status`, who, { to })
    const pending = await step(staff, 'queued')
    expect(pending.statusCode).toBe(409)
    expect(pending.json().code).toBe('work_order.quote_not_approved')
    await api('PATCH', `/api/work-orders/${no}`, manager, { quoteStatus: 'approved' })
    expect((await step(staff, 'queued')).statusCode).toBe(200)
    expect((await step(staff, 'treated')).json().code).toBe('work_order.invalid_transition')
    const cleaned = await step(staff, 'cleaned')
    expect(cleaned.json().dateCleaned).toMatch(/^\d{4}-\d{2}-\d{2}$/)
    expect((await step(staff, 'treated')).statusCode).toBe(200)
    expect((await step(staff, 'packaged')).statusCode).toBe(200)
    const staffComplete = await step(staff, 'completed')
    expect(staffComplete.statusCode).toBe(403)
    const done = await step(manager, 'completed')
    expect(done.json()).toMatchObject({ status: 'completed' })
    expect(done.json().dateCompleted).toBeTruthy()
    const history = done
      .json()
      .statusHistory.map(
        (h: { fromStatus: string | null; toStatus: string }) => `${h.fromStatus}>${h.toStatus}`,
      )
    expect(history).toEqual([
      'null>received',
      'received>queued',
      'queued>cleaned',
      'cleaned>treated',
      'treated>packaged',
      'packaged>completed',
    ])
    expect(done.json().statusHistory.every((h: { changedBy: number | null }) => h.changedBy !== null)).toBe(
      true,
    )
  })

  it('lets only managers delete orders, and never deletes a customer who has orders', async () => {
    const order = (await api('POST', '/api/work-orders', manager, { customerId })).json()
    expect((await api('DELETE', `/api/work-orders/${order.workOrderNo}`, staff)).statusCode).toBe(403)
    expect((await api('DELETE', `/api/work-orders/${order.workOrderNo}`, manager)).statusCode).toBe(204)
    expect((await api('GET', `/api/work-orders/${order.workOrderNo}`, staff)).statusCode).toBe(404)
    const del = await api('DELETE', `/api/customers/${customerId}`, manager)
    expect(del.statusCode).toBe(409)
    expect(del.json()).toMatchObject({ code: 'customer.has_work_orders' })
    expect(del.json().message).toMatch(/has \d+ work order/)
    const lonely = (await api('POST', '/api/customers', manager, { name: 'Lonely' })).json()
    expect((await api('DELETE', `/api/customers/${lonely.id}`, manager)).statusCode).toBe(204)
  })

  it('audits every write and announces it on the one change hook', async () => {
    const audit = await ctx.app.usersService.recentAudit(500)
    const actions = new Set(audit.map((a) => a.action))
    for (const a of [
      'source.created',
      'customer.created',
      'work_order.created',
      'work_order.status_changed',
      'work_order.item_added',
      'work_order.deleted',
    ]) {
      expect(actions).toContain(a)
    }
    const entities = new Set(changes.map((c) => `${c.entity}:${c.action}`))
    expect(entities).toContain('work_order:created')
    expect(entities).toContain('work_order:status_changed')
    expect(entities).toContain('work_order_item:deleted')
    expect(entities).toContain('customer:created')
  })

  it('answers an unknown customer with 400, not 500', async () => {
    const res = await api('POST', '/api/work-orders', manager, { customerId: 999999 })
    expect(res.statusCode).toBe(400)
    expect(res.json().code).toBe('work_order.unknown_reference')
  })
})
