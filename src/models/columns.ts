import { integer, timestamp } from 'drizzle-orm/pg-core'

/** Surrogate key used by every table. */
export const id = () => integer('id').primaryKey().generatedAlwaysAsIdentity()

/** created_at / updated_at, both timezone-aware; updated_at is bumped by the repositories. */
export const timestamps = {
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
}
