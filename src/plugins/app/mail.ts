import fp from 'fastify-plugin'
import cron, { type ScheduledTask } from 'node-cron'
import { createMailTransport } from '../../mail/transport.js'
import { createMailWorker } from '../../services/mail-worker.js'

/**
 * The e-mail outbox's worker on this instance (every instance runs one; the lease lets only one send
 * each row) and the annual-reminder schedule (MAIL_REMINDER_SCHEDULE, off by default; every instance's
 * cron fires, the batch's unique slot lets one of them queue it, as the ML schedule's run slot does).
 */
export default fp(
  async (app) => {
    const { mail } = app.config
    const log = app.log.child({ module: 'mail' })
    const transport = await createMailTransport(mail)
    const worker = createMailWorker({
      db: app.db,
      transport,
      log,
      pollIntervalMs: mail.pollIntervalMs,
      retryBaseMs: mail.retryBaseMs,
      maxAttempts: mail.maxAttempts,
    })

    // The instance that queued a message wakes its own worker after the commit; others find it by polling.
    app.changes.subscribe((change) => {
      if (change.entity === 'work_order' && change.action === 'status_changed') worker.wake()
    })
    app.mailService.onQueued(() => worker.wake())

    let task: ScheduledTask | undefined
    // node-cron's own lines go through our logger (its warnings about missed runs included).
    const cronLog = log.child({ module: 'node-cron' })
    const cronLogger = {
      info: (message: string) => cronLog.debug(message),
      warn: (message: string) => cronLog.warn(message),
      error: (message: string | Error, err?: Error) =>
        cronLog.error({ err: err ?? message }, String(message)),
      debug: (message: string | Error) => cronLog.debug(String(message)),
    }
    if (mail.reminderSchedule) {
      const { expression, timezone } = mail.reminderSchedule
      task = cron.schedule(
        expression,
        async (context) => {
          const slot = `reminders:${context.date.toISOString().slice(0, 19)}`
          try {
            const outcome = await app.mailService.sendScheduledReminders(slot)
            log.info({ slot, ...outcome }, 'annual reminders')
          } catch (err) {
            log.error({ err, slot }, 'annual reminders could not be queued')
          }
        },
        { timezone, name: 'mail-reminders', noOverlap: true, logger: cronLogger },
      )
    }

    app.addHook('onReady', async () => worker.start())
    app.addHook('onClose', async () => {
      await task?.destroy()
      await worker.stop()
      transport.close()
    })
  },
  { name: 'mail', dependencies: ['config', 'database', 'changes', 'services'] },
)
