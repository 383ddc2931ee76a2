import type { Db } from '../db/index.js'
import type { CheckIn, CheckInItem } from '../models/index.js'
import { createAuditRepository } from '../repositories/audit.js'
import { createItemsRepository } from '../repositories/items.js'
import { createRepairOrderItemsRepository } from '../repositories/repair-order-items.js'
import { createRepairOrdersRepository } from '../repositories/repair-orders.js'
import { createWorkOrdersRepository } from '../repositories/work-orders.js'
import type { WriteContext } from './write-context.js'

/** The order a check-in became: its key on the check-in (and on the moved files), its number, its name. */
export type MadeOrder =
  | { key: { workOrderId: number }; workOrderNo: number; label: string }
  | { key: { repairOrderId: number }; repairOrderNo: number; label: string }

const itemFields = ({ id: _i, checkInId: _c, createdAt: _a, updatedAt: _u, ...item }: CheckInItem) => item

/**
 * Writes the order a check-in becomes, inside the conversion's transaction: every field the order has a
 * place for, every item with its quoted price, its first history row, and its own "created" audit row (so its
 * history starts where every other order's does). docs/CHECK-INS.md has the mapping.
 */
export function createCheckInOrderWriters(db: Db) {
  const workOrders = createWorkOrdersRepository(db)
  const items = createItemsRepository(db)
  const repairOrders = createRepairOrdersRepository(db)
  const repairItems = createRepairOrderItemsRepository(db)

  async function audited(
    ctx: WriteContext,
    tx: Db,
    entity: string,
    entityId: number,
    summary: Record<string, unknown>,
  ) {
    await createAuditRepository(tx).record(
      {
        action: `${entity}.created`,
        entity,
        entityId,
        summary,
        actor: ctx.actor,
        requestId: ctx.requestId,
        ip: ctx.ip,
      },
      tx,
    )
  }

  return {
    async workOrder(ctx: WriteContext, row: CheckIn, carried: CheckInItem[], tx: Db): Promise<MadeOrder> {
      const created = await workOrders.create(
        {
          customerId: row.customerId,
          dateIn: row.dateIn,
          dateRequired: row.dateRequired,
          rush: row.rush,
          firmRush: row.firmRush,
          storageTime: row.storageTime,
          rackLocation: row.rackLocation,
          repairsNeeded: row.repairsNeeded,
          specialInstructions: row.specialInstructions,
        },
        tx,
      )
      await workOrders.recordStatus(
        {
          workOrderId: created.id,
          from: null,
          to: created.status,
          changedBy: ctx.actor.id,
          note: `from check-in #${row.id}`,
        },
        tx,
      )
      for (const item of carried) await items.add({ ...itemFields(item), workOrderId: created.id }, tx)
      await audited(ctx, tx, 'work_order', created.workOrderNo, {
        customerId: created.customerId,
        items: carried.length,
        fromCheckIn: row.id,
      })
      return {
        key: { workOrderId: created.id },
        workOrderNo: created.workOrderNo,
        label: `work order #${created.workOrderNo}`,
      }
    },

    /** A repair order has no "repairs needed" flag (repairing is what it is); the rest carries over. */
    async repairOrder(ctx: WriteContext, row: CheckIn, carried: CheckInItem[], tx: Db): Promise<MadeOrder> {
      const created = await repairOrders.create(
        {
          customerId: row.customerId,
          dateIn: row.dateIn,
          dateRequired: row.dateRequired,
          rush: row.rush,
          firmRush: row.firmRush,
          storageTime: row.storageTime,
          rackLocation: row.rackLocation,
          specialInstructions: row.specialInstructions,
        },
        tx,
      )
      await repairOrders.recordStatus(
        {
          repairOrderId: created.id,
          from: null,
          to: created.status,
          changedBy: ctx.actor.id,
          note: `from check-in #${row.id}`,
        },
        tx,
      )
      for (const item of carried)
        await repairItems.add({ ...itemFields(item), repairOrderId: created.id }, tx)
      await audited(ctx, tx, 'repair_order', created.repairOrderNo, {
        customerId: created.customerId,
        items: carried.length,
        fromCheckIn: row.id,
      })
      return {
        key: { repairOrderId: created.id },
        repairOrderNo: created.repairOrderNo,
        label: `repair order RO #${created.repairOrderNo}`,
      }
    },
  }
}
