import { index, integer, jsonb, pgTable, timestamp, uuid } from 'drizzle-orm/pg-core'
import { users } from './users.js'

/**
 * A work order form as the user left it (issue 17): saved as they type, so a reload or an expired session
 * loses nothing. Only the newest few per user are kept (services/work-order-drafts.ts). `fields` is the
 * form's own values (strings by field name), never trusted: the form validates them again on submit.
 */
export const workOrderDrafts = pgTable(
  'work_order_drafts',
  {
    /** Made by the server when the form opens; the form posts it back with every save. */
    id: uuid('id').primaryKey(),
    userId: integer('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    /** The order being edited; null for a new order. */
    workOrderNo: integer('work_order_no'),
    fields: jsonb('fields').$type<Record<string, string>>().notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('work_order_drafts_user_idx').on(t.userId, t.updatedAt)],
)

export type WorkOrderDraft = typeof workOrderDrafts.$inferSelect
