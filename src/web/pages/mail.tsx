import type { FastifyInstance } from 'fastify'
import { MANAGERS } from '../../auth/access.js'
import { AppError } from '../../errors.js'
import type { MailStatus } from '../../models/index.js'
import { writeContext } from '../../routes/context.js'
import { pathId, queryText } from '../components/customers/page-helpers.js'
import { MAIL_STATUSES, MessagesPage } from '../components/mail/messages.js'
import { RemindersPage } from '../components/mail/reminders.js'
import { setFlash } from '../flash.js'
import { readFields } from '../form.js'
import { sendPage } from '../render.js'

const PAGE_SIZE = 50
const styles = ['manage.css' as const]

/** A page number from the query: digits within reason, else the first page. */
function pageOf(raw: string | undefined): number {
  return raw && /^\d{1,6}$/.test(raw) && Number(raw) >= 1 ? Number(raw) : 1
}

/**
 * Mail (managers, docs/MAIL.md): the annual reminders due with a preview and the send button, the outbox's
 * history by status with a retry button on failures, and the customer hub's opt-out switch.
 */
export default async function mailPages(app: FastifyInstance) {
  const { mailService } = app
  const access = MANAGERS

  app.get('/mail', { config: { access } }, async (request, reply) => {
    const raw = queryText(request, 'preview')
    const previewId = raw && /^\d{1,10}$/.test(raw) ? Number(raw) : undefined
    const [{ preview, ...due }, counts] = await Promise.all([
      mailService.remindersOverview(previewId),
      mailService.counts(),
    ])
    const schedule = app.config.mail.reminderSchedule
    return sendPage(request, reply, {
      title: 'Mail: reminders',
      styles,
      body: (
        <RemindersPage
          due={due}
          preview={preview}
          counts={counts}
          schedule={schedule ? `${schedule.expression} (${schedule.timezone})` : undefined}
        />
      ),
    })
  })

  app.post('/mail/reminders/send', { config: { access } }, async (request, reply) => {
    const outcome = await mailService.sendReminders(writeContext(request))
    const queued = outcome.status === 'queued' ? outcome.queued : 0
    setFlash(reply, {
      kind: 'success',
      text: queued
        ? `${queued} reminder(s) queued; they are sent within moments (see History).`
        : 'No customer was due a reminder.',
    })
    return reply.redirect(queued ? '/mail/messages?status=pending' : '/mail', 303)
  })

  app.get('/mail/messages', { config: { access } }, async (request, reply) => {
    const given = queryText(request, 'status')
    const status = MAIL_STATUSES.find((s) => s === given) as MailStatus | undefined
    const page = pageOf(queryText(request, 'page'))
    const [history, counts] = await Promise.all([
      mailService.history({ status, page, pageSize: PAGE_SIZE }),
      mailService.counts(),
    ])
    return sendPage(request, reply, {
      title: status === 'failed' ? 'Mail: failures' : 'Mail: history',
      styles,
      body: <MessagesPage history={history} counts={counts} status={status} />,
    })
  })

  app.post('/mail/messages/:id/retry', { config: { access } }, async (request, reply) => {
    const id = pathId(request)
    try {
      await mailService.retry(writeContext(request), id)
      setFlash(reply, { kind: 'success', text: `Message ${id} is queued again.` })
    } catch (err) {
      if (!(err instanceof AppError) || err.statusCode >= 500) throw err
      setFlash(reply, { kind: 'error', text: err.message })
    }
    return reply.redirect('/mail/messages?status=failed', 303)
  })

  app.post('/customers/:id/email-opt-out', { config: { access } }, async (request, reply) => {
    const id = pathId(request)
    const { optOut } = readFields(request.body, ['optOut'] as const)
    const prefs = await mailService.setOptOut(writeContext(request), id, optOut === 'true')
    setFlash(reply, {
      kind: 'success',
      text: prefs.optOut ? 'This customer now gets no e-mail.' : 'This customer gets e-mail again.',
    })
    return reply.redirect(`/customers/${id}`, 303)
  })
}
