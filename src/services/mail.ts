import type { ValueSigner } from '../auth/tokens.js'
import type { Db } from '../db/index.js'
import { firstValidEmail } from '../domain/email-address.js'
import {
  type ComposedMessage,
  readyMessage,
  reminderMessage,
  type ShopIdentity,
} from '../domain/mail-messages.js'
import { shopToday } from '../domain/shop-date.js'
import type { MailKind, MailStatus, WorkOrderStatus } from '../models/index.js'
import { createAuditRepository } from '../repositories/audit.js'
import { createMailRepository, type NewOutboxRow, type ReminderCandidate } from '../repositories/mail.js'
import { CustomerErrors } from './customers.errors.js'
import { MailErrors } from './mail.errors.js'
import { auditedWrite, type WriteContext, type WriteDeps } from './write-context.js'

export interface MailServiceDeps extends WriteDeps {
  signer: ValueSigner
  shop: ShopIdentity
  /** The origin unsubscribe links point at (PUBLIC_URL). */
  publicUrl: string
  timeZone: string
}

const UNSUBSCRIBE = 'mail-unsubscribe'

/** The statuses at which an order may be collected (docs/MAIL.md): the first of them sends the message. */
const READY_STATUSES: ReadonlySet<WorkOrderStatus> = new Set(['packaged', 'completed'])

export interface DueReminder extends Omit<ReminderCandidate, 'email'> {
  email: string
}

