import type { Source } from '../../../models/index.js'
import type { FormState } from '../../form.js'
import { ConfirmDelete } from '../confirm-delete.js'
import type { HubOrder } from '../customers/customer-hub.js'
import type { CustomerRow } from '../customers/customers-table.js'
import { labelsOf, type TextFieldSpec } from '../customers/text-fields.js'
import { Field, Form } from '../field.js'
import { type ListQueryValues, listUrl, PagedTable, type PageInfo } from '../paged-table.js'
import { StatusBadge } from '../status-badge.js'

export const SOURCE_FIELDS = [
  { name: 'name', label: 'Name', max: 200, required: true, autocomplete: 'off' },
  { name: 'address', label: 'Address', max: 200 },
  { name: 'city', label: 'City', max: 200 },
  { name: 'state', label: 'State', max: 50 },
  { name: 'zip', label: 'ZIP', max: 20 },
  { name: 'phone', label: 'Phone', max: 50, type: 'tel' },
  { name: 'fax', label: 'Fax', max: 50, type: 'tel' },
  { name: 'email', label: 'E-mail', max: 254, type: 'email' },
] as const satisfies readonly TextFieldSpec<string>[]
export type SourceField = (typeof SOURCE_FIELDS)[number]['name']
export const SOURCE_FIELD_NAMES = SOURCE_FIELDS.map((f) => f.name)
export const SOURCE_LABELS = labelsOf<SourceField>(SOURCE_FIELDS)
export const SOURCES_TABLE_ID = 'sources-table'

export function SourceForm(props: { action: string; submit: string; state: FormState<SourceField> }) {
  return (
    <Form action={props.action} state={props.state} labels={SOURCE_LABELS} submit={props.submit}>
      <div class="form-grid">
        {SOURCE_FIELDS.map((f) => (
          <Field
            name={f.name}
            label={f.label}
            state={props.state}
            type={'type' in f ? f.type : 'text'}
            required={'required' in f}
            inputMode={'type' in f && f.type === 'tel' ? 'tel' : undefined}
          />
        ))}
      </div>
    </Form>
  )
}

export function SourcesTable({
  rows,
  page,
  query,
}: {
  rows: Source[]
  page: PageInfo
  query: ListQueryValues
}) {
  return (
    <PagedTable
      id={SOURCES_TABLE_ID}
      baseUrl="/sources"
      caption="Sources"
      rows={rows}
      page={page}
      query={query}
      columns={[
        { label: 'Name', sort: 'name', cell: (s) => <a href={`/sources/${s.id}`}>{s.name}</a> },
        { label: 'City', sort: 'city', cell: (s) => s.city ?? '' },
        { label: 'State', sort: 'state', cell: (s) => s.state ?? '' },
        { label: 'Phone', cell: (s) => s.phone ?? '' },
        { label: 'E-mail', cell: (s) => s.email ?? '' },
      ]}
    />
  )
}

export function SourcesListPage(props: {
  query: ListQueryValues
  canWrite: boolean
  rows: Source[]
  page: PageInfo
}) {
  const { query } = props
  return (
    <section>
      <div class="page-head">
        <h1>Sources</h1>
        {props.canWrite && (
          <a class="button-link primary" href="/sources/new">
            New source
          </a>
        )}
      </div>
      <p class="hint">Vendors, sail lofts and marinas that send work in.</p>
      <form method="get" action="/sources" class="filters" aria-label="Search Sources">
        <div class="field search-field">
          <label for="sources-q">Search by name</label>
          <input
            id="sources-q"
            type="search"
            name="name"
            value={query.name === undefined ? '' : String(query.name)}
            autocomplete="off"
            hx-get="/sources"
            hx-trigger="keyup changed delay:300ms, search"
            hx-target={`#${SOURCES_TABLE_ID}`}
            hx-swap="outerHTML"
            hx-push-url="true"
          />
        </div>
        <button type="submit">Search</button>
      </form>
      <SourcesTable rows={props.rows} page={props.page} query={query} />
    </section>
  )
}

export interface SourceDetailData {
  source: Source
  customers: CustomerRow[]
  customerTotal: number
  orders: HubOrder[]
  orderTotal: number
  canWrite: boolean
  problem?: string | undefined
}

function CustomersOf({ data }: { data: SourceDetailData }) {
  return (
    <div class="table-scroll">
      <table>
        <caption>
          {`${data.customers.length} of ${data.customerTotal} by name `}(
          <a href={listUrl('/customers', {}, { sourceId: data.source.id, sort: 'name' })}>
            all in the customer list
          </a>
          )
        </caption>
        <thead>
          <tr>
            <th scope="col">Customer</th>
            <th scope="col">City</th>
          </tr>
        </thead>
        <tbody>
          {data.customers.length === 0 && (
            <tr>
              <td colSpan={2}>No customers yet.</td>
            </tr>
          )}
          {data.customers.map((c) => (
            <tr>
              <td>
                <a href={`/customers/${c.id}`}>{c.name}</a>
              </td>
              <td>{c.city ?? ''}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  )
}

function OrdersOf({ data }: { data: SourceDetailData }) {
  const all = listUrl('/work-orders', {}, { sourceId: String(data.source.id), sort: '-dateIn' })
  return (
    <div class="table-scroll">
      <table>
        <caption>
          {`Newest ${data.orders.length} of ${data.orderTotal} `}(<a href={all}>all in the work-order list</a>
          )
        </caption>
        <thead>
          <tr>
            <th scope="col">Order</th>
            <th scope="col">Customer</th>
            <th scope="col">Status</th>
            <th scope="col">In</th>
          </tr>
        </thead>
        <tbody>
          {data.orders.length === 0 && (
            <tr>
              <td colSpan={4}>No work orders yet.</td>
            </tr>
          )}
          {data.orders.map((o) => (
            <tr>
              <td>
                <a href={`/work-orders/${o.workOrderNo}`}>{`#${o.workOrderNo}`}</a>
              </td>
              <td>{o.customerName}</td>
              <td>
                <StatusBadge status={o.status} />
              </td>
              <td>{o.dateIn}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  )
}

/** A source: its details, its customers and its newest orders, each with a link to the whole list. */
export function SourceDetail({ data }: { data: SourceDetailData }) {
  const { source } = data
  const facts: [string, string | null][] = [
    ['Address', [source.address, source.city, source.state, source.zip].filter(Boolean).join(', ')],
    ['Phone', source.phone],
    ['Fax', source.fax],
    ['E-mail', source.email],
  ]
  return (
    <article>
      <p class="breadcrumb">
        <a href="/sources">Sources</a>
      </p>
      <h1>{source.name}</h1>
      {data.problem && (
        <div class="flash flash-error" role="alert">
          {data.problem}
        </div>
      )}
      {data.canWrite && (
        <div class="actions">
          <a class="button-link" href={`/sources/${source.id}/edit`}>
            Edit source
          </a>
          <ConfirmDelete action={`/sources/${source.id}/delete`} what={`source ${source.name}`} />
        </div>
      )}
      <dl class="facts">
        {facts
          .filter(([, v]) => v)
          .map(([label, value]) => (
            <>
              <dt>{label}</dt>
              <dd>{value}</dd>
            </>
          ))}
      </dl>
      <h2>Customers</h2>
      <CustomersOf data={data} />
      <h2>Work orders</h2>
      <OrdersOf data={data} />
    </article>
  )
}
