import type { MailStatus } from '../../../models/index.js'
import type { MailService } from '../../../services/mail.js'
import { StatusBadge } from '../status-badge.js'
import { MailTabs } from './reminders.js'

type History = Awaited<ReturnType<MailService['history']>>
type Counts = Awaited<ReturnType<MailService['counts']>>

export const MAIL_STATUSES: readonly MailStatus[] = ['pending', 'sent', 'failed', 'skipped']

const when = (d: Date | null) => (d ? d.toISOString().slice(0, 16).replace('T', ' ') : '')

function pageUrl(status: MailStatus | undefined, page: number) {
  const params = new URLSearchParams()
  if (status) params.set('status', status)
  if (page > 1) params.set('page', String(page))
  const query = params.toString()
  return query ? `/mail/messages?${query}` : '/mail/messages'
}

function StatusFilter({ status, counts }: { status: MailStatus | undefined; counts: Counts }) {
  return (
    <form method="get" action="/mail/messages" class="actions">
      <label for="f-status">Status</label>
      <select id="f-status" name="status">
        <option value="" selected={!status}>
          All
        </option>
        {MAIL_STATUSES.map((s) => (
          <option value={s} selected={s === status}>{`${s} (${counts[s]})`}</option>
        ))}
      </select>
      <button type="submit">Show</button>
    </form>
  )
}

function Row({ m }: { m: History['data'][number] }) {
  return (
    <tr>
      <td>{String(m.id)}</td>
      <td>
        <StatusBadge status={m.status} />
      </td>
      <td>{m.kind === 'ready' ? 'Order ready' : 'Reminder'}</td>
      <td>
        {m.customerId ? (
          <a href={`/customers/${m.customerId}`}>{m.customerName ?? `#${m.customerId}`}</a>
        ) : (
          ''
        )}
        {m.workOrderNo ? (
          <>
            {' '}
            <a href={`/work-orders/${m.workOrderNo}`}>{`#${m.workOrderNo}`}</a>
          </>
        ) : (
          ''
        )}
      </td>
      <td>{m.toAddress ?? ''}</td>
      <td>{m.subject}</td>
      <td>{when(m.sentAt ?? m.createdAt)}</td>
      <td>
        {m.skipReason ?? m.lastError ?? ''}
        {m.status === 'pending' && m.attempts > 0
          ? ` (attempt ${m.attempts}, next ${when(m.nextAttemptAt)})`
          : ''}
      </td>
      <td>
        {m.status === 'failed' && (
          <form method="post" action={`/mail/messages/${m.id}/retry`} class="inline">
            <button type="submit">{`Retry message ${m.id}`}</button>
          </form>
        )}
      </td>
    </tr>
  )
}

/** The outbox as a log: every message and its fate, filterable by status; failures have a retry button. */
export function MessagesPage(props: { history: History; counts: Counts; status: MailStatus | undefined }) {
  const { history, counts, status } = props
  return (
    <section>
      <h1>Mail</h1>
      <MailTabs current={status === 'failed' ? 'failed' : 'all'} failed={counts.failed} />
      <StatusFilter status={status} counts={counts} />
      <div class="table-scroll">
        <table>
          <caption>{`${history.total} message(s)${status ? `, ${status}` : ''}, newest first`}</caption>
          <thead>
            <tr>
              <th scope="col">No.</th>
              <th scope="col">Status</th>
              <th scope="col">Kind</th>
              <th scope="col">Customer / order</th>
              <th scope="col">To</th>
              <th scope="col">Subject</th>
              <th scope="col">When</th>
              <th scope="col">Note</th>
              <th scope="col">
                <span class="visually-hidden">Actions</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {history.data.length === 0 && (
              <tr>
                <td colSpan={9}>No messages.</td>
              </tr>
            )}
            {history.data.map((m) => (
              <Row m={m} />
            ))}
          </tbody>
        </table>
      </div>
      <nav aria-label="Pages" class="actions">
        {history.page > 1 && <a href={pageUrl(status, history.page - 1)}>Previous page</a>}
        <span>{`Page ${history.page} of ${Math.max(1, history.pageCount)}`}</span>
        {history.page < history.pageCount && <a href={pageUrl(status, history.page + 1)}>Next page</a>}
      </nav>
    </section>
  )
}
