import { and, asc, eq, sql } from 'drizzle-orm'
import type { Db } from '../db/index.js'
import { customerItems, type NewCustomerItem } from '../models/index.js'

export type CatalogValues = Omit<NewCustomerItem, 'id' | 'customerId' | 'createdAt' | 'updatedAt'>

/** A customer's item catalog edited by hand (orders feed it through items.ts's upsert). */
export function createCatalogRepository(db: Db) {
  const ofCustomer = (customerId: number, itemId: number) =>
    and(eq(customerItems.id, itemId), eq(customerItems.customerId, customerId))
  return {
    async list(customerId: number) {
      return db
        .select()
        .from(customerItems)
        .where(eq(customerItems.customerId, customerId))
        .orderBy(asc(customerItems.description), asc(customerItems.id))
    },

    async get(customerId: number, itemId: number) {
      const [row] = await db.select().from(customerItems).where(ofCustomer(customerId, itemId))
      return row
    },

    async create(customerId: number, values: CatalogValues, tx: Db) {
      const [row] = await tx
        .insert(customerItems)
        .values({ ...values, customerId })
        .returning()
      if (!row) throw new Error('catalog insert returned nothing')
      return row
    },

    async update(customerId: number, itemId: number, values: CatalogValues, tx: Db) {
      const [row] = await tx
        .update(customerItems)
        .set({ ...values, updatedAt: sql`now()` })
        .where(ofCustomer(customerId, itemId))
        .returning()
      return row
    },

    async remove(customerId: number, itemId: number, tx: Db) {
      const [row] = await tx
        .delete(customerItems)
        .where(ofCustomer(customerId, itemId))
        .returning({ id: customerItems.id, description: customerItems.description })
      return row
    },
  }
}
