import { sql } from 'drizzle-orm'
import { index, pgTable, text, uniqueIndex } from 'drizzle-orm/pg-core'
import { id, timestamps } from './columns.js'

/** Vendors, sail lofts, marinas and canvas makers that send work in; the name is the human key. */
export const sources = pgTable(
  'sources',
  {
    id: id(),
    name: text('name').notNull(),
    address: text('address'),
    city: text('city'),
    state: text('state'),
    zip: text('zip'),
    phone: text('phone'),
    fax: text('fax'),
    email: text('email'),
    ...timestamps,
  },
  (t) => [
    uniqueIndex('sources_name_key').on(t.name),
    index('sources_name_trgm_idx').using('gin', sql`lower(${t.name}) gin_trgm_ops`),
  ],
)

export type Source = typeof sources.$inferSelect
export type NewSource = typeof sources.$inferInsert
