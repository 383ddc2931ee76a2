import { sql } from 'drizzle-orm'
import { bigint, check, integer, pgTable, timestamp } from 'drizzle-orm/pg-core'
import { users } from './users.js'

/**
 * The cleaning queue's single row: `version` is bumped by every manual reorder, in the same transaction,
 * so a reorder based on a stale view is refused (docs/WORK-ORDERS.md, optimistic concurrency).
 */
export const queueState = pgTable(
  'queue_state',
  {
    id: integer('id').primaryKey().default(1),
    version: bigint('version', { mode: 'number' }).notNull().default(0),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
    updatedBy: integer('updated_by').references(() => users.id, { onDelete: 'set null' }),
  },
  (t) => [check('queue_state_single_row', sql`${t.id} = 1`)],
)

export type QueueState = typeof queueState.$inferSelect
