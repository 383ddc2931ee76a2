import { sql } from 'drizzle-orm'
import { index, integer, pgEnum, pgTable, text, timestamp, uniqueIndex } from 'drizzle-orm/pg-core'
import { id, timestamps } from './columns.js'
import { customers } from './customers.js'
import { users } from './users.js'
import { workOrders } from './work-orders.js'

export const mailKind = pgEnum('mail_kind', ['ready', 'reminder'])
/** pending: waiting for the worker (or its next retry); skipped: never sent (no address, opted out). */
export const mailStatus = pgEnum('mail_status', ['pending', 'sent', 'failed', 'skipped'])

/** A batch of annual reminders: a schedule slot is unique, so with several instances one sends each slot. */
export const mailReminderBatches = pgTable('mail_reminder_batches', {
  id: id(),
  slot: text('slot').unique('mail_reminder_batches_slot_key'),
  triggeredBy: text('triggered_by').notNull(),
  userId: integer('user_id').references(() => users.id, { onDelete: 'set null' }),
  queued: integer('queued').notNull().default(0),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
})

/**
 * The outbox: every message to a customer is a row, written in the transaction of what caused it and sent
 * by a worker after the commit. The row is also the log (what was sent to whom, when, or why not).
 * `dedupe_key` is unique: one "ready" message per order, one reminder per customer and batch.
 * A worker owns a row while `locked_until` is in the future (the lease), so instances never send the same row.
 */
export const mailOutbox = pgTable(
  'mail_outbox',
  {
    id: id(),
    kind: mailKind('kind').notNull(),
    status: mailStatus('status').notNull().default('pending'),
    dedupeKey: text('dedupe_key').notNull(),
    customerId: integer('customer_id').references(() => customers.id, { onDelete: 'set null' }),
    workOrderId: integer('work_order_id').references(() => workOrders.id, { onDelete: 'set null' }),
    batchId: integer('batch_id').references(() => mailReminderBatches.id, { onDelete: 'set null' }),
    toAddress: text('to_address'),
    subject: text('subject').notNull(),
    textBody: text('text_body').notNull(),
    htmlBody: text('html_body').notNull(),
    unsubscribeUrl: text('unsubscribe_url').notNull(),
    skipReason: text('skip_reason'),
    attempts: integer('attempts').notNull().default(0),
    nextAttemptAt: timestamp('next_attempt_at', { withTimezone: true }).notNull().defaultNow(),
    lockedUntil: timestamp('locked_until', { withTimezone: true }),
    lockedBy: text('locked_by'),
    lastError: text('last_error'),
    messageId: text('message_id'),
    sentAt: timestamp('sent_at', { withTimezone: true }),
    ...timestamps,
  },
  (t) => [
    uniqueIndex('mail_outbox_dedupe_key').on(t.dedupeKey),
    // The worker's claim reads only the pending rows, oldest due first.
    index('mail_outbox_pending_idx').on(t.nextAttemptAt, t.id).where(sql`${t.status} = 'pending'`),
    index('mail_outbox_status_idx').on(t.status, t.id),
    index('mail_outbox_customer_idx').on(t.customerId, t.createdAt),
  ],
)

export type MailOutboxRow = typeof mailOutbox.$inferSelect
export type MailKind = (typeof mailKind.enumValues)[number]
export type MailStatus = (typeof mailStatus.enumValues)[number]
