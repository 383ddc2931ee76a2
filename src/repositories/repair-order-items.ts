import { and, eq, inArray, sql } from 'drizzle-orm'
import type { Db } from '../db/index.js'
import { type NewRepairOrderItem, repairOrderItems } from '../models/index.js'

/** A repair order's items: the same shape as work order items (the catalog is the items repository's). */
export function createRepairOrderItemsRepository(db: Db) {
  return {
    async add(values: NewRepairOrderItem, tx: Db) {
      const [row] = await tx.insert(repairOrderItems).values(values).returning()
      if (!row) throw new Error('repair item insert returned nothing')
      return row
    },

    async get(repairOrderId: number, itemId: number, tx: Db = db) {
      const [row] = await tx
        .select()
        .from(repairOrderItems)
        .where(and(eq(repairOrderItems.id, itemId), eq(repairOrderItems.repairOrderId, repairOrderId)))
      return row
    },

    async update(itemId: number, values: Partial<NewRepairOrderItem>, tx: Db) {
      const [row] = await tx
        .update(repairOrderItems)
        .set({ ...values, updatedAt: sql`now()` })
        .where(eq(repairOrderItems.id, itemId))
        .returning()
      return row
    },

    async remove(itemId: number, tx: Db) {
      const [row] = await tx
        .delete(repairOrderItems)
        .where(eq(repairOrderItems.id, itemId))
        .returning({ id: repairOrderItems.id })
      return row
    },

    /** The legacy import: drops these repair orders' items (the file's replace them); how many were dropped. */
    async removeAllOf(repairOrderIds: number[], tx: Db) {
      if (repairOrderIds.length === 0) return 0
      const removed = await tx
        .delete(repairOrderItems)
        .where(inArray(repairOrderItems.repairOrderId, repairOrderIds))
        .returning({ id: repairOrderItems.id })
      return removed.length
    },

    async addMany(rows: NewRepairOrderItem[], tx: Db) {
      if (rows.length) await tx.insert(repairOrderItems).values(rows)
    },
  }
}
