import type { Db } from '../db/index.js'
import { parseSquareFeet } from '../domain/square-feet.js'
import type { ItemsRepository } from '../repositories/items.js'
import type { ItemInput, StoredItemFields } from '../schemas/items.js'
import type { OrderContext } from './work-order-context.js'
import { WorkOrderErrors } from './work-orders.errors.js'
import { auditedWrite, type WriteContext } from './write-context.js'

/** Picking from the catalog copies its fields and price; a typed item feeds the catalog. */
export async function resolveItem(
  c: { items: Pick<ItemsRepository, 'catalogItem' | 'upsertCatalog'> },
  customerId: number,
  input: ItemInput,
  tx: Db,
) {
  if (input.catalogItemId !== undefined) {
    const entry = await c.items.catalogItem(customerId, input.catalogItemId, tx)
    if (!entry) throw WorkOrderErrors.unknownCatalogItem()
    return {
      catalogItemId: entry.id,
      description: entry.description,
      material: entry.material,
      condition: input.condition ?? entry.condition,
      color: entry.color,
      sizeText: entry.sizeText,
      squareFeet: entry.squareFeet,
      quantity: input.quantity ?? 1,
      unitPrice: input.unitPrice !== undefined ? input.unitPrice : entry.lastPrice,
    }
  }
  const description = input.description?.trim()
  if (!description) throw WorkOrderErrors.descriptionRequired()
  const fields: StoredItemFields = {
    description,
    material: input.material ?? null,
    quantity: input.quantity ?? 1,
    condition: input.condition ?? null,
    color: input.color ?? null,
    sizeText: input.sizeText ?? null,
    squareFeet: parseSquareFeet(input.sizeText),
    unitPrice: input.unitPrice ?? null,
  }
  return { ...fields, catalogItemId: await c.items.upsertCatalog(customerId, fields, tx) }
}

export function addItem(c: OrderContext, ctx: WriteContext, no: number, input: ItemInput) {
  return auditedWrite(c.deps, ctx, async (tx) => {
    const order = await c.lockOrder(no, tx)
    const item = await c.items.add(
      { workOrderId: order.id, ...(await resolveItem(c, order.customerId, input, tx)) },
      tx,
    )
    return {
      result: item,
      audit: {
        action: 'work_order.item_added',
        entity: 'work_order',
        entityId: no,
        summary: { itemId: item.id },
      },
      change: { entity: 'work_order_item', action: 'created', ids: [order.id] },
    }
  })
}

export function updateItem(c: OrderContext, ctx: WriteContext, no: number, itemId: number, input: ItemInput) {
  return auditedWrite(c.deps, ctx, async (tx) => {
    const order = await c.lockOrder(no, tx)
    if (!(await c.items.get(order.id, itemId, tx))) throw WorkOrderErrors.itemNotFound()
    const { catalogItemId: _catalog, ...fields } = input
    const changes = {
      ...fields,
      ...(input.sizeText !== undefined ? { squareFeet: parseSquareFeet(input.sizeText) } : {}),
    }
    await c.items.update(itemId, changes, tx)
    return {
      result: undefined,
      audit: {
        action: 'work_order.item_updated',
        entity: 'work_order',
        entityId: no,
        summary: { itemId, changes: input },
      },
      change: { entity: 'work_order_item', action: 'updated', ids: [order.id] },
    }
  })
}

export function removeItem(c: OrderContext, ctx: WriteContext, no: number, itemId: number) {
  return auditedWrite(c.deps, ctx, async (tx) => {
    const order = await c.lockOrder(no, tx)
    if (!(await c.items.get(order.id, itemId, tx))) throw WorkOrderErrors.itemNotFound()
    await c.items.remove(itemId, tx)
    return {
      result: undefined,
      audit: { action: 'work_order.item_removed', entity: 'work_order', entityId: no, summary: { itemId } },
      change: { entity: 'work_order_item', action: 'deleted', ids: [order.id] },
    }
  })
}
