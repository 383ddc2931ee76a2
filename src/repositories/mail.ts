import { and, count, desc, eq, inArray, isNotNull, type SQL, sql } from 'drizzle-orm'
import type { Db } from '../db/index.js'
import {
  customers,
  type MailKind,
  type MailStatus,
  mailOutbox,
  mailReminderBatches,
  sources,
  workOrders,
} from '../models/index.js'
import { query } from './analytics-sql.js'

export type NewOutboxRow = typeof mailOutbox.$inferInsert

/** A row the worker holds under its lease. */
export interface ClaimedMessage {
  id: number
  kind: MailKind
  customerId: number | null
  toAddress: string | null
  subject: string
  textBody: string
  htmlBody: string
  unsubscribeUrl: string
  attempts: number
}

export interface OutboxFilter {
  status?: MailStatus | undefined
  kind?: MailKind | undefined
  page: number
  pageSize: number
}

/** A customer the reminder query found due, before their e-mail field is checked. */
export interface ReminderCandidate {
  customerId: number
  customerNo: number
  name: string
  email: string | null
  lastCompleted: string
}

// One lock key for reminder batches: two managers (or a manager and the schedule) never queue the same
// customer twice. Any 64-bit constant unique in the code base ("mail" in ASCII).
const REMINDER_LOCK = 0x6d61696c
const ENQUEUE_CHUNK = 500

