import { type AnyColumn, and, eq, inArray, isNull, sql } from 'drizzle-orm'
import type { Db } from '../db/index.js'
import { customerItems, type NewWorkOrderItem, workOrderItems } from '../models/index.js'
import type { StoredItemFields } from '../schemas/items.js'
import { lastByKey } from './upsert.js'

/** The catalog's identity: the same description, material, color and size text is the same row. */
export const CATALOG_IDENTITY = [
  customerItems.customerId,
  customerItems.description,
  customerItems.material,
  customerItems.color,
  customerItems.sizeText,
]

export function createItemsRepository(db: Db) {
  return {
    async catalogItem(customerId: number, catalogItemId: number, tx: Db = db) {
      const [row] = await tx
        .select()
        .from(customerItems)
        .where(and(eq(customerItems.id, catalogItemId), eq(customerItems.customerId, customerId)))
      return row
    },

    /**
     * The customer's catalog row for this piece: the same description, material, color and size text is
     * the same row (the unique key treats empty values as equal). Its last price follows the newest order.
     */
    async upsertCatalog(customerId: number, item: StoredItemFields, tx: Db) {
      // A piece ordered again with nothing new (same price or none, same condition or none, same quantity)
      // leaves its row alone: an upsert would rewrite it and hold its lock until the order commits, so
      // concurrent orders for one customer's piece queued behind each other (and left a dead row each).
      const same = (column: AnyColumn, value: string | null) =>
        value === null ? isNull(column) : eq(column, value)
      const [current] = await tx
        .select({
          id: customerItems.id,
          lastPrice: customerItems.lastPrice,
          condition: customerItems.condition,
          quantity: customerItems.quantity,
        })
        .from(customerItems)
        .where(
          and(
            eq(customerItems.customerId, customerId),
            eq(customerItems.description, item.description),
            same(customerItems.material, item.material),
            same(customerItems.color, item.color),
            same(customerItems.sizeText, item.sizeText),
          ),
        )
      if (
        current &&
        (item.unitPrice === null || item.unitPrice === current.lastPrice) &&
        (item.condition === null || item.condition === current.condition) &&
        item.quantity === current.quantity
      )
        return current.id
      const [row] = await tx
        .insert(customerItems)
        .values({
          customerId,
          description: item.description,
          material: item.material,
          condition: item.condition,
          color: item.color,
          sizeText: item.sizeText,
          squareFeet: item.squareFeet,
          lastPrice: item.unitPrice,
          quantity: item.quantity,
        })
        .onConflictDoUpdate({
          target: CATALOG_IDENTITY,
          set: {
            lastPrice: sql`coalesce(excluded.last_price, ${customerItems.lastPrice})`,
            condition: sql`coalesce(excluded.condition, ${customerItems.condition})`,
            quantity: sql`excluded.quantity`,
            updatedAt: sql`now()`,
          },
        })
        .returning({ id: customerItems.id })
      if (!row) throw new Error('catalog upsert returned nothing')
      return row.id
    },

    async add(values: NewWorkOrderItem, tx: Db) {
      const [row] = await tx.insert(workOrderItems).values(values).returning()
      if (!row) throw new Error('item insert returned nothing')
      return row
    },

    async get(workOrderId: number, itemId: number, tx: Db = db) {
      const [row] = await tx
        .select()
        .from(workOrderItems)
        .where(and(eq(workOrderItems.id, itemId), eq(workOrderItems.workOrderId, workOrderId)))
      return row
    },

    async update(itemId: number, values: Partial<NewWorkOrderItem>, tx: Db) {
      const [row] = await tx
        .update(workOrderItems)
        .set({ ...values, updatedAt: sql`now()` })
        .where(eq(workOrderItems.id, itemId))
        .returning()
      return row
    },

    async remove(itemId: number, tx: Db) {
      const [row] = await tx
        .delete(workOrderItems)
        .where(eq(workOrderItems.id, itemId))
        .returning({ id: workOrderItems.id })
      return row
    },

    /** The legacy import: drops these orders' items (the file's replace them); how many were dropped. */
    async removeAllOf(workOrderIds: number[], tx: Db) {
      if (workOrderIds.length === 0) return 0
      const removed = await tx
        .delete(workOrderItems)
        .where(inArray(workOrderItems.workOrderId, workOrderIds))
        .returning({ id: workOrderItems.id })
      return removed.length
    },

    /**
     * The legacy import: the items, and each as a row of its customer's catalog (last price kept when
     * the file has none).
     */
    async addImported(rows: (NewWorkOrderItem & StoredItemFields & { customerId: number })[], tx: Db) {
      await feedCatalog(rows, tx)
      await tx.insert(workOrderItems).values(rows.map(({ customerId: _c, ...r }) => r))
    },
  }
}

export type ItemsRepository = ReturnType<typeof createItemsRepository>

/**
 * The legacy import: each imported item (of a work or repair order) as a row of its customer's catalog
 * (last price kept when the file has none).
 */
export async function feedCatalog(rows: (StoredItemFields & { customerId: number })[], tx: Db) {
  const catalog = lastByKey(rows, (r) =>
    JSON.stringify([r.customerId, r.description, r.material, r.color, r.sizeText]),
  )
  if (catalog.length === 0) return
  await tx
    .insert(customerItems)
    .values(
      catalog.map((r) => ({
        customerId: r.customerId,
        description: r.description,
        material: r.material,
        condition: r.condition,
        color: r.color,
        sizeText: r.sizeText,
        squareFeet: r.squareFeet,
        lastPrice: r.unitPrice,
        quantity: r.quantity,
      })),
    )
    .onConflictDoUpdate({
      target: CATALOG_IDENTITY,
      set: {
        lastPrice: sql`coalesce(excluded.last_price, ${customerItems.lastPrice})`,
        updatedAt: sql`now()`,
      },
    })
}
