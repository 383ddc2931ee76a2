import type { MailService } from '../../../services/mail.js'

type Due = Awaited<ReturnType<MailService['dueReminders']>>
type Preview = Awaited<ReturnType<MailService['previewReminder']>>
type Counts = Awaited<ReturnType<MailService['counts']>>

const TABS = [
  { key: 'reminders', href: '/mail', label: 'Reminders' },
  { key: 'all', href: '/mail/messages', label: 'History' },
  { key: 'failed', href: '/mail/messages?status=failed', label: 'Failures' },
] as const

export type MailTab = (typeof TABS)[number]['key']

/** The mail pages' own navigation. */
export function MailTabs({ current, failed }: { current: MailTab; failed: number }) {
  return (
    <nav aria-label="Mail sections" class="tabs">
      <ul>
        {TABS.map((tab) => (
          <li>
            <a href={tab.href} aria-current={tab.key === current ? 'page' : undefined}>
              {tab.key === 'failed' && failed > 0 ? `${tab.label} (${failed})` : tab.label}
            </a>
          </li>
        ))}
      </ul>
    </nav>
  )
}

function PreviewBox({ preview }: { preview: NonNullable<Preview> }) {
  return (
    <section aria-labelledby="preview-heading" class="mail-preview">
      <h2 id="preview-heading">Preview</h2>
      <dl class="facts">
        <dt>To</dt>
        <dd>{preview.to}</dd>
        <dt>Subject</dt>
        <dd>{preview.subject}</dd>
      </dl>
      <pre class="mail-text">{preview.text}</pre>
      <p class="hint">The HTML part says the same, with the unsubscribe link as a link.</p>
    </section>
  )
}

function DueTable({ due }: { due: Due['due'] }) {
  return (
    <div class="table-scroll">
      <table>
        <caption>{`${due.length} customer(s) due: last completed order 11 to 12 months ago`}</caption>
        <thead>
          <tr>
            <th scope="col">Customer</th>
            <th scope="col">E-mail</th>
            <th scope="col">Last completed</th>
            <th scope="col">
              <span class="visually-hidden">Preview</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {due.length === 0 && (
            <tr>
              <td colSpan={4}>No customer is due a reminder today.</td>
            </tr>
          )}
          {due.map((c) => (
            <tr>
              <td>
                <a href={`/customers/${c.customerId}`}>{`${c.name} (#${c.customerNo})`}</a>
              </td>
              <td>{c.email}</td>
              <td>{c.lastCompleted}</td>
              <td>
                <a href={`/mail?preview=${c.customerId}`}>{`Preview for ${c.name}`}</a>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  )
}

/** Annual reminders: who is due, what they would get, the button, and who was left out and why. */
export function RemindersPage(props: {
  due: Due
  preview: Preview
  counts: Counts
  schedule: string | undefined
}) {
  const { due, preview, counts } = props
  return (
    <section>
      <h1>Mail</h1>
      <MailTabs current="reminders" failed={counts.failed} />
      <p class="hint">
        {props.schedule
          ? `Reminders are also queued by the schedule ${props.schedule}.`
          : 'No reminder schedule is set (MAIL_REMINDER_SCHEDULE): reminders go out only from this page.'}
      </p>
      {due.noUsableEmail > 0 && (
        <div class="flash flash-error" role="note">
          <p>{`${due.noUsableEmail} due customer(s) have no valid e-mail address and get no reminder:`}</p>
          <ul>
            {due.invalidExamples.map((c) => (
              <li>
                <a href={`/customers/${c.customerId}`}>{`${c.name} (#${c.customerNo})`}</a>
                {`: ${c.email ?? 'no e-mail'}`}
              </li>
            ))}
          </ul>
        </div>
      )}
      <DueTable due={due.due} />
      {due.due.length > 0 && (
        <form method="post" action="/mail/reminders/send" class="actions">
          <button type="submit" class="primary">{`Send ${due.due.length} reminder(s)`}</button>
        </form>
      )}
      {preview && <PreviewBox preview={preview} />}
    </section>
  )
}
