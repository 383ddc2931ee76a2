import type { Db } from '../db/index.js'
import { type AuditActor, createAuditRepository } from '../repositories/audit.js'
import type { ChangeHub, DataChange } from './changes.js'

/** Who is writing, from which request: every business write is audited with it. */
export interface WriteContext {
  actor: AuditActor
  requestId?: string | undefined
  ip?: string | undefined
}

export interface WriteDeps {
  db: Db
  changes: ChangeHub
}

/**
 * Runs a write in a transaction, audits it inside the same transaction, and announces the change on the
 * hub only after the commit (so a listener never sees a change that was rolled back).
 */
export async function auditedWrite<T>(
  deps: WriteDeps,
  ctx: WriteContext,
  work: (tx: Db) => Promise<{
    result: T
    audit: { action: string; entity: string; entityId?: string | number; summary?: Record<string, unknown> }
    change: DataChange
  }>,
): Promise<T> {
  const audit = createAuditRepository(deps.db)
  const { result, change } = await deps.db.transaction(async (tx) => {
    const outcome = await work(tx)
    await audit.record({ ...outcome.audit, actor: ctx.actor, requestId: ctx.requestId, ip: ctx.ip }, tx)
    return outcome
  })
  deps.changes.emit(change)
  return result
}
