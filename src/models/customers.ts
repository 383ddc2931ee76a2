import { type SQL, sql } from 'drizzle-orm'
import { index, integer, pgSequence, pgTable, text, timestamp, uniqueIndex } from 'drizzle-orm/pg-core'
import { id, timestamps } from './columns.js'
import { sources } from './sources.js'

/** Customer numbers come from this sequence; imports keep legacy numbers and move it past the largest. */
export const customerNumberSeq = pgSequence('customer_number_seq', { startWith: 1 })

/**
 * What the global search matches for a customer: name, contact, e-mail, city and phones (as typed and as
 * bare digits), lower-cased. The same expression backs a trigram index, so it must stay immutable SQL.
 */
export function customerSearchText(t: {
  name: unknown
  contact: unknown
  email: unknown
  city: unknown
  homePhone: unknown
  workPhone: unknown
  cellPhone: unknown
}): SQL {
  return sql`lower(coalesce(${t.name}, '') || ' ' || coalesce(${t.contact}, '') || ' ' || coalesce(${t.email}, '') || ' ' || coalesce(${t.city}, '') || ' ' || coalesce(${t.homePhone}, '') || ' ' || coalesce(${t.workPhone}, '') || ' ' || coalesce(${t.cellPhone}, '') || ' ' || regexp_replace(coalesce(${t.homePhone}, ''), '[^0-9]', '', 'g') || ' ' || regexp_replace(coalesce(${t.workPhone}, ''), '[^0-9]', '', 'g') || ' ' || regexp_replace(coalesce(${t.cellPhone}, ''), '[^0-9]', '', 'g'))`
}

export const customers = pgTable(
  'customers',
  {
    id: id(),
    customerNo: integer('customer_no').notNull().default(sql`nextval('customer_number_seq')`),
    name: text('name').notNull(),
    contact: text('contact'),
    address: text('address'),
    address2: text('address2'),
    city: text('city'),
    state: text('state'),
    zip: text('zip'),
    homePhone: text('home_phone'),
    workPhone: text('work_phone'),
    cellPhone: text('cell_phone'),
    email: text('email'),
    mailAddress: text('mail_address'),
    mailCity: text('mail_city'),
    mailState: text('mail_state'),
    mailZip: text('mail_zip'),
    sourceId: integer('source_id').references(() => sources.id, { onDelete: 'restrict' }),
    /** Set when the customer unsubscribed (or a manager opted them out): no e-mail is sent to them. */
    emailOptOutAt: timestamp('email_opt_out_at', { withTimezone: true }),
    ...timestamps,
  },
  (t) => [
    uniqueIndex('customers_customer_no_key').on(t.customerNo),
    index('customers_name_idx').on(t.name),
    index('customers_source_id_idx').on(t.sourceId),
    index('customers_city_idx').on(t.city),
    // The list's other sorts (as for work orders: NOT NULL columns read backwards for descending, nullable
    // ones with a second index so their nulls stay last).
    index('customers_city_desc_idx').on(t.city.desc().nullsLast(), t.id.desc().nullsFirst()),
    index('customers_contact_idx').on(t.contact, t.id),
    index('customers_contact_desc_idx').on(t.contact.desc().nullsLast(), t.id.desc().nullsFirst()),
    index('customers_state_idx').on(t.state, t.id),
    index('customers_state_desc_idx').on(t.state.desc().nullsLast(), t.id.desc().nullsFirst()),
    index('customers_email_idx').on(t.email, t.id),
    index('customers_email_desc_idx').on(t.email.desc().nullsLast(), t.id.desc().nullsFirst()),
    index('customers_created_at_idx').on(t.createdAt, t.id),
    index('customers_search_trgm_idx').using('gin', sql`(${customerSearchText(t)}) gin_trgm_ops`),
  ],
)

export type Customer = typeof customers.$inferSelect
export type NewCustomer = typeof customers.$inferInsert
