import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { DataChange } from '../../src/services/changes.js'
import { createTestApp } from '../helpers/app.js'

type Ctx = Awaited<ReturnType<typeof createTestApp>>

// Service methods the pages added: the catalog behind the customer hub's inline edits (src/services/catalog.ts)
// and the work-order count behind the dashboard.
describe('page services: the customer item catalog edited by hand, work-order counts', () => {
  let ctx: Ctx
  let customerId: number
  let otherCustomerId: number
  const changes: DataChange[] = []
  const write = { actor: { id: 0, username: 'test' } }

  beforeAll(async () => {
    ctx = await createTestApp()
    const user = await ctx.app.usersService.createDirect({
      username: 'cat-manager',
      password: 'a ladder of blue canvas',
      role: 'manager',
    })
    write.actor = { id: user.id, username: user.username }
    customerId = (await ctx.app.customersService.create(write, { name: 'Bay Marina' })).id
    otherCustomerId = (await ctx.app.customersService.create(write, { name: 'Cove Cafe' })).id
    ctx.app.changes.subscribe((c) => changes.push(c))
  })
  afterAll(() => ctx?.close())

  const piece = {
    description: 'Bimini top',
    material: 'Sunbrella',
    color: 'navy',
    sizeText: "10' x 8'",
    condition: null,
    lastPrice: 120,
    quantity: 1,
  }

  it('adds a piece with square feet from its size text, audited and announced', async () => {
    const item = await ctx.app.catalogService.add(write, customerId, piece)
    expect(item).toMatchObject({ customerId, description: 'Bimini top', squareFeet: 80, lastPrice: 120 })
    expect(changes.at(-1)).toEqual({ entity: 'catalog_item', action: 'created', ids: [item.id] })
    const detail = await ctx.app.customersService.detail(customerId)
    expect(detail.items.map((i) => i.description)).toEqual(['Bimini top'])
  })

  it('refuses the same piece twice (409) and edits, then deletes, only within its customer', async () => {
    await expect(ctx.app.catalogService.add(write, customerId, piece)).rejects.toMatchObject({
      statusCode: 409,
      code: 'catalog.duplicate',
    })
    const [item] = await ctx.app.catalogService.list(customerId)
    if (!item) throw new Error('no catalog item')
    await expect(ctx.app.catalogService.update(write, otherCustomerId, item.id, piece)).rejects.toMatchObject(
      { statusCode: 404, code: 'catalog.not_found' },
    )
    const edited = await ctx.app.catalogService.update(write, customerId, item.id, {
      ...piece,
      sizeText: "12' x 8'",
      lastPrice: 135.5,
    })
    expect(edited).toMatchObject({ squareFeet: 96, lastPrice: 135.5 })
    await expect(ctx.app.catalogService.remove(write, otherCustomerId, item.id)).rejects.toMatchObject({
      statusCode: 404,
    })
    await ctx.app.catalogService.remove(write, customerId, item.id)
    await expect(ctx.app.catalogService.list(customerId)).resolves.toEqual([])
    expect(changes.map((c) => c.action)).toEqual(['created', 'updated', 'deleted'])
  })

  it("counts work orders as the list totals them (the dashboard's numbers), refusing a bad filter", async () => {
    await ctx.app.workOrdersService.create(write, { customerId, rush: true, dateRequired: '2026-01-10' })
    await ctx.app.workOrdersService.create(write, { customerId: otherCustomerId })
    for (const filters of [
      {},
      { status: 'received' },
      { rush: 'true', dateRequired: '..2026-01-31' },
      { customerName: 'cove' },
    ]) {
      const listed = await ctx.app.workOrdersService.list({ page: 1, pageSize: 1, filters })
      await expect(ctx.app.workOrdersService.count({ filters }), JSON.stringify(filters)).resolves.toBe(
        listed.total,
      )
    }
    await expect(ctx.app.workOrdersService.count({ filters: { status: 'received' } })).resolves.toBe(2)
    await expect(ctx.app.workOrdersService.count({ filters: { customerName: 'cove' } })).resolves.toBe(1)
    await expect(ctx.app.workOrdersService.count({ filters: { status: 'lost' } })).rejects.toMatchObject({
      statusCode: 400,
      code: 'query.invalid_filter',
    })
  })

  it('refuses a customer that does not exist', async () => {
    await expect(ctx.app.catalogService.add(write, 999_999, piece)).rejects.toMatchObject({
      statusCode: 404,
      code: 'customer.not_found',
    })
  })
})
