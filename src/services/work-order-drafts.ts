import { randomUUID } from 'node:crypto'
import type { Db } from '../db/index.js'
import { createWorkOrderDraftsRepository } from '../repositories/work-order-drafts.js'

/** How many drafts a user keeps: enough for a busy counter, few enough to offer all of them back. */
export const DRAFTS_PER_USER = 5
const MAX_FIELDS = 400
const MAX_VALUE = 4000
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i

export type DraftFields = Record<string, string>

/**
 * Work order forms saved as the user types (issue 17): a reload, a crash or an expired session loses
 * nothing. Only the user's newest DRAFTS_PER_USER are kept; a draft is removed when its order is saved.
 * Drafts are not audited: they are the user's scratch paper, not business data.
 */
export function createWorkOrderDraftsService(deps: { db: Db }) {
  const repo = createWorkOrderDraftsRepository(deps.db)
  return {
    newId: () => randomUUID(),
    isDraftId: (id: unknown): id is string => typeof id === 'string' && UUID.test(id),

    /** Keeps the form's string fields (bounded), then prunes the user's older drafts. */
    async save(userId: number, id: string, workOrderNo: number | null, fields: Record<string, unknown>) {
      if (!UUID.test(id)) return null
      const kept: DraftFields = {}
      for (const [name, value] of Object.entries(fields).slice(0, MAX_FIELDS)) {
        const text = Array.isArray(value) ? value[0] : value
        if (typeof text === 'string') kept[name.slice(0, 100)] = text.slice(0, MAX_VALUE)
      }
      const row = await repo.save({ id, userId, workOrderNo, fields: kept })
      if (row) await repo.prune(userId, DRAFTS_PER_USER)
      return row
    },

    get: (userId: number, id: string) => (UUID.test(id) ? repo.get(userId, id) : Promise.resolve(null)),
    listFor: (userId: number, workOrderNo: number | null) => repo.listFor(userId, workOrderNo),
    discard: (userId: number, id: string) => (UUID.test(id) ? repo.remove(userId, [id]) : Promise.resolve()),
  }
}

export type WorkOrderDraftsService = ReturnType<typeof createWorkOrderDraftsService>
