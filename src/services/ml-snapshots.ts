// Daily prediction snapshots and performance tracking (issue 19): every night, before the retrain, every
// open order is predicted and stored; the prediction shown when an order was entered is stored too. As
// orders complete, GET /ml/performance scores them, and the active model's live MAE is held against its
// holdout MAE (the drift alarm).
import type { Db } from '../db/index.js'
import { dateOfDay, dayNumber } from '../ml/features.js'
import {
  LIVE_WINDOW_DAYS,
  type Live,
  liveVersusHoldout,
  pairSnapshots,
  type TrendPoint,
  type WeekScore,
  weeklyScores,
} from '../ml/performance.js'
import type { Target } from '../ml/train.js'
import { createMlDataRepository } from '../repositories/ml-data.js'
import { createMlRegistryRepository } from '../repositories/ml-registry.js'
import { createMlSnapshotsRepository, type SnapshotInput } from '../repositories/ml-snapshots.js'
import type { ChangeHub } from './changes.js'
import type { PredictionResult, PredictionService } from './ml-predictions.js'

export interface SnapshotLog {
  info(obj: object, msg: string): void
  warn(obj: object, msg: string): void
}

export type SnapshotOutcome =
  | { status: 'taken'; snapshotDate: string; orders: number; modelId: number }
  | { status: 'skipped'; snapshotDate: string; reason: 'no active model' | 'slot taken' }

export interface Performance {
  asOf: string
  from: string
  weekly: WeekScore[]
  trend: TrendPoint[]
  /** null when no model is active. */
  live: Live | null
}

const toRow = (workOrderId: number, snapshotDate: string, p: PredictionResult): SnapshotInput => ({
  workOrderId,
  snapshotDate,
  kind: 'daily',
  modelId: p.model.id,
  predictedDays: p.days.predicted,
  daysLow: p.days.interval.low,
  daysHigh: p.days.interval.high,
  predictedPrice: p.price.predicted,
  priceLow: p.price.interval.low,
  priceHigh: p.price.interval.high,
})

export function createSnapshotService(deps: {
  db: Db
  predictions: PredictionService
  /** The shop's today (YYYY-MM-DD). */
  today: () => string
  driftRatio: number
  log: SnapshotLog
  /**
   * The analytics cache (src/plugins/app/analytics.ts): the scores are kept until the next committed
   * write on any instance. Without it (tools, tests) every call computes them.
   */
  cached?: <T extends object>(
    endpoint: string,
    params: Record<string, unknown>,
    compute: (db: Db) => Promise<T>,
  ) => Promise<T>
  /** Announces a snapshot run, which the cache must not outlive. */
  changes?: Pick<ChangeHub, 'emit'>
}) {
  const repo = createMlSnapshotsRepository(deps.db)
  const data = createMlDataRepository(deps.db)
  const registry = createMlRegistryRepository(deps.db)

  async function holdoutMae(): Promise<
    { id: number; holdoutMae: Record<Target, number | null> } | undefined
  > {
    const active = await registry.activeSummary()
    if (!active) return undefined
    const m = active.metrics as Partial<Record<Target, { metrics?: { mae?: number } }>>
    return {
      id: active.id,
      holdoutMae: { days: m.days?.metrics?.mae ?? null, price: m.price?.metrics?.mae ?? null },
    }
  }

  /** The scores of the window: what changes only when orders complete or snapshots are taken. */
  async function scores(db: Db, from: string) {
    const { outcomes, snapshots, trend } = await createMlSnapshotsRepository(db).scoring(from)
    const scored = pairSnapshots(snapshots, outcomes)
    return { scored, weekly: weeklyScores(scored), trend }
  }

  async function performance(days = 180): Promise<Performance> {
    const asOf = deps.today()
    const from = dateOfDay(dayNumber(asOf) - Math.max(days, LIVE_WINDOW_DAYS))
    const [{ scored, weekly, trend }, model] = await Promise.all([
      deps.cached ? deps.cached('ml-performance', { from }, (db) => scores(db, from)) : scores(deps.db, from),
      // Read each time: a retrain changes the active model without a business write.
      holdoutMae(),
    ])
    return {
      asOf,
      from,
      weekly,
      trend,
      live: model ? liveVersusHoldout(scored, model, asOf, deps.driftRatio) : null,
    }
  }

  return {
    /**
     * Predicts every open order as of the day and stores it, replacing that day's earlier run. With a
     * `slot` (the nightly schedule), only the instance that claims the slot runs it.
     */
    async takeDaily(opts: { snapshotDate?: string; slot?: string } = {}): Promise<SnapshotOutcome> {
      const snapshotDate = opts.snapshotDate ?? deps.today()
      const modelId = await deps.predictions.activeModelId()
      if (modelId === undefined) return { status: 'skipped', snapshotDate, reason: 'no active model' }
      if (opts.slot && !(await repo.claimSlot(opts.slot, snapshotDate)))
        return { status: 'skipped', snapshotDate, reason: 'slot taken' }
      const rows: SnapshotInput[] = []
      for (const record of await data.openRecords()) {
        const p = await deps.predictions.predictRecord(record, snapshotDate)
        if (p) rows.push(toRow(record.id, snapshotDate, p))
      }
      await repo.replaceDaily(snapshotDate, rows)
      deps.changes?.emit({ entity: 'prediction_snapshot', action: 'created', ids: [snapshotDate] })
      if (opts.slot) await repo.finishSlot(opts.slot, rows.length)
      deps.log.info({ snapshotDate, orders: rows.length, modelId }, 'ML prediction snapshot taken')
      return { status: 'taken', snapshotDate, orders: rows.length, modelId }
    },

    /** The prediction shown when an order was entered (the first one stays). */
    async recordCreated(workOrderId: number, p: PredictionResult): Promise<void> {
      await repo.insertCreated({ ...toRow(workOrderId, p.asOf, p), kind: 'created' })
    },

    performance,

    /** The drift check: logs one warning line per target in alarm, and returns the comparison. */
    async checkDrift(): Promise<Live | null> {
      const { live } = await performance(LIVE_WINDOW_DAYS)
      for (const line of live?.alarms ?? []) deps.log.warn({ modelId: live?.modelId }, line)
      return live
    },
  }
}

export type SnapshotService = ReturnType<typeof createSnapshotService>

/**
 * The nightly step before the retrain: snapshot (one instance per slot), then the drift check. A failure
 * is logged and never keeps the retrain from running.
 */
export async function nightlySnapshot(
  snapshots: SnapshotService,
  slot: string,
  log: SnapshotLog & { error(obj: object, msg: string): void },
): Promise<void> {
  try {
    const outcome = await snapshots.takeDaily({ slot })
    if (outcome.status === 'skipped') log.info({ reason: outcome.reason }, 'ML prediction snapshot skipped')
    else await snapshots.checkDrift()
  } catch (err) {
    log.error({ err }, 'ML prediction snapshot failed')
  }
}