/** E-mail to customers: the outbox's writes, the reminders' selection, opt-out, and what managers see. */
export function createMailService(deps: MailServiceDeps) {
  const repo = createMailRepository(deps.db)
  const audit = createAuditRepository(deps.db)
  // The outbox worker listens here: a commit that queued mail wakes it before its next poll.
  const queuedListeners = new Set<() => void>()
  const nudge = () => {
    for (const listener of queuedListeners) listener()
  }

  const unsubscribeUrl = (customerId: number) =>
    `${deps.publicUrl}/unsubscribe/${deps.signer.sign(UNSUBSCRIBE, `c${customerId}`)}`

  /** The customer a token names, or 400 for anything this shop did not sign. */
  function customerOfToken(token: string): number {
    const value = token.length <= 200 ? deps.signer.verify(UNSUBSCRIBE, token) : undefined
    const id = value && /^c[1-9]\d{0,9}$/.test(value) ? Number(value.slice(1)) : Number.NaN
    if (!Number.isSafeInteger(id) || id > 2_147_483_647) throw MailErrors.unsubscribeInvalid()
    return id
  }

  function outboxRow(
    kind: MailKind,
    key: string,
    customerId: number,
    to: string | null,
    message: ComposedMessage,
    url: string,
    skip: string | null,
  ): NewOutboxRow {
    return {
      kind,
      dedupeKey: key,
      customerId,
      toAddress: to,
      subject: message.subject,
      textBody: message.text,
      htmlBody: message.html,
      unsubscribeUrl: url,
      ...(skip ? { status: 'skipped' as const, skipReason: skip } : {}),
    }
  }

  /** Partitions the reminder candidates into those with a usable address and those without. */
  async function dueNow(tx: Db = deps.db) {
    const candidates = await repo.reminderCandidates(shopToday(deps.timeZone), tx)
    const due: DueReminder[] = []
    const invalid: ReminderCandidate[] = []
    for (const c of candidates) {
      const email = firstValidEmail(c.email)
      if (email) due.push({ ...c, email })
      else invalid.push(c)
    }
    return { due, invalid }
  }

  function dueList({ due, invalid }: { due: DueReminder[]; invalid: ReminderCandidate[] }) {
    return {
      due,
      noUsableEmail: invalid.length,
      invalidExamples: invalid
        .slice(0, 20)
        .map((c) => ({ customerId: c.customerId, customerNo: c.customerNo, name: c.name, email: c.email })),
    }
  }

  function preview(target: DueReminder) {
    const { message } = reminderFor(target)
    return { customerId: target.customerId, to: target.email, ...message }
  }

  function reminderFor(c: DueReminder) {
    const url = unsubscribeUrl(c.customerId)
    return {
      url,
      message: reminderMessage({ customerName: c.name, lastCompleted: c.lastCompleted }, deps.shop, url),
    }
  }

  /** Queues one reminder per due customer in a new batch; the batch row claims a schedule slot. */
  async function sendReminders(opts: {
    slot?: string
    triggeredBy: 'schedule' | 'manager'
    ctx?: WriteContext
  }) {
    const outcome = await deps.db.transaction(async (tx) => {
      await repo.lockReminders(tx)
      const batchId = await repo.createBatch(
        {
          ...(opts.slot ? { slot: opts.slot } : {}),
          triggeredBy: opts.triggeredBy,
          userId: opts.ctx?.actor.id ?? null,
        },
        tx,
      )
      if (batchId === undefined) return { status: 'slot taken' as const }
      const { due, invalid } = await dueNow(tx)
      const rows = due.map((c) => {
        const { url, message } = reminderFor(c)
        return outboxRow(
          'reminder',
          `reminder:${c.customerId}:${batchId}`,
          c.customerId,
          c.email,
          message,
          url,
          null,
        )
      })
      const queued = await repo.enqueue(rows, tx)
      await repo.setBatchQueued(batchId, queued, tx)
      await audit.record(
        {
          action: 'mail.reminders_queued',
          entity: 'mail_batch',
          entityId: batchId,
          summary: { queued, noUsableEmail: invalid.length, triggeredBy: opts.triggeredBy },
          actor: opts.ctx?.actor,
          actorUsername: opts.ctx ? undefined : 'schedule',
          requestId: opts.ctx?.requestId,
          ip: opts.ctx?.ip,
        },
        tx,
      )
      return { status: 'queued' as const, batchId, queued, noUsableEmail: invalid.length }
    })
    if (outcome.status === 'queued' && outcome.queued > 0) nudge()
    return outcome
  }

  return {
    unsubscribeUrl,

    /**
     * Called inside a status change's transaction: the first time an order reaches a status at which it
     * may be collected, its "ready" message is written to the outbox (or recorded as skipped, with why).
     * The unique dedupe key makes it once per order, whatever happens to the order later.
     */
    async onStatusChanged(workOrderId: number, to: WorkOrderStatus, tx: Db): Promise<void> {
      if (!READY_STATUSES.has(to)) return
      const facts = await repo.readyFacts(workOrderId, tx)
      if (!facts) return
      const url = unsubscribeUrl(facts.customerId)
      const message = readyMessage({ ...facts, returnTo: facts.shipToName ?? facts.returnTo }, deps.shop, url)
      const address = firstValidEmail(facts.email)
      const skip = facts.optedOut ? 'opted out' : address ? null : 'no usable e-mail'
      const row = outboxRow('ready', `ready:${workOrderId}`, facts.customerId, address, message, url, skip)
      await repo.enqueue([row], tx)
    },

    /** Called after a commit that queued messages (the worker subscribes). */
    onQueued(listener: () => void): () => void {
      queuedListeners.add(listener)
      return () => queuedListeners.delete(listener)
    },

    /**
     * The reminders page in one read of the due list: the list, and what the reminder to `previewId` (or,
     * when it is not due, to the first customer due) would say.
     */
    async remindersOverview(previewId?: number) {
      const now = await dueNow()
      const target =
        (previewId !== undefined && now.due.find((c) => c.customerId === previewId)) || now.due[0]
      return { ...dueList(now), preview: target && preview(target) }
    },

    /** The due list, with the customers left out for want of a usable address counted. */
    async dueReminders() {
      return dueList(await dueNow())
    },

    /** What the reminder to this customer (or to the first one due) would say. */
    async previewReminder(customerId?: number) {
      const { due } = await dueNow()
      const target = customerId === undefined ? due[0] : due.find((c) => c.customerId === customerId)
      return target && preview(target)
    },

    sendReminders: (ctx: WriteContext) => sendReminders({ triggeredBy: 'manager', ctx }),
    /** The in-process schedule: one instance per slot (the batch's unique slot). */
    sendScheduledReminders: (slot: string) => sendReminders({ triggeredBy: 'schedule', slot }),

    history: async (filter: {
      status?: MailStatus | undefined
      kind?: MailKind | undefined
      page: number
      pageSize: number
    }) => {
      const { rows, total } = await repo.page(filter)
      return {
        data: rows,
        total,
        page: filter.page,
        pageSize: filter.pageSize,
        pageCount: Math.ceil(total / filter.pageSize),
      }
    },

    counts: () => repo.countsByStatus(),

    /** A failed message back to the queue (a manager, after fixing what failed). */
    async retry(ctx: WriteContext, id: number) {
      // Not business data: no change is announced (no cache depends on the outbox).
      await deps.db.transaction(async (tx) => {
        if (!(await repo.retry(id, tx)))
          throw (await repo.statusOf(id, tx)) ? MailErrors.notFailed(id) : MailErrors.notFound(id)
        await audit.record({ action: 'mail.retried', entity: 'mail_outbox', entityId: id, ...ctx }, tx)
      })
      nudge()
    },

    async preferences(customerId: number) {
      const row = await repo.customerPreferences(customerId)
      if (!row) throw CustomerErrors.notFound(customerId)
      return preferencesOf(row)
    },

    async setOptOut(ctx: WriteContext, customerId: number, optOut: boolean) {
      await auditedWrite(deps, ctx, async (tx) => {
        const row = await repo.setOptOut(customerId, optOut, tx)
        if (!row) throw CustomerErrors.notFound(customerId)
        return {
          result: undefined,
          audit: {
            action: optOut ? 'customer.email_opted_out' : 'customer.email_opted_in',
            entity: 'customer',
            entityId: customerId,
          },
          change: { entity: 'customer', action: 'updated', ids: [customerId] },
        }
      })
      return this.preferences(customerId)
    },

    /** The customer an unsubscribe link names (GET shows this before anything changes). */
    async unsubscribeTarget(token: string) {
      const id = customerOfToken(token)
      const row = await repo.customerPreferences(id)
      if (!row) throw MailErrors.unsubscribeInvalid()
      return { name: row.name, optedOut: row.emailOptOutAt !== null }
    },

    /** The link's POST (the confirmation button, or a mail client's RFC 8058 one-click): opt out at once. */
    async unsubscribe(token: string, meta: { requestId?: string; ip?: string } = {}) {
      const id = customerOfToken(token)
      const row = await deps.db.transaction(async (tx) => {
        const updated = await repo.setOptOut(id, true, tx)
        if (!updated) throw MailErrors.unsubscribeInvalid()
        await audit.record(
          {
            action: 'customer.email_opted_out',
            entity: 'customer',
            entityId: id,
            actorUsername: 'unsubscribe link',
            requestId: meta.requestId,
            ip: meta.ip,
          },
          tx,
        )
        return updated
      })
      deps.changes.emit({ entity: 'customer', action: 'updated', ids: [id] })
      return { optedOutAt: row.emailOptOutAt }
    },
  }
}

function preferencesOf(row: { id: number; name: string; email: string | null; emailOptOutAt: Date | null }) {
  const usable = firstValidEmail(row.email)
  return {
    customerId: row.id,
    email: row.email,
    usableEmail: usable,
    optOut: row.emailOptOutAt !== null,
    optedOutAt: row.emailOptOutAt,
  }
}

export type MailService = ReturnType<typeof createMailService>
