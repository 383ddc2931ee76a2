import { parseSquareFeet } from '../domain/square-feet.js'
import type { ItemInput } from '../schemas/items.js'
import type { RepairOrderContext } from './repair-order-context.js'
import { RepairOrderErrors } from './repair-orders.errors.js'
import { resolveItem } from './work-order-items.js'
import { auditedWrite, type WriteContext } from './write-context.js'

/** Items of a repair order: picked from the customer's catalog or typed (feeding it), as on work orders. */
export function addRepairItem(c: RepairOrderContext, ctx: WriteContext, no: number, input: ItemInput) {
  return auditedWrite(c.deps, ctx, async (tx) => {
    const order = await c.lockOrder(no, tx)
    const item = await c.repairItems.add(
      { repairOrderId: order.id, ...(await resolveItem(c.items, order.customerId, input, tx)) },
      tx,
    )
    return {
      result: item,
      audit: {
        action: 'repair_order.item_added',
        entity: 'repair_order',
        entityId: no,
        summary: { itemId: item.id },
      },
      change: { entity: 'repair_order_item', action: 'created', ids: [order.id] },
    }
  })
}

export function updateRepairItem(
  c: RepairOrderContext,
  ctx: WriteContext,
  no: number,
  itemId: number,
  input: ItemInput,
) {
  return auditedWrite(c.deps, ctx, async (tx) => {
    const order = await c.lockOrder(no, tx)
    if (!(await c.repairItems.get(order.id, itemId, tx))) throw RepairOrderErrors.itemNotFound()
    const { catalogItemId: _catalog, ...fields } = input
    const changes = {
      ...fields,
      ...(input.sizeText !== undefined ? { squareFeet: parseSquareFeet(input.sizeText) } : {}),
    }
    await c.repairItems.update(itemId, changes, tx)
    return {
      result: undefined,
      audit: {
        action: 'repair_order.item_updated',
        entity: 'repair_order',
        entityId: no,
        summary: { itemId, changes: input },
      },
      change: { entity: 'repair_order_item', action: 'updated', ids: [order.id] },
    }
  })
}

export function removeRepairItem(c: RepairOrderContext, ctx: WriteContext, no: number, itemId: number) {
  return auditedWrite(c.deps, ctx, async (tx) => {
    const order = await c.lockOrder(no, tx)
    if (!(await c.repairItems.get(order.id, itemId, tx))) throw RepairOrderErrors.itemNotFound()
    await c.repairItems.remove(itemId, tx)
    return {
      result: undefined,
      audit: {
        action: 'repair_order.item_removed',
        entity: 'repair_order',
        entityId: no,
        summary: { itemId },
      },
      change: { entity: 'repair_order_item', action: 'deleted', ids: [order.id] },
    }
  })
}
