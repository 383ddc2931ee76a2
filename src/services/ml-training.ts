import { appendFile } from 'node:fs/promises'
import type { Database } from '../db/index.js'
import { AppError } from '../errors.js'
import { roundMetrics } from '../ml/metrics.js'
import { TrainingTimeoutError, trainInWorker } from '../ml/run-in-worker.js'
import {
  completedSamples,
  TARGETS,
  type Target,
  type TargetReport,
  type TrainingResult,
} from '../ml/train.js'
import type { MlConfig } from '../models/index.js'
import { createMlDataRepository } from '../repositories/ml-data.js'
import { createMlRegistryRepository } from '../repositories/ml-registry.js'
import { MlErrors } from './ml.errors.js'

/** pg_advisory_lock key of "a training is running" (any instance). */
export const TRAINING_LOCK_KEY = 0x6d6c7472 // 'mltr'
/** Models kept in the registry (the active one is always kept besides). */
export const MODELS_KEPT = 5
const RUNS_KEPT = 200

export interface TrainingSettings {
  timeoutMs: number
  minSamples: number
  /** A new model may be this much worse (0.1 = 10%) in holdout MAE than the active one and still replace it. */
  maxRegression: number
  retrainLog: string | undefined
}

export interface TrainingLog {
  info(obj: object, msg: string): void
  warn(obj: object, msg: string): void
  error(obj: object, msg: string): void
}

export interface RetrainRequest {
  config: MlConfig
  /** 'cron', 'schedule' or 'user:<id>'. */
  triggeredBy: string
  /** For the in-process schedule: only one instance runs each slot. */
  scheduleSlot?: string
}

type TargetMetrics = Pick<TargetReport, 'algorithm' | 'metrics' | 'naive'>
export interface RetrainOutcome {
  status: 'completed'
  runId: string
  modelId: number
  config: MlConfig
  samples: number
  durationMs: number
  metrics: Record<Target, { mae: number; rmse: number; r2: number; n: number }>
  naive: Record<Target, { mae: number; rmse: number; r2: number; n: number }>
  algorithms: Record<Target, string>
  activated: boolean
  reason: string
}

/** The activation rule: no target's holdout MAE may be worse than the active model's by more than the limit. */
export function activationDecision(
  candidate: Record<Target, TargetMetrics>,
  active: { id: number; metrics: Record<Target, TargetMetrics> } | undefined,
  maxRegression: number,
): { activate: boolean; reason: string } {
  if (!active) return { activate: true, reason: 'first model' }
  for (const t of TARGETS) {
    const now = active.metrics[t]?.metrics.mae
    const next = candidate[t].metrics.mae
    if (now === undefined) continue
    if (next > now * (1 + maxRegression)) {
      const pct = Math.round(((next - now) / now) * 100)
      return {
        activate: false,
        reason:
          `${t} holdout MAE ${next.toFixed(2)} is ${pct}% worse than active model ${active.id}'s ` +
          `${now.toFixed(2)} (limit ${Math.round(maxRegression * 100)}%)`,
      }
    }
  }
  return {
    activate: true,
    reason: `holdout MAE within ${Math.round(maxRegression * 100)}% of model ${active.id}`,
  }
}

/** What a run whose instance died records as its failure (a run's result, not a response). */
const { code, message } = MlErrors.runAbandoned()
const abandoned = { code, message }

const stamp = () => new Date().toISOString().replace('T', ' ').slice(0, 19)

/**
 * Retraining: one at a time across every instance (advisory lock), in a worker thread, bounded in time,
 * recorded as a run, stored in the registry, activated only if it is not worse than the active model.
 */
