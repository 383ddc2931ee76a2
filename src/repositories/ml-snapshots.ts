import { and, eq, sql } from 'drizzle-orm'
import type { Db } from '../db/index.js'
import type { Outcome, SnapshotRow, TrendPoint } from '../ml/performance.js'
import type { Target } from '../ml/train.js'
import { mlPredictionSnapshots, mlSnapshotRuns, type NewMlPredictionSnapshot } from '../models/index.js'
import { query } from './analytics-sql.js'

/** A prediction as stored (the service maps PredictionResult onto it). */
export type SnapshotInput = Omit<NewMlPredictionSnapshot, 'id' | 'createdAt'>

const CHUNK = 1000

interface TrendDbRow {
  snapshot_date: string
  days_n: number
  days_abs: number
  days_inside: number
  price_n: number
  price_abs: number | null
  price_inside: number
}

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
     * Everything scoring needs of the orders completed on or after `from` that were ever predicted, in one
     * statement (the orders' outcomes are computed once): each order's outcome; of its snapshots only those
     * pairSnapshots can pick (the one shown at creation, the earliest and the latest nightly one before
     * completion); and for each nightly snapshot date, how its predictions turned out (MAE and interval
     * coverage per target), aggregated in the database. Months of nightly rows stay there.
     */
    async scoring(
      from: string,
    ): Promise<{ outcomes: Outcome[]; snapshots: SnapshotRow[]; trend: TrendPoint[] }> {
      const [r] = await query<{
        outcomes: Outcome[] | null
        picks: SnapshotDbRow[] | null
        trend: TrendDbRow[] | null
      }>(
        db,
        sql`WITH o AS MATERIALIZED (
              SELECT w.id, w.date_in::text AS date_in, w.date_completed::text AS date_completed,
                     (w.date_completed - w.date_in)::float8 AS days,
                     CASE WHEN count(i.id) > 0 AND count(i.id) = count(i.unit_price)
                          THEN round(sum(i.quantity * i.unit_price), 2)::float8 END AS price
                FROM work_orders w LEFT JOIN work_order_items i ON i.work_order_id = w.id
               WHERE w.status = 'completed' AND w.date_completed >= ${from}::date
                 AND w.date_completed >= w.date_in
                 AND EXISTS (SELECT 1 FROM ml_prediction_snapshots s WHERE s.work_order_id = w.id)
               GROUP BY w.id),
            c AS MATERIALIZED (
              SELECT s.work_order_id, s.snapshot_date::text AS snapshot_date, s.kind::text AS kind, s.model_id,
                     s.predicted_days, s.days_low, s.days_high, s.predicted_price, s.price_low, s.price_high,
                     o.date_completed AS completed, o.days, o.price
                FROM ml_prediction_snapshots s JOIN o ON o.id = s.work_order_id
               WHERE s.snapshot_date <= o.date_completed::date),
            picks AS (
              SELECT * FROM c WHERE kind = 'created'
              UNION (SELECT DISTINCT ON (work_order_id) * FROM c
                      WHERE kind = 'daily' AND snapshot_date < completed ORDER BY work_order_id, snapshot_date)
              UNION (SELECT DISTINCT ON (work_order_id) * FROM c
                      WHERE kind = 'daily' AND snapshot_date < completed ORDER BY work_order_id, snapshot_date DESC)),
            trend AS (
              SELECT snapshot_date,
                     count(*)::int AS days_n,
                     sum(abs(days - predicted_days))::float8 AS days_abs,
                     count(*) FILTER (WHERE days BETWEEN days_low AND days_high)::int AS days_inside,
                     count(price)::int AS price_n,
                     sum(abs(price - predicted_price))::float8 AS price_abs,
                     count(*) FILTER (WHERE price BETWEEN price_low AND price_high)::int AS price_inside
                FROM c WHERE kind = 'daily' AND snapshot_date < completed GROUP BY snapshot_date)
            SELECT (SELECT json_agg(json_build_object('workOrderId', id, 'dateIn', date_in,
                           'dateCompleted', date_completed, 'price', price) ORDER BY date_completed, id) FROM o) AS outcomes,
                   (SELECT json_agg(p) FROM picks p) AS picks,
                   (SELECT json_agg(t ORDER BY snapshot_date) FROM trend t) AS trend`,
      )
      const trend: TrendPoint[] = []
      for (const t of r?.trend ?? []) {
        trend.push(score(t.snapshot_date, 'days', t.days_n, t.days_abs, t.days_inside))
        if (t.price_n > 0)
          trend.push(score(t.snapshot_date, 'price', t.price_n, t.price_abs ?? 0, t.price_inside))
      }
      return { outcomes: r?.outcomes ?? [], snapshots: (r?.picks ?? []).map(toSnapshotRow), trend }
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
