import { and, eq, sql } from 'drizzle-orm'
import type { Db } from '../db/index.js'
import type { Outcome, SnapshotRow } from '../ml/performance.js'
import { mlPredictionSnapshots, mlSnapshotRuns, type NewMlPredictionSnapshot } from '../models/index.js'
import { query } from './analytics-sql.js'

/** A prediction as stored (the service maps PredictionResult onto it). */
export type SnapshotInput = Omit<NewMlPredictionSnapshot, 'id' | 'createdAt'>

const CHUNK = 1000

export function createMlSnapshotsRepository(db: Db) {
  return {
    /** The day's nightly snapshot, replacing any earlier run of the same day (one transaction). */
    async replaceDaily(snapshotDate: string, rows: readonly SnapshotInput[]): Promise<void> {
      await db.transaction(async (tx) => {
        await tx
          .delete(mlPredictionSnapshots)
          .where(
            and(
              eq(mlPredictionSnapshots.snapshotDate, snapshotDate),
              eq(mlPredictionSnapshots.kind, 'daily'),
            ),
          )
        for (let i = 0; i < rows.length; i += CHUNK)
          await tx.insert(mlPredictionSnapshots).values(rows.slice(i, i + CHUNK))
      })
    },

    /** The prediction shown when the order was entered; the first one stays. */
    async insertCreated(row: SnapshotInput): Promise<void> {
      await db
        .insert(mlPredictionSnapshots)
        .values({ ...row, kind: 'created' })
        .onConflictDoNothing()
    },

    /** Claims a nightly slot; false when another instance already has it. */
    async claimSlot(slot: string, snapshotDate: string): Promise<boolean> {
      const rows = await db
        .insert(mlSnapshotRuns)
        .values({ slot, snapshotDate })
        .onConflictDoNothing()
        .returning({ slot: mlSnapshotRuns.slot })
      return rows.length > 0
    },

    async finishSlot(slot: string, orders: number): Promise<void> {
      await db
        .update(mlSnapshotRuns)
        .set({ finishedAt: new Date(), orders })
        .where(eq(mlSnapshotRuns.slot, slot))
    },

    /**
     * Orders completed on or after `from` that were ever predicted, with their real turnaround dates and
     * price (the others have nothing to score, and summing their items cost most of the models page).
     */
    async outcomes(from: string): Promise<Outcome[]> {
      return query<Outcome & Record<string, unknown>>(
        db,
        sql`SELECT w.id AS "workOrderId", w.date_in::text AS "dateIn", w.date_completed::text AS "dateCompleted",
                   CASE WHEN count(i.id) > 0 AND count(i.id) = count(i.unit_price)
                        THEN round(sum(i.quantity * i.unit_price), 2)::float8 END AS price
              FROM work_orders w LEFT JOIN work_order_items i ON i.work_order_id = w.id
             WHERE w.status = 'completed' AND w.date_completed >= ${from}::date
               AND w.date_completed >= w.date_in
               AND EXISTS (SELECT 1 FROM ml_prediction_snapshots s WHERE s.work_order_id = w.id)
             GROUP BY w.id ORDER BY w.date_completed, w.id`,
      )
    },

    /** Every snapshot of the orders completed on or after `from`. */
    async snapshotsOfCompleted(from: string): Promise<SnapshotRow[]> {
      const rows = await query<{
        work_order_id: number
        snapshot_date: string
        kind: 'daily' | 'created'
        model_id: number
        predicted_days: number
        days_low: number
        days_high: number
        predicted_price: number
        price_low: number
        price_high: number
      }>(
        db,
        sql`SELECT s.work_order_id, s.snapshot_date::text AS snapshot_date, s.kind::text AS kind, s.model_id,
                   s.predicted_days, s.days_low, s.days_high, s.predicted_price, s.price_low, s.price_high
              FROM ml_prediction_snapshots s JOIN work_orders w ON w.id = s.work_order_id
             WHERE w.status = 'completed' AND w.date_completed >= ${from}::date
             ORDER BY s.work_order_id, s.snapshot_date`,
      )
      return rows.map((r) => ({
        workOrderId: r.work_order_id,
        snapshotDate: r.snapshot_date,
        kind: r.kind,
        modelId: r.model_id,
        days: { predicted: r.predicted_days, low: r.days_low, high: r.days_high },
        price: { predicted: r.predicted_price, low: r.price_low, high: r.price_high },
      }))
    },

    /** How many orders a day's nightly snapshot holds (for the check and the tests). */
    async countDaily(snapshotDate: string): Promise<number> {
      const [r] = await query<{ n: number }>(
        db,
        sql`SELECT count(*)::int AS n FROM ml_prediction_snapshots WHERE snapshot_date = ${snapshotDate}::date AND kind = 'daily'`,
      )
      return r?.n ?? 0
    },
  }
}

export type MlSnapshotsRepository = ReturnType<typeof createMlSnapshotsRepository>