export function createTrainingService(deps: {
  database: Database
  settings: TrainingSettings
  log: TrainingLog
  /** Called after a model was activated (the predictions service reloads, other instances are told). */
  onActivated: (modelId: number) => Promise<void>
}) {
  const { database, settings, log } = deps
  const data = createMlDataRepository(database.db)
  const registry = createMlRegistryRepository(database.db)

  async function retrainLog(level: 'INFO' | 'WARNING' | 'ERROR', lines: string[]) {
    if (!settings.retrainLog) return
    const text = lines.map((l) => `[${stamp()}] ${level}: ${l}\n`).join('')
    await appendFile(settings.retrainLog, text).catch((err: Error) =>
      log.warn({ err: { message: err.message } }, 'could not append to ML_RETRAIN_LOG'),
    )
  }

  async function store(request: RetrainRequest, result: TrainingResult, durationMs: number) {
    const metrics = Object.fromEntries(
      TARGETS.map((t) => {
        const { model: _model, ...report } = result.targets[t]
        return [t, report]
      }),
    ) as Record<Target, Omit<TargetReport, 'model'>>
    const active = await registry.activeSummary()
    const decision = activationDecision(
      metrics,
      active && { id: active.id, metrics: active.metrics as Record<Target, TargetMetrics> },
      settings.maxRegression,
    )
    const model = await registry.insert(
      {
        config: request.config,
        samples: result.samples,
        featureNames: result.featureNames,
        metrics,
        model: { days: result.targets.days.model, price: result.targets.price.model },
        durationMs,
        triggeredBy: request.triggeredBy,
      },
      decision.activate ? 'active' : 'inactive',
      decision.reason,
    )
    await registry.prune(MODELS_KEPT)
    return { model, decision }
  }

  /** Trains, stores and announces; the outcome of a run, or the error it ends with. */
  async function trainAndStore(
    request: RetrainRequest,
    runId: string,
    records: Awaited<ReturnType<typeof data.records>>,
  ): Promise<RetrainOutcome> {
    const started = Date.now()
    try {
      const result = await trainInWorker(records, request.config, settings.timeoutMs)
      const durationMs = Date.now() - started
      const { model, decision } = await store(request, result, durationMs)
      const r = (t: Target) => roundMetrics(result.targets[t].metrics)
      const outcome: RetrainOutcome = {
        status: 'completed',
        runId,
        modelId: model.id,
        config: request.config,
        samples: result.samples,
        durationMs,
        metrics: { days: r('days'), price: r('price') },
        naive: {
          days: roundMetrics(result.targets.days.naive),
          price: roundMetrics(result.targets.price.naive),
        },
        algorithms: { days: result.targets.days.algorithm, price: result.targets.price.algorithm },
        activated: decision.activate,
        reason: decision.reason,
      }
      const days = outcome.metrics.days
      log.info({ modelId: model.id, runId, durationMs, metrics: outcome.metrics }, 'Model training completed')
      log.info({ modelId: model.id }, `MAE: ${days.mae}, R2: ${days.r2}`)
      await retrainLog('INFO', [
        'Model training completed',
        `MAE: ${days.mae}, R2: ${days.r2}`,
        `model ${model.id} ${decision.activate ? 'activated' : 'not activated'}: ${decision.reason}`,
      ])
      if (decision.activate) await deps.onActivated(model.id)
      return outcome
    } catch (err) {
      const appError =
        err instanceof TrainingTimeoutError
          ? MlErrors.trainingTimeout(err.message)
          : err instanceof AppError
            ? err
            : MlErrors.trainingFailed()
      log.error({ err, runId }, 'Model training failed')
      await retrainLog('ERROR', [`Model training failed: ${(err as Error).message}`])
      throw appError
    }
  }

  /** Holds the lock while training; the run is marked finished only after the lock is released. */
  async function runLocked(
    request: RetrainRequest,
    runId: string,
    records: Awaited<ReturnType<typeof data.records>>,
    release: () => Promise<void>,
  ): Promise<RetrainOutcome> {
    let outcome: RetrainOutcome
    try {
      outcome = await trainAndStore(request, runId, records)
    } catch (err) {
      await release()
      const e = err as AppError
      await registry.runs.finish(runId, 'failed', { code: e.code, message: e.message }).catch(() => undefined)
      throw err
    }
    await release()
    await registry.runs.finish(runId, 'completed', outcome, outcome.modelId)
    await registry.runs.prune(RUNS_KEPT)
    return outcome
  }

  return {
    /**
     * Starts a retrain. Refuses at once (409) while another runs anywhere, and (422) on too little data.
     * `done` settles when the model is stored; `runId` is there to poll before that.
     */
    async start(
      request: RetrainRequest,
    ): Promise<{ runId: string; done: Promise<RetrainOutcome> } | { skipped: 'slot taken' }> {
      const release = await database.tryLock(TRAINING_LOCK_KEY)
      if (!release) throw MlErrors.trainingInProgress()
      try {
        const records = await data.records()
        const have = completedSamples(records)
        if (have < settings.minSamples) {
          log.warn({ have, need: settings.minSamples }, 'Insufficient data for training')
          await retrainLog('WARNING', [
            `Insufficient data for training (need >= ${settings.minSamples}, have ${have})`,
          ])
          throw MlErrors.insufficientData(settings.minSamples, have)
        }
        const run = await registry.runs.start({
          config: request.config,
          triggeredBy: request.triggeredBy,
          deadline: new Date(Date.now() + settings.timeoutMs + 60_000),
          ...(request.scheduleSlot ? { scheduleSlot: request.scheduleSlot } : {}),
        })
        if (!run) {
          await release()
          return { skipped: 'slot taken' }
        }
        log.info({ runId: run.id, config: request.config, samples: have }, 'Model training started')
        return { runId: run.id, done: runLocked(request, run.id, records, release) }
      } catch (err) {
        await release()
        throw err
      }
    },

    /** The active model (with its age) and the registry, newest first. */
    async status() {
      const models = await registry.list(MODELS_KEPT + 1)
      const active = models.find((m) => m.status === 'active') ?? (await registry.activeSummary())
      const ageHours = active ? Math.round((Date.now() - active.trainedAt.getTime()) / 36_000) / 100 : 0
      return { active: active ? { ...active, ageHours } : null, models }
    },

    async runs(limit = 50) {
      await registry.runs.failAbandoned(abandoned)
      return registry.runs.list(limit)
    },

    async run(id: string) {
      await registry.runs.failAbandoned(abandoned)
      return registry.runs.get(id)
    },
  }
}

export type TrainingService = ReturnType<typeof createTrainingService>
