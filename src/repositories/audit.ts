import { desc } from 'drizzle-orm'
import type { Db } from '../db/index.js'
import { auditLog } from '../models/index.js'

export interface AuditActor {
  id: number
  username: string
}

export interface AuditEvent {
  action: string
  entity: string
  entityId?: string | number | undefined
  summary?: Record<string, unknown>
  actor?: AuditActor | undefined
  /** When the actor is unknown (a failed login), the name that was typed. */
  actorUsername?: string | undefined
  requestId?: string | undefined
  ip?: string | undefined
}

export function createAuditRepository(db: Db) {
  return {
    async record(event: AuditEvent, tx: Db = db): Promise<void> {
      await tx.insert(auditLog).values({
        action: event.action,
        entity: event.entity,
        entityId: event.entityId === undefined ? null : String(event.entityId),
        summary: event.summary ?? null,
        actorId: event.actor?.id ?? null,
        actorUsername: event.actor?.username ?? event.actorUsername ?? null,
        requestId: event.requestId ?? null,
        ip: event.ip ?? null,
      })
    },

    async recent(limit: number) {
      return db.select().from(auditLog).orderBy(desc(auditLog.id)).limit(limit)
    },
  }
}

export type AuditRepository = ReturnType<typeof createAuditRepository>
