import { index, integer, numeric, pgTable, text, unique } from 'drizzle-orm/pg-core'
import { id, timestamps } from './columns.js'
import { customers } from './customers.js'

/**
 * The memory of each customer's pieces ("inventory" in the legacy system). A catalog, not stock:
 * nothing is decremented. The same description, material, color and size text is the same row.
 */
export const customerItems = pgTable(
  'customer_items',
  {
    id: id(),
    customerId: integer('customer_id')
      .notNull()
      .references(() => customers.id, { onDelete: 'cascade' }),
    description: text('description').notNull(),
    material: text('material'),
    condition: text('condition'),
    color: text('color'),
    sizeText: text('size_text'),
    squareFeet: numeric('square_feet', { precision: 10, scale: 2, mode: 'number' }),
    lastPrice: numeric('last_price', { precision: 10, scale: 2, mode: 'number' }),
    quantity: integer('quantity').notNull().default(1),
    ...timestamps,
  },
  (t) => [
    index('customer_items_customer_id_idx').on(t.customerId),
    unique('customer_items_identity_key')
      .on(t.customerId, t.description, t.material, t.color, t.sizeText)
      .nullsNotDistinct(),
  ],
)

export type CustomerItem = typeof customerItems.$inferSelect
export type NewCustomerItem = typeof customerItems.$inferInsert
