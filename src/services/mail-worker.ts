import { randomUUID } from 'node:crypto'
import { hostname } from 'node:os'
import type { Db } from '../db/index.js'
import { isPermanentMailError, type MailTransport } from '../mail/transport.js'
import { type ClaimedMessage, createMailRepository } from '../repositories/mail.js'

export interface MailWorkerLog {
  info(obj: object, msg: string): void
  warn(obj: object, msg: string): void
  error(obj: object, msg: string): void
}

export interface MailWorkerDeps {
  db: Db
  transport: MailTransport
  log: MailWorkerLog
  pollIntervalMs: number
  retryBaseMs: number
  maxAttempts: number
  /** How long a claimed row stays this worker's; far longer than a send may take (the SMTP timeouts). */
  leaseMs?: number
  batchSize?: number
}

const MAX_RETRY_DELAY_MS = 6 * 60 * 60 * 1000

/** Exponential backoff: base, 2×base, 4×base… after the 1st, 2nd, 3rd attempt, at most 6 hours. */
export function retryDelayMs(baseMs: number, attempts: number): number {
  return Math.min(baseMs * 2 ** Math.max(0, attempts - 1), MAX_RETRY_DELAY_MS)
}

/** What a transport error says, for the row and the log: never the message's content. */
function describe(err: unknown): string {
  const e = err as { message?: unknown; code?: unknown; responseCode?: unknown }
  const parts = [e?.code, e?.responseCode, e?.message].filter((p) => p !== undefined && p !== null)
  return parts.map(String).join(' ').slice(0, 500) || 'unknown error'
}

/**
 * The outbox worker of one instance: claims due rows under a lease (SKIP LOCKED, so instances never take
 * the same row), sends each through the transport, and records sent, retry-later or failed. It polls every
 * MAIL_POLL_INTERVAL_S and can be woken sooner (a status change here, a NOTIFY from another instance).
 */
export function createMailWorker(deps: MailWorkerDeps) {
  const repo = createMailRepository(deps.db)
  const workerId = `${hostname()}:${process.pid}:${randomUUID().slice(0, 8)}`
  const leaseMs = deps.leaseMs ?? 5 * 60 * 1000
  const batchSize = deps.batchSize ?? 10

  let timer: NodeJS.Timeout | undefined
  let running: Promise<void> | undefined
  let again = false
  let stopped = true

  async function deliver(m: ClaimedMessage, optedOut: Set<number>) {
    if (m.customerId !== null && optedOut.has(m.customerId))
      return repo.finish(m.id, workerId, { status: 'skipped', reason: 'opted out' })
    if (!m.toAddress) return repo.finish(m.id, workerId, { status: 'skipped', reason: 'no usable e-mail' })
    try {
      const { messageId } = await deps.transport.send({
        outboxId: m.id,
        to: m.toAddress,
        subject: m.subject,
        text: m.textBody,
        html: m.htmlBody,
        unsubscribeUrl: m.unsubscribeUrl,
      })
      return repo.finish(m.id, workerId, { status: 'sent', messageId })
    } catch (err) {
      const error = describe(err)
      if (isPermanentMailError(err) || m.attempts >= deps.maxAttempts) {
        deps.log.error(
          { outboxId: m.id, attempts: m.attempts, error },
          'e-mail failed; a manager can retry it',
        )
        return repo.finish(m.id, workerId, { status: 'failed', error })
      }
      const retryInMs = retryDelayMs(deps.retryBaseMs, m.attempts)
      deps.log.warn({ outboxId: m.id, attempts: m.attempts, retryInMs, error }, 'e-mail not sent; will retry')
      return repo.finish(m.id, workerId, { status: 'pending', error, retryInMs })
    }
  }

  /** Sends everything due now, batch by batch. Answers how many rows it handled. */
  async function drain(): Promise<number> {
    let handled = 0
    for (;;) {
      const claimed = await repo.claim(workerId, batchSize, leaseMs)
      if (claimed.length === 0) return handled
      const optedOut = await repo.optedOut(
        claimed.flatMap((m) => (m.customerId === null ? [] : [m.customerId])),
      )
      for (const m of claimed) await deliver(m, optedOut)
      handled += claimed.length
      if (stopped) return handled
    }
  }

  function schedule(delayMs: number) {
    if (stopped) return
    if (timer) clearTimeout(timer)
    timer = setTimeout(() => {
      timer = undefined
      tick()
    }, delayMs)
    timer.unref()
  }

  function tick() {
    if (running) {
      again = true
      return
    }
    running = drain()
      .then(() => undefined)
      .catch((err: Error) => {
        // The database may be down for a while: the next poll tries again.
        deps.log.warn({ err: { message: err.message } }, 'e-mail outbox could not be read')
      })
      .finally(() => {
        running = undefined
        if (again && !stopped) {
          again = false
          tick()
        } else schedule(deps.pollIntervalMs)
      })
  }

  return {
    workerId,
    drain,
    start() {
      stopped = false
      schedule(0)
    },
    /** Look now rather than at the next poll. */
    wake() {
      if (!stopped) tick()
    },
    /** Stops polling and waits for a send in progress to be recorded. */
    async stop() {
      stopped = true
      if (timer) clearTimeout(timer)
      timer = undefined
      await running
    },
  }
}

export type MailWorker = ReturnType<typeof createMailWorker>
