import { and, eq, inArray, sql } from 'drizzle-orm'
import type { Db } from '../db/index.js'
import { QUEUE_STATUSES } from '../domain/queue.js'
import {
  customers,
  queueState,
  repairOrders,
  type WorkOrderStatus,
  workOrderItems,
  workOrders,
} from '../models/index.js'
import { productType } from './analytics-sql.js'
import { orderTotals } from './work-orders.js'

/** Approved and not yet cleaned: the orders in the cleaning queue. */

const inQueue = () => inArray(workOrders.status, [...QUEUE_STATUSES])

export function createQueueRepository(db: Db) {
  async function version(tx: Db = db): Promise<number> {
    const [row] = await tx
      .select({ version: queueState.version })
      .from(queueState)
      .where(eq(queueState.id, 1))
    return row?.version ?? 0
  }

  return {
    /**
     * The queue's version and every order in it, unsorted. One statement reads both (the version as a
     * subquery of the same snapshot, so it always describes the very orders returned); a second one reads
     * the version only when the queue is empty.
     */
    async members(tx: Db = db) {
      const totals = orderTotals(tx)
      const rows = await tx
        .select({
          version: sql`(SELECT ${queueState.version} FROM ${queueState} WHERE ${queueState.id} = 1)`.mapWith(
            Number,
          ),
          id: workOrders.id,
          workOrderNo: workOrders.workOrderNo,
          name: workOrders.name,
          status: workOrders.status,
          customerName: customers.name,
          rush: workOrders.rush,
          firmRush: workOrders.firmRush,
          dateIn: workOrders.dateIn,
          dateRequired: workOrders.dateRequired,
          queuePosition: workOrders.queuePosition,
          itemCount: totals.itemCount,
          squareFeet: totals.squareFeet,
          cushion: workOrders.isCushion,
          // Its linked repair order is still open (docs/REPAIR-ORDERS.md): the order cannot go home yet.
          repairOrderNo: repairOrders.repairOrderNo,
          repairNotFinished:
            sql<boolean>`coalesce(${repairOrders.status} not in ('completed', 'cancelled'), false)`.mapWith(
              Boolean,
            ),
          // A sail order: one of its items is a sail by the shop's product rule (the analytics' rule).
          sail: sql<boolean>`EXISTS (SELECT 1 FROM ${workOrderItems} WHERE ${workOrderItems.workOrderId} = ${workOrders.id} AND ${productType(workOrderItems.description, workOrderItems.material)} = 'sail')`.mapWith(
            Boolean,
          ),
        })
        .from(workOrders)
        .innerJoin(customers, eq(customers.id, workOrders.customerId))
        .leftJoin(repairOrders, eq(repairOrders.workOrderId, workOrders.id))
        .leftJoinLateral(totals, sql`true`)
        .where(inQueue())
      return {
        version: rows[0]?.version ?? (await version(tx)),
        orders: rows.map(({ version: _, ...order }) => order),
      }
    },

    version,

    /**
     * Moves the version on if it is still `expected`: the compare-and-set that makes a reorder refuse a
     * stale view, atomic across instances (the row lock also serializes concurrent reorders).
     */
    async bumpVersion(expected: number, actorId: number, tx: Db) {
      const [row] = await tx
        .update(queueState)
        .set({ version: sql`${queueState.version} + 1`, updatedAt: sql`now()`, updatedBy: actorId })
        .where(and(eq(queueState.id, 1), eq(queueState.version, expected)))
        .returning({ version: queueState.version })
      return row?.version
    },

    /** Locks the queue's orders for the rest of the transaction, so none leaves it while it is reordered. */
    lockMembers: (tx: Db) =>
      tx
        .select({ id: workOrders.id, workOrderNo: workOrders.workOrderNo })
        .from(workOrders)
        .where(inQueue())
        .for('update'),

    /** Stores the manual order (positions 1..n in the given order) in one statement. */
    async setPositions(ids: number[], tx: Db) {
      if (ids.length === 0) return
      const cases = sql.join(
        ids.map((id, i) => sql`WHEN ${id}::int THEN ${i + 1}::int`),
        sql` `,
      )
      await tx
        .update(workOrders)
        .set({ queuePosition: sql`CASE ${workOrders.id} ${cases} END` })
        .where(inArray(workOrders.id, ids))
    },
  }
}

export type QueueRepository = ReturnType<typeof createQueueRepository>
