import type { AuditEntry } from '../../../models/index.js'
import type { FormState } from '../../form.js'
import { Field } from '../field.js'
import { fmtTime } from '../manage/format.js'
import { type ListQueryValues, PagedTable, type PageInfo } from '../paged-table.js'
import { AdminTabs } from './users.js'

export type AuditField = 'action' | 'actor' | 'entity' | 'entityId' | 'from' | 'to'
export const AUDIT_LABELS: Record<AuditField, string> = {
  action: 'Action contains',
  actor: 'Who (username contains)',
  entity: 'Record type',
  entityId: 'Record id',
  from: 'From (date)',
  to: 'To (date)',
}

/** The summary as `key: value` text: JSON is data, shown escaped like any other text. */
function summaryText(summary: Record<string, unknown> | null): string {
  if (!summary) return ''
  return Object.entries(summary)
    .map(([key, value]) => `${key}: ${typeof value === 'string' ? value : JSON.stringify(value)}`)
    .join('; ')
}

export interface AuditTableProps {
  rows: AuditEntry[]
  page: PageInfo
  query: ListQueryValues
  timeZone: string
}

export function AuditTable({ rows, page, query, timeZone }: AuditTableProps) {
  return (
    <PagedTable
      id="audit-table"
      baseUrl="/admin/audit"
      caption="Audit log, newest first"
      rows={rows}
      page={page}
      query={query}
      rowId={(row) => `audit-${row.id}`}
      columns={[
        { label: 'When', sort: 'createdAt', cell: (row) => fmtTime(row.createdAt, timeZone) },
        { label: 'Who', sort: 'actor', cell: (row) => row.actorUsername ?? '–' },
        { label: 'Action', sort: 'action', cell: (row) => <code>{row.action}</code> },
        {
          label: 'Record',
          sort: 'entity',
          cell: (row) => `${row.entity}${row.entityId ? ` ${row.entityId}` : ''}`,
        },
        { label: 'Details', cell: (row) => <span class="summary">{summaryText(row.summary)}</span> },
        { label: 'Address', cell: (row) => row.ip ?? '–' },
      ]}
    />
  )
}

export interface AuditPageProps extends AuditTableProps {
  state: FormState<AuditField>
}

/** Filters (a GET form: the URL is the filter) above the server-paged log. */
export function AuditPage(props: AuditPageProps) {
  const { state } = props
  return (
    <section>
      <h1>Admin: audit log</h1>
      <AdminTabs current="audit" />
      <form method="get" action="/admin/audit" class="filters" novalidate>
        <Field
          name="action"
          label={AUDIT_LABELS.action}
          hint="e.g. user.updated, invite, auth.login"
          state={state}
          type="search"
        />
        <Field name="actor" label={AUDIT_LABELS.actor} state={state} type="search" />
        <Field
          name="entity"
          label={AUDIT_LABELS.entity}
          hint="user, invite, work_order…"
          state={state}
          type="search"
        />
        <Field name="entityId" label={AUDIT_LABELS.entityId} state={state} />
        <Field name="from" label={AUDIT_LABELS.from} type="date" state={state} />
        <Field name="to" label={AUDIT_LABELS.to} type="date" state={state} />
        <div class="filter-buttons">
          <button type="submit">Filter</button>
          <a href="/admin/audit">Clear filters</a>
        </div>
      </form>
      <AuditTable {...props} />
    </section>
  )
}
