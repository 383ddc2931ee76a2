import fp from 'fastify-plugin'
import cron, { type ScheduledTask } from 'node-cron'
import type { ChannelListener } from '../../db/listener.js'
import { AppError } from '../../errors.js'
import { ACTIVATION_CHANNEL } from '../../services/ml.js'
import { nightlySnapshot } from '../../services/ml-snapshots.js'

/** The second a schedule fired for: every instance's cron fires for the same slot, one runs it. */
function slotOf(date: Date): string {
  return `schedule:${date.toISOString().slice(0, 19)}`
}

/**
 * What keeps the models current on this instance: the active model is reloaded when another instance
 * activates one (NOTIFY) and source histories are dropped on every write; the nightly schedule
 * (ML_RETRAIN_SCHEDULE) retrains through the same path and lock as POST /ml/cron/retrain.
 */
export default fp(
  async (app) => {
    const { predictions } = app.mlService
    const schedule = app.config.ml.schedule

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
    if (schedule) {
      const { expression, timezone } = schedule
      task = cron.schedule(
        expression,
        async (context) => {
          const log = app.log.child({ module: 'ml', trigger: 'schedule' })
          // Tonight's predictions are recorded with the model that made them, before it is replaced.
          await nightlySnapshot(
            app.mlService.snapshots,
            `snapshot:${context.date.toISOString().slice(0, 19)}`,
            log,
          )
          try {
            const started = await app.mlService.retrain({
              config: 'auto',
              triggeredBy: 'schedule',
              scheduleSlot: slotOf(context.date),
            })
            await started.done
          } catch (err) {
            // Another instance has the lock or this slot, or too little data: a note, not a failure.
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
  { name: 'ml-schedule', dependencies: ['config', 'database', 'changes', 'services'] },
)
