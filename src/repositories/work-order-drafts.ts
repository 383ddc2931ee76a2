import { and, desc, eq, inArray, isNull, notInArray, sql } from 'drizzle-orm'
import type { Db } from '../db/index.js'
import { workOrderDrafts } from '../models/index.js'

/** Saved work order forms, one user's at a time (every statement names the user: no one reads another's). */
export function createWorkOrderDraftsRepository(db: Db) {
  return {
    /** Inserts or overwrites the draft; a draft id belonging to someone else is left alone (null). */
    async save(values: {
      id: string
      userId: number
      workOrderNo: number | null
      fields: Record<string, string>
    }) {
      const [row] = await db
        .insert(workOrderDrafts)
        .values(values)
        .onConflictDoUpdate({
          target: workOrderDrafts.id,
          set: { fields: values.fields, updatedAt: sql`now()` },
          setWhere: eq(workOrderDrafts.userId, values.userId),
        })
        .returning()
      return row ?? null
    },

    async get(userId: number, id: string) {
      const [row] = await db
        .select()
        .from(workOrderDrafts)
        .where(and(eq(workOrderDrafts.userId, userId), eq(workOrderDrafts.id, id)))
      return row ?? null
    },

    /** The user's drafts for a new order (workOrderNo null) or for one order's edit, newest first. */
    async listFor(userId: number, workOrderNo: number | null) {
      return db
        .select()
        .from(workOrderDrafts)
        .where(
          and(
            eq(workOrderDrafts.userId, userId),
            workOrderNo === null
              ? isNull(workOrderDrafts.workOrderNo)
              : eq(workOrderDrafts.workOrderNo, workOrderNo),
          ),
        )
        .orderBy(desc(workOrderDrafts.updatedAt), desc(workOrderDrafts.id))
    },

    /** Deletes all but the user's `keep` newest drafts. */
    async prune(userId: number, keep: number) {
      const newest = db
        .select({ id: workOrderDrafts.id })
        .from(workOrderDrafts)
        .where(eq(workOrderDrafts.userId, userId))
        .orderBy(desc(workOrderDrafts.updatedAt), desc(workOrderDrafts.id))
        .limit(keep)
      await db
        .delete(workOrderDrafts)
        .where(and(eq(workOrderDrafts.userId, userId), notInArray(workOrderDrafts.id, newest)))
    },

    async remove(userId: number, ids: string[]) {
      if (ids.length === 0) return
      await db
        .delete(workOrderDrafts)
        .where(and(eq(workOrderDrafts.userId, userId), inArray(workOrderDrafts.id, ids)))
    },
  }
}