export function createMailRepository(db: Db) {
  return {
    /** What the "ready" message says, read in the status change's transaction. */
    async readyFacts(workOrderId: number, tx: Db = db) {
      const [row] = await tx
        .select({
          workOrderId: workOrders.id,
          workOrderNo: workOrders.workOrderNo,
          orderName: workOrders.name,
          returnStatus: workOrders.returnStatus,
          returnTo: workOrders.returnTo,
          shipToName: sources.name,
          finalLocation: workOrders.finalLocation,
          customerId: customers.id,
          customerName: customers.name,
          email: customers.email,
          optedOut: isNotNull(customers.emailOptOutAt),
        })
        .from(workOrders)
        .innerJoin(customers, eq(customers.id, workOrders.customerId))
        .leftJoin(sources, eq(sources.id, workOrders.shipToSourceId))
        .where(eq(workOrders.id, workOrderId))
      return row
    },

    /** Inserts messages; a dedupe key already present is skipped. Answers how many were new. */
    async enqueue(rows: NewOutboxRow[], tx: Db = db): Promise<number> {
      let inserted = 0
      // In chunks: a statement takes at most 65,535 parameters, and a reminder batch can be thousands of rows.
      for (let i = 0; i < rows.length; i += ENQUEUE_CHUNK) {
        const ids = await tx
          .insert(mailOutbox)
          .values(rows.slice(i, i + ENQUEUE_CHUNK))
          .onConflictDoNothing({ target: mailOutbox.dedupeKey })
          .returning({ id: mailOutbox.id })
        inserted += ids.length
      }
      return inserted
    },

    /**
     * Takes up to `limit` due pending rows for `worker` until `leaseMs` from now. SKIP LOCKED lets several
     * instances claim at once without waiting on each other; the lease keeps a row theirs after the
     * claim's transaction ends, and lets another worker take it over if this one died mid-send.
     */
    async claim(worker: string, limit: number, leaseMs: number): Promise<ClaimedMessage[]> {
      return query<ClaimedMessage>(
        db,
        sql`UPDATE mail_outbox o
               SET locked_until = now() + ${leaseMs} * interval '1 millisecond', locked_by = ${worker},
                   attempts = o.attempts + 1, updated_at = now()
             WHERE o.id IN (SELECT id FROM mail_outbox
                             WHERE status = 'pending' AND next_attempt_at <= now()
                               AND (locked_until IS NULL OR locked_until < now())
                             ORDER BY next_attempt_at, id
                             LIMIT ${limit}
                             FOR UPDATE SKIP LOCKED)
         RETURNING o.id, o.kind::text AS kind, o.customer_id AS "customerId", o.to_address AS "toAddress",
                   o.subject, o.text_body AS "textBody", o.html_body AS "htmlBody",
                   o.unsubscribe_url AS "unsubscribeUrl", o.attempts`,
      )
    },

    /** Customers among `ids` who opted out (since their message was queued). */
    async optedOut(ids: number[]): Promise<Set<number>> {
      if (ids.length === 0) return new Set()
      const rows = await db
        .select({ id: customers.id })
        .from(customers)
        .where(and(inArray(customers.id, ids), isNotNull(customers.emailOptOutAt)))
      return new Set(rows.map((r) => r.id))
    },

    /**
     * Records a send's outcome, only while `worker` still holds the row: a worker whose lease ran out
     * writes nothing over the one that took the row over.
     */
    async finish(
      id: number,
      worker: string,
      outcome:
        | { status: 'sent'; messageId: string | null }
        | { status: 'skipped'; reason: string }
        | { status: 'failed'; error: string }
        | { status: 'pending'; error: string; retryInMs: number },
    ): Promise<boolean> {
      // locked_by stays: the log keeps which worker (host:pid) handled the row last.
      const set: SQL[] = [sql`locked_until = NULL`, sql`updated_at = now()`]
      set.push(sql`status = ${outcome.status}::mail_status`)
      if (outcome.status === 'sent')
        set.push(sql`sent_at = now()`, sql`message_id = ${outcome.messageId}`, sql`last_error = NULL`)
      if (outcome.status === 'skipped') set.push(sql`skip_reason = ${outcome.reason}`)
      if (outcome.status === 'failed') set.push(sql`last_error = ${outcome.error}`)
      if (outcome.status === 'pending')
        set.push(
          sql`last_error = ${outcome.error}`,
          sql`next_attempt_at = now() + ${outcome.retryInMs} * interval '1 millisecond'`,
        )
      const rows = await query<{ id: number }>(
        db,
        sql`UPDATE mail_outbox SET ${sql.join(set, sql`, `)}
             WHERE id = ${id} AND locked_by = ${worker} AND status = 'pending' RETURNING id`,
      )
      return rows.length > 0
    },

    /** A failed message back to the queue, its attempts counted afresh. False when it is not failed. */
    async retry(id: number, tx: Db = db): Promise<boolean> {
      const rows = await tx
        .update(mailOutbox)
        .set({ status: 'pending', attempts: 0, nextAttemptAt: sql`now()`, updatedAt: sql`now()` })
        .where(and(eq(mailOutbox.id, id), eq(mailOutbox.status, 'failed')))
        .returning({ id: mailOutbox.id })
      return rows.length > 0
    },

    async statusOf(id: number, tx: Db = db): Promise<MailStatus | undefined> {
      const [row] = await tx
        .select({ status: mailOutbox.status })
        .from(mailOutbox)
        .where(eq(mailOutbox.id, id))
      return row?.status
    },

    async page(filter: OutboxFilter) {
      const where = and(
        filter.status ? eq(mailOutbox.status, filter.status) : undefined,
        filter.kind ? eq(mailOutbox.kind, filter.kind) : undefined,
      )
      const rows = await db
        .select({
          id: mailOutbox.id,
          kind: mailOutbox.kind,
          status: mailOutbox.status,
          customerId: mailOutbox.customerId,
          customerName: customers.name,
          workOrderNo: workOrders.workOrderNo,
          toAddress: mailOutbox.toAddress,
          subject: mailOutbox.subject,
          skipReason: mailOutbox.skipReason,
          attempts: mailOutbox.attempts,
          lastError: mailOutbox.lastError,
          nextAttemptAt: mailOutbox.nextAttemptAt,
          sentAt: mailOutbox.sentAt,
          createdAt: mailOutbox.createdAt,
        })
        .from(mailOutbox)
        .leftJoin(customers, eq(customers.id, mailOutbox.customerId))
        .leftJoin(workOrders, eq(workOrders.id, mailOutbox.workOrderId))
        .where(where)
        .orderBy(desc(mailOutbox.id))
        .limit(filter.pageSize)
        .offset((filter.page - 1) * filter.pageSize)
      const [total] = await db.select({ n: count() }).from(mailOutbox).where(where)
      return { rows, total: total?.n ?? 0 }
    },

    async countsByStatus(): Promise<Record<MailStatus, number>> {
      const rows = await db
        .select({ status: mailOutbox.status, n: count() })
        .from(mailOutbox)
        .groupBy(mailOutbox.status)
      const counts: Record<MailStatus, number> = { pending: 0, sent: 0, failed: 0, skipped: 0 }
      for (const r of rows) counts[r.status] = r.n
      return counts
    },

    /**
     * Customers whose latest completed order was completed 11 to 12 months before `today`, not opted out,
     * with no reminder queued or sent in the last 60 days. Their e-mail field is checked by the caller.
     */
    async reminderCandidates(today: string, tx: Db = db): Promise<ReminderCandidate[]> {
      return query<ReminderCandidate>(
        tx,
        sql`SELECT c.id AS "customerId", c.customer_no AS "customerNo", c.name, c.email,
                   last.completed::text AS "lastCompleted"
              FROM (SELECT customer_id, max(date_completed) AS completed
                      FROM work_orders
                     WHERE status = 'completed'
                       AND date_completed >  (${today}::date - interval '12 months')
                       AND date_completed <= (${today}::date - interval '11 months')
                     GROUP BY customer_id) last
              JOIN customers c ON c.id = last.customer_id
             WHERE c.email_opt_out_at IS NULL
               -- The latest completion is in the window when none came after it: a month of completions
               -- through the date index, not every customer's whole history (40 ms at 100k orders).
               AND NOT EXISTS (SELECT 1 FROM work_orders later
                                WHERE later.customer_id = c.id AND later.status = 'completed'
                                  AND later.date_completed > (${today}::date - interval '11 months'))
               AND NOT EXISTS (SELECT 1 FROM mail_outbox m
                                WHERE m.customer_id = c.id AND m.kind = 'reminder'
                                  AND m.status IN ('pending', 'sent')
                                  AND m.created_at > now() - interval '60 days')
             ORDER BY last.completed, c.id`,
      )
    },

    /** Serializes reminder batches across instances until the transaction ends. */
    async lockReminders(tx: Db): Promise<void> {
      await tx.execute(sql`SELECT pg_advisory_xact_lock(${REMINDER_LOCK})`)
    },

    /** A new batch; undefined when its schedule slot was already taken by another instance. */
    async createBatch(
      values: { slot?: string; triggeredBy: string; userId?: number | null },
      tx: Db = db,
    ): Promise<number | undefined> {
      const [row] = await tx
        .insert(mailReminderBatches)
        .values(values)
        .onConflictDoNothing({ target: mailReminderBatches.slot })
        .returning({ id: mailReminderBatches.id })
      return row?.id
    },

    async setBatchQueued(id: number, queued: number, tx: Db = db): Promise<void> {
      await tx.update(mailReminderBatches).set({ queued }).where(eq(mailReminderBatches.id, id))
    },

    async customerPreferences(customerId: number) {
      const [row] = await db
        .select({
          id: customers.id,
          customerNo: customers.customerNo,
          name: customers.name,
          email: customers.email,
          emailOptOutAt: customers.emailOptOutAt,
        })
        .from(customers)
        .where(eq(customers.id, customerId))
      return row
    },

    /** Sets or clears the opt-out; an opt-out keeps its first date. Undefined when there is no such customer. */
    async setOptOut(customerId: number, optOut: boolean, tx: Db = db) {
      const [row] = await tx
        .update(customers)
        .set({
          emailOptOutAt: optOut ? sql`coalesce(${customers.emailOptOutAt}, now())` : null,
          updatedAt: sql`now()`,
        })
        .where(eq(customers.id, customerId))
        .returning({ id: customers.id, emailOptOutAt: customers.emailOptOutAt })
      return row
    },
  }
}

export type MailRepository = ReturnType<typeof createMailRepository>
