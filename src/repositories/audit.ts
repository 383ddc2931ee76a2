import { and, count, desc, sql } from 'drizzle-orm'
import type { Db } from '../db/index.js'
import { auditLog } from '../models/index.js'
import { buildListQuery, type ListField, type ListParams, toPage } from './list-query.js'

/** The audit log's filters and sorts (the admin page's list): all indexed or on a small table. */
const AUDIT_FIELDS: Record<string, ListField> = {
  action: { expr: auditLog.action, type: 'text', filter: true, sort: true },
  entity: { expr: auditLog.entity, type: 'text', filter: true, sort: true },
  entityId: { expr: auditLog.entityId, type: 'text', filter: true },
  actor: { expr: auditLog.actorUsername, type: 'text', filter: true, sort: true },
  createdAt: { expr: auditLog.createdAt, type: 'date', sort: true },
  // A range of calendar days (in the database session's time zone): the column is a timestamp, and a date
  // string bound to it as a timestamp parameter would not be converted.
  day: { expr: sql`(${auditLog.createdAt})::date`, type: 'date', filter: true },
}

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

    /** One page of the log, filtered and sorted by the list parameters (newest first by default). */
    async page(params: ListParams) {
      const q = buildListQuery(AUDIT_FIELDS, { ...params, sort: params.sort || '-createdAt' }, auditLog.id)
      const where = q.where.length > 0 ? and(...q.where) : undefined
      const [rows, [total]] = await Promise.all([
        db
          .select()
          .from(auditLog)
          .where(where)
          .orderBy(...q.orderBy)
          .limit(q.limit)
          .offset(q.offset),
        db.select({ n: count() }).from(auditLog).where(where),
      ])
      return toPage(rows, total?.n ?? 0, params)
    },
  }
}

export type AuditRepository = ReturnType<typeof createAuditRepository>
