import { and, eq, sql } from 'drizzle-orm'
import type { Db } from '../db/index.js'
import type { Outcome, SnapshotRow, TrendPoint } from '../ml/performance.js'
import type { Target } from '../ml/train.js'
import { mlPredictionSnapshots, mlSnapshotRuns, type NewMlPredictionSnapshot } from '../models/index.js'
import { query } from './analytics-sql.js'

/** A prediction as stored (the service maps PredictionResult onto it). */
export type SnapshotInput = Omit<NewMlPredictionSnapshot, 'id' | 'createdAt'>

const CHUNK = 1000

/**
 * `WITH o AS (…)`: the orders completed on or after `from` that were ever predicted, with their turnaround
 * days and price (null when an item has no price). The others have nothing to score.
 */
function completedSince(from: string) {
  return sql`WITH o AS (
    SELECT w.id, w.date_in::text AS date_in, w.date_completed::text AS date_completed,
           (w.date_completed - w.date_in)::float8 AS days,
           CASE WHEN count(i.id) > 0 AND count(i.id) = count(i.unit_price)
                THEN round(sum(i.quantity * i.unit_price), 2)::float8 END AS price
      FROM work_orders w LEFT JOIN work_order_items i ON i.work_order_id = w.id
     WHERE w.status = 'completed' AND w.date_completed >= ${from}::date AND w.date_completed >= w.date_in
       AND EXISTS (SELECT 1 FROM ml_prediction_snapshots s WHERE s.work_order_id = w.id)
     GROUP BY w.id)`
}

const SNAPSHOT_COLUMNS = sql`s.work_order_id, s.snapshot_date::text AS snapshot_date, s.kind::text AS kind,
  s.model_id, s.predicted_days, s.days_low, s.days_high, s.predicted_price, s.price_low, s.price_high`

interface SnapshotDbRow {
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
}

const toSnapshotRow = (r: SnapshotDbRow): SnapshotRow => ({
  workOrderId: r.work_order_id,
  snapshotDate: r.snapshot_date,
  kind: r.kind,
  modelId: r.model_id,
  days: { predicted: r.predicted_days, low: r.days_low, high: r.days_high },
  price: { predicted: r.predicted_price, low: r.price_low, high: r.price_high },
})

const score = (snapshotDate: string, target: Target, n: number, abs: number, inside: number): TrendPoint => ({
  snapshotDate,
  target,
  n,
  mae: abs / n,
  coverage: inside / n,
})

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
     * What scoring needs of the orders completed on or after `from` that were ever predicted: each order's
     * outcome, and of its snapshots only those pairSnapshots can pick (the one shown at creation, the
     * earliest and the latest nightly one before completion). Months of nightly rows stay in the database.
     */
    async scoringRows(from: string): Promise<{ outcomes: Outcome[]; snapshots: SnapshotRow[] }> {
      const [outcomes, rows] = await Promise.all([
        query<Outcome & Record<string, unknown>>(
          db,
          sql`${completedSince(from)} SELECT id AS "workOrderId", date_in AS "dateIn",
                     date_completed AS "dateCompleted", price FROM o ORDER BY date_completed, id`,
        ),
        query<SnapshotDbRow>(
          db,
          sql`${completedSince(from)},
              c AS (SELECT ${SNAPSHOT_COLUMNS}, o.date_completed AS completed
                      FROM ml_prediction_snapshots s JOIN o ON o.id = s.work_order_id
                     WHERE s.snapshot_date <= o.date_completed::date)
              SELECT * FROM c WHERE kind = 'created'
              UNION (SELECT DISTINCT ON (work_order_id) * FROM c
                      WHERE kind = 'daily' AND snapshot_date < completed ORDER BY work_order_id, snapshot_date)
              UNION (SELECT DISTINCT ON (work_order_id) * FROM c
                      WHERE kind = 'daily' AND snapshot_date < completed ORDER BY work_order_id, snapshot_date DESC)`,
        ),
      ])
      return { outcomes, snapshots: rows.map(toSnapshotRow) }
    },

    /**
     * For each nightly snapshot date: how its predictions of the orders completed on or after `from` turned
     * out (MAE and interval coverage per target), aggregated in the database.
     */
    async trend(from: string): Promise<TrendPoint[]> {
      const rows = await query<{
        snapshot_date: string
        days_n: number
        days_abs: number
        days_inside: number
        price_n: number
        price_abs: number | null
        price_inside: number
      }>(
        db,
        sql`${completedSince(from)}
            SELECT s.snapshot_date::text AS snapshot_date,
                   count(*)::int AS days_n,
                   sum(abs(o.days - s.predicted_days))::float8 AS days_abs,
                   count(*) FILTER (WHERE o.days BETWEEN s.days_low AND s.days_high)::int AS days_inside,
                   count(o.price)::int AS price_n,
                   sum(abs(o.price - s.predicted_price))::float8 AS price_abs,
                   count(*) FILTER (WHERE o.price BETWEEN s.price_low AND s.price_high)::int AS price_inside
              FROM ml_prediction_snapshots s JOIN o ON o.id = s.work_order_id
             WHERE s.kind = 'daily' AND s.snapshot_date < o.date_completed::date
             GROUP BY s.snapshot_date ORDER BY s.snapshot_date`,
      )
      const points: TrendPoint[] = []
      for (const r of rows) {
        points.push(score(r.snapshot_date, 'days', r.days_n, r.days_abs, r.days_inside))
        if (r.price_n > 0)
          points.push(score(r.snapshot_date, 'price', r.price_n, r.price_abs ?? 0, r.price_inside))
      }
      return points
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
