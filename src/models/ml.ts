import { sql } from 'drizzle-orm'
import {
  index,
  integer,
  jsonb,
  pgEnum,
  pgTable,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core'
import { id } from './columns.js'

export const mlConfig = pgEnum('ml_config', ['baseline', 'boosted', 'auto'])
/** active: the one every instance serves; inactive: kept for the record (not better, or superseded). */
export const mlModelStatus = pgEnum('ml_model_status', ['active', 'inactive'])
export const mlRunStatus = pgEnum('ml_run_status', ['running', 'completed', 'failed'])

/** The model registry: every trained model with its holdout metrics and the fitted parameters. */
export const mlModels = pgTable(
  'ml_models',
  {
    id: id(),
    config: mlConfig('config').notNull(),
    status: mlModelStatus('status').notNull().default('inactive'),
    /** Why it is (not) active, in words: "holdout MAE 3.1 vs active 2.6 (+19%, limit 10%)". */
    statusReason: text('status_reason'),
    trainedAt: timestamp('trained_at', { withTimezone: true }).notNull().defaultNow(),
    activatedAt: timestamp('activated_at', { withTimezone: true }),
    /** Completed orders it was trained on. */
    samples: integer('samples').notNull(),
    featureNames: jsonb('feature_names').$type<string[]>().notNull(),
    /** Per target: algorithm, holdout metrics, naive baseline, candidates, interval. */
    metrics: jsonb('metrics').notNull(),
    /** Per target: the fitted model (ModelJson). */
    model: jsonb('model').notNull(),
    durationMs: integer('duration_ms').notNull(),
    /** 'cron', 'schedule' or 'user:<id>'. */
    triggeredBy: text('triggered_by').notNull(),
  },
  (t) => [
    // At most one active model, enforced by the database rather than by luck.
    uniqueIndex('ml_models_one_active').on(t.status).where(sql`${t.status} = 'active'`),
    index('ml_models_trained_at_idx').on(t.trainedAt),
  ],
)

/** Training runs, so an asynchronous retrain can be polled from any instance. */
export const mlRuns = pgTable(
  'ml_runs',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    status: mlRunStatus('status').notNull().default('running'),
    config: mlConfig('config').notNull(),
    triggeredBy: text('triggered_by').notNull(),
    /** For the in-process schedule: the slot it fired for, unique so only one instance runs each slot. */
    scheduleSlot: text('schedule_slot'),
    startedAt: timestamp('started_at', { withTimezone: true }).notNull().defaultNow(),
    /** A run still 'running' after this was abandoned (its instance died); reads report it failed. */
    deadline: timestamp('deadline', { withTimezone: true }).notNull(),
    finishedAt: timestamp('finished_at', { withTimezone: true }),
    modelId: integer('model_id').references(() => mlModels.id, { onDelete: 'set null' }),
    /** The response body of a finished run, or the error (code, message). */
    result: jsonb('result'),
  },
  (t) => [
    uniqueIndex('ml_runs_schedule_slot_key').on(t.scheduleSlot),
    index('ml_runs_started_at_idx').on(t.startedAt),
  ],
)

export type MlModel = typeof mlModels.$inferSelect
export type MlRun = typeof mlRuns.$inferSelect
export type MlConfig = (typeof mlConfig.enumValues)[number]
