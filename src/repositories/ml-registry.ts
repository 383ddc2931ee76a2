import { and, desc, eq, lt, ne, notInArray, sql } from 'drizzle-orm'
import type { Db } from '../db/index.js'
import { type MlConfig, mlModels, mlRuns } from '../models/index.js'

export interface NewModel {
  config: MlConfig
  samples: number
  featureNames: string[]
  metrics: unknown
  model: unknown
  durationMs: number
  triggeredBy: string
}

/** Every column but the fitted parameters (which can be large): what lists and status show. */
const summary = {
  id: mlModels.id,
  config: mlModels.config,
  status: mlModels.status,
  statusReason: mlModels.statusReason,
  trainedAt: mlModels.trainedAt,
  activatedAt: mlModels.activatedAt,
  samples: mlModels.samples,
  metrics: mlModels.metrics,
  durationMs: mlModels.durationMs,
  triggeredBy: mlModels.triggeredBy,
}

/** The model registry and the training runs. */
export function createMlRegistryRepository(db: Db) {
  return {
    async insert(values: NewModel, status: 'active' | 'inactive', statusReason: string) {
      return db.transaction(async (tx) => {
        if (status === 'active')
          await tx.update(mlModels).set({ status: 'inactive' }).where(eq(mlModels.status, 'active'))
        const [row] = await tx
          .insert(mlModels)
          .values({ ...values, status, statusReason, activatedAt: status === 'active' ? sql`now()` : null })
          .returning(summary)
        return row as NonNullable<typeof row>
      })
    },

    /** The active model's summary, without its parameters. */
    async activeSummary() {
      const [row] = await db.select(summary).from(mlModels).where(eq(mlModels.status, 'active'))
      return row
    },

    async activeId(): Promise<number | undefined> {
      const [row] = await db.select({ id: mlModels.id }).from(mlModels).where(eq(mlModels.status, 'active'))
      return row?.id
    },

    async withParameters(id: number) {
      const [row] = await db
        .select({ ...summary, featureNames: mlModels.featureNames, model: mlModels.model })
        .from(mlModels)
        .where(eq(mlModels.id, id))
      return row
    },

    async list(limit: number) {
      return db
        .select(summary)
        .from(mlModels)
        .orderBy(desc(mlModels.trainedAt), desc(mlModels.id))
        .limit(limit)
    },

    /** Deletes all but the `keep` newest models; the active one always stays. Returns the ids removed. */
    async prune(keep: number): Promise<number[]> {
      const newest = db.select({ id: mlModels.id }).from(mlModels).orderBy(desc(mlModels.id)).limit(keep)
      const removed = await db
        .delete(mlModels)
        .where(and(ne(mlModels.status, 'active'), notInArray(mlModels.id, newest)))
        .returning({ id: mlModels.id })
      return removed.map((r) => r.id)
    },

    runs: {
      /** Undefined when a run for the same schedule slot exists (another instance took it). */
      async start(p: { config: MlConfig; triggeredBy: string; deadline: Date; scheduleSlot?: string }) {
        const [row] = await db.insert(mlRuns).values(p).onConflictDoNothing().returning()
        return row
      },
      async finish(id: string, status: 'completed' | 'failed', result: unknown, modelId?: number) {
        await db
          .update(mlRuns)
          .set({ status, result, modelId: modelId ?? null, finishedAt: sql`now()` })
          .where(eq(mlRuns.id, id))
      },
      async get(id: string) {
        const [row] = await db.select().from(mlRuns).where(eq(mlRuns.id, id))
        return row
      },
      async list(limit: number) {
        return db.select().from(mlRuns).orderBy(desc(mlRuns.startedAt)).limit(limit)
      },
      /** Marks runs whose instance died (still running past their deadline) as failed, with this result. */
      async failAbandoned(result: { code: string; message: string }) {
        await db
          .update(mlRuns)
          .set({
            status: 'failed',
            finishedAt: sql`now()`,
            result,
          })
          .where(and(eq(mlRuns.status, 'running'), lt(mlRuns.deadline, sql`now()`)))
      },
      async prune(keep: number) {
        const newest = db.select({ id: mlRuns.id }).from(mlRuns).orderBy(desc(mlRuns.startedAt)).limit(keep)
        await db.delete(mlRuns).where(and(ne(mlRuns.status, 'running'), notInArray(mlRuns.id, newest)))
      },
    },
  }
}

export type MlRegistryRepository = ReturnType<typeof createMlRegistryRepository>
