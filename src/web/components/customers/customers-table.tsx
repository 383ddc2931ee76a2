import type { Customer } from '../../../models/index.js'
import { primaryPhone } from '../../../services/customers.js'
import { type ListQueryValues, listUrl, PagedTable, type PageInfo } from '../paged-table.js'
import { filterOnly, pageSizesWith } from './list-query.js'

export type CustomerRow = Customer & { sourceName: string | null }

export const CUSTOMER_TABLE_ID = 'customers-table'

/** The per-column filters the page offers: the API's customer list filters (src/routes/customers.ts). */
export const CUSTOMER_FILTER_FIELDS = [
  { name: 'customerNo', label: 'Customer no. (or range 100-200)', inputMode: 'numeric' },
  { name: 'name', label: 'Name' },
  { name: 'contact', label: 'Contact' },
  { name: 'city', label: 'City' },
  { name: 'state', label: 'State' },
  { name: 'sourceName', label: 'Source' },
] as const

export const csvUrl = (query: ListQueryValues) => listUrl('/api/customers/export.csv', filterOnly(query), {})

/** The CSV link follows the filter: htmx replaces it out of band with every table it swaps. */
export function CsvLink({ query, oob }: { query: ListQueryValues; oob?: boolean }) {
  return (
    <a
      id="customers-csv"
      class="button-link"
      href={csvUrl(query)}
      download
      hx-swap-oob={oob ? 'true' : undefined}
    >
      CSV of the current filter
    </a>
  )
}

/** Sort and page size ride in the filter form as hidden inputs, kept current out of band. */
export function HiddenListState({ query, oob }: { query: ListQueryValues; oob?: boolean }) {
  return (
    <span id="customers-list-state" hx-swap-oob={oob ? 'true' : undefined}>
      {query.sort && <input type="hidden" name="sort" value={String(query.sort)} />}
      <input type="hidden" name="pageSize" value={String(query.pageSize)} />
    </span>
  )
}

export function CustomersTable(props: {
  rows: CustomerRow[]
  page: PageInfo
  query: ListQueryValues
  message?: string | undefined
}) {
  const { rows, page, query, message } = props
  return (
    <PagedTable
      id={CUSTOMER_TABLE_ID}
      baseUrl="/customers"
      caption={message ? `Customers: ${message}` : 'Customers'}
      rows={rows}
      page={page}
      query={query}
      pageSizes={pageSizesWith(Number(query.pageSize))}
      rowId={(row) => `customer-${row.id}`}
      columns={[
        { label: 'No.', sort: 'customerNo', numeric: true, cell: (c) => String(c.customerNo) },
        { label: 'Name', sort: 'name', cell: (c) => <a href={`/customers/${c.id}`}>{c.name}</a> },
        { label: 'Contact', sort: 'contact', cell: (c) => c.contact ?? '' },
        { label: 'City', sort: 'city', cell: (c) => c.city ?? '' },
        { label: 'State', sort: 'state', cell: (c) => c.state ?? '' },
        { label: 'Phone', cell: (c) => primaryPhone(c) ?? '' },
        { label: 'E-mail', sort: 'email', cell: (c) => c.email ?? '' },
        {
          label: 'Source',
          sort: 'sourceName',
          cell: (c) => (c.sourceId ? <a href={`/sources/${c.sourceId}`}>{c.sourceName ?? ''}</a> : ''),
        },
      ]}
    />
  )
}
