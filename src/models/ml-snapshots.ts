import { sql } from 'drizzle-orm'
import {
  date,
  doublePrecision,
  index,
  integer,
  pgEnum,
  pgTable,
  text,
  timestamp,
  uniqueIndex,
} from 'drizzle-orm/pg-core'
import { id } from './columns.js'
import { workOrders } from './work-orders.js'

/** daily: the nightly prediction of every open order; created: the one shown when the order was entered. */
export const mlSnapshotKind = pgEnum('ml_snapshot_kind', ['daily', 'created'])

/** Every prediction the shop saw or the nightly job made, kept so the models can be scored (issue 19). */
export const mlPredictionSnapshots = pgTable(
  'ml_prediction_snapshots',
  {
    id: id(),
    workOrderId: integer('work_order_id')
      .notNull()
      .references(() => workOrders.id, { onDelete: 'cascade' }),
    snapshotDate: date('snapshot_date', { mode: 'string' }).notNull(),
    kind: mlSnapshotKind('kind').notNull(),
    /** The registry id; no foreign key, so pruning old models keeps their predictions' record. */
    modelId: integer('model_id').notNull(),
    predictedDays: doublePrecision('predicted_days').notNull(),
    daysLow: doublePrecision('days_low').notNull(),
    daysHigh: doublePrecision('days_high').notNull(),
    predictedPrice: doublePrecision('predicted_price').notNull(),
    priceLow: doublePrecision('price_low').notNull(),
    priceHigh: doublePrecision('price_high').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('ml_prediction_snapshots_order_day_kind_key').on(t.workOrderId, t.snapshotDate, t.kind),
    // One "shown at creation" prediction per order.
    uniqueIndex('ml_prediction_snapshots_created_key').on(t.workOrderId).where(sql`${t.kind} = 'created'`),
    index('ml_prediction_snapshots_date_idx').on(t.snapshotDate),
  ],
)

/** Nightly snapshot runs: the slot is unique, so with several instances one takes each night. */
export const mlSnapshotRuns = pgTable('ml_snapshot_runs', {
  slot: text('slot').primaryKey(),
  snapshotDate: date('snapshot_date', { mode: 'string' }).notNull(),
  startedAt: timestamp('started_at', { withTimezone: true }).notNull().defaultNow(),
  finishedAt: timestamp('finished_at', { withTimezone: true }),
  orders: integer('orders'),
})

export type MlPredictionSnapshot = typeof mlPredictionSnapshots.$inferSelect
export type NewMlPredictionSnapshot = typeof mlPredictionSnapshots.$inferInsert
