import fp from 'fastify-plugin'
import cron, { type ScheduledTask } from 'node-cron'
import type { Config } from '../config.js'
import type { ChannelListener } from '../db/listener.js'
// issue 19: prediction snapshots, performance tracking, drift alarm
import { shopToday } from '../domain/shop-date.js'
import { AppError } from '../errors.js'
import { createPredictionService, type PredictionService } from '../services/ml-predictions.js'
import { createSnapshotService, nightlySnapshot, type SnapshotService } from '../services/ml-snapshots.js'
import { createTrainingService, type RetrainOutcome, type TrainingService } from '../services/ml-training.js'

export const ACTIVATION_CHANNEL = 'ml_model_activated'

declare module 'fastify' {
  interface FastifyInstance {
    ml: {
      training: TrainingService
      predictions: PredictionService
      snapshots: SnapshotService
      status(): Promise<
        Awaited<ReturnType<TrainingService['status']>> & {
          schedule: NonNullable<Config['ml']['schedule']> | null
        }
      >
    }
  }
}

/** The second a schedule fired for: every instance's cron fires for the same slot, one runs it. */
function slotOf(date: Date): string {
  return `schedule:${date.toISOString().slice(0, 19)}`
}

/**
 * Turnaround and price models: the training service (worker thread, advisory lock, registry), the
 * prediction service (the active model, cached per instance, refreshed on NOTIFY), and the in-process
 * nightly schedule (ML_RETRAIN_SCHEDULE), which takes the same path and lock as POST /ml/cron/retrain.
 */
export default fp(
  async (app) => {
    const cfg = app.config.ml
    const predictions = createPredictionService({
      db: app.db,
      timeZone: app.config.shopTimezone,
      log: app.log.child({ module: 'ml' }),
      onCreatedEstimate: (workOrderId, result) => snapshots.recordCreated(workOrderId, result),
    })
    const snapshots = createSnapshotService({
      db: app.db,
      predictions,
      today: () => shopToday(app.config.shopTimezone),
      driftRatio: cfg.driftRatio,
      log: app.log.child({ module: 'ml' }),
    })
    const training = createTrainingService({
      database: app.database,
      settings: {
        timeoutMs: cfg.trainTimeoutMs,
        minSamples: cfg.minSamples,
        maxRegression: cfg.maxRegression,
        retrainLog: cfg.retrainLog,
      },
      log: app.log.child({ module: 'ml' }),
      async onActivated(modelId) {
        predictions.invalidate()
        await app.database.notify(ACTIVATION_CHANNEL, String(modelId)).catch((err: Error) => {
          app.log.warn(
            { err: { message: err.message } },
            'could not announce the new model to other instances',
          )
        })
      },
    })
    app.decorate('ml', {
      training,
      predictions,
      snapshots,
      status: async () => ({ ...(await training.status()), schedule: cfg.schedule ?? null }),
    })

    app.changes.subscribe(() => predictions.invalidateHistory())

    let listener: ChannelListener | undefined
    if (app.database.listen) {
      listener = app.database.listen(ACTIVATION_CHANNEL, {
        onMessage: () => predictions.invalidate(),
        onReconnect: () => predictions.invalidate(),
      })
    }

    let task: ScheduledTask | undefined
    const cronLog = app.log.child({ module: 'node-cron' })
    const cronLogger = {
      info: (message: string) => cronLog.debug(message),
      warn: (message: string) => cronLog.warn(message),
      error: (message: string | Error, err?: Error) =>
        cronLog.error({ err: err ?? message }, String(message)),
      debug: (message: string | Error) => cronLog.debug(String(message)),
    }
    if (cfg.schedule) {
      const { expression, timezone } = cfg.schedule
      task = cron.schedule(
        expression,
        async (context) => {
          const log = app.log.child({ module: 'ml', trigger: 'schedule' })
          // Tonight's predictions are recorded with the model that made them, before it is replaced.
          await nightlySnapshot(snapshots, `snapshot:${context.date.toISOString().slice(0, 19)}`, log)
          try {
            const started = await training.start({
              config: 'auto',
              triggeredBy: 'schedule',
              scheduleSlot: slotOf(context.date),
            })
            if ('skipped' in started) return log.info('scheduled retrain already run by another instance')
            await started.done
          } catch (err) {
            if (err instanceof AppError && err.statusCode < 500) log.info({ code: err.code }, err.message)
            // Failures were logged (and recorded on the run) by the training service.
          }
        },
        { timezone, name: 'ml-retrain', noOverlap: true, logger: cronLogger },
      )
      app.log.debug({ expression, timezone }, 'ML retrain scheduled')
    }

    app.addHook('onClose', async () => {
      await task?.destroy()
      await listener?.close()
    })
  },
  { name: 'ml', dependencies: ['config', 'database', 'changes'] },
)

export type { RetrainOutcome }
