import type { FastifyInstance, FastifyRequest } from 'fastify'
import { ANY_ROLE } from '../../auth/access.js'
import { REPAIR_ORDER_FILTERS } from '../../domain/list-fields.js'
import { AppError } from '../../errors.js'
import type { RepairOrdersService } from '../../services/repair-orders.js'
import { type Column, listUrl, PagedTable } from '../components/paged-table.js'
import { PrintSelected, type PrintSelection, printColumn, printRoute } from '../components/print-selection.js'
import { RepairStatus } from '../components/repair-orders/repair-detail.js'
import {
  type ListPageQuery,
  type ListSpec,
  queryValues,
  readListQuery,
} from '../components/work-orders/list-query.js'
import { money, rushText } from '../components/work-orders/order-bits.js'
import { isHtmx, sendFragment, sendPage } from '../render.js'
import { signedInUser } from '../session.js'

type Listing = Awaited<ReturnType<RepairOrdersService['list']>>
type Row = Listing['data'][number]

const BASE = '/repair-orders'
const DEFAULT_SORT = '-repairOrderNo'

const SPEC: ListSpec = {
  filters: REPAIR_ORDER_FILTERS,
  sortKeys: {
    repairOrderNo: 'Number',
    dateIn: 'Date in',
    dateRequired: 'Date required',
    dateToSub: 'Sent to subcontractor',
    dateCompleted: 'Date completed',
    customerName: 'Customer',
    name: 'Order name',
    status: 'Status',
    workOrderNo: 'Work order',
  },
  defaultSort: DEFAULT_SORT,
  numberField: 'repairOrderNo',
}

/** The tabs: each a set of the API's filters. */
const TABS = [
  { key: 'open', label: 'Open', filters: { open: 'true' } },
  { key: 'sub', label: 'At subcontractor', filters: { status: 'at_subcontractor' } },
  { key: 'completed', label: 'Completed', filters: { status: 'completed' } },
  { key: 'all', label: 'All', filters: {} },
] as const

const PRINT: PrintSelection = {
  formId: 'ro-print',
  base: BASE,
  pdf: '/api/repair-orders/pdf',
  what: (no) => `repair order ${no}`,
}

const COLUMNS: Column<Row>[] = [
  printColumn<Row>(PRINT, (r) => r.repairOrderNo),
  {
    label: 'No.',
    sort: 'repairOrderNo',
    numeric: true,
    cell: (r) => <a href={`${BASE}/${r.repairOrderNo}`}>{`RO ${r.repairOrderNo}`}</a>,
  },
  {
    label: 'Customer',
    sort: 'customerName',
    cell: (r) => <a href={`/customers/${r.customerId}`}>{r.customerName}</a>,
  },
  { label: 'Order name', sort: 'name', cell: (r) => r.name ?? '' },
  { label: 'Status', sort: 'status', cell: (r) => <RepairStatus status={r.status} /> },
  { label: 'Date in', sort: 'dateIn', cell: (r) => r.dateIn },
  { label: 'Required', sort: 'dateRequired', cell: (r) => r.dateRequired ?? '' },
  { label: 'To sub', sort: 'dateToSub', cell: (r) => r.dateToSub ?? '' },
  { label: 'Rush', cell: rushText },
  {
    label: 'Work order',
    sort: 'workOrderNo',
    cell: (r) =>
      r.workOrderNo === null ? '' : <a href={`/work-orders/${r.workOrderNo}`}>{`#${r.workOrderNo}`}</a>,
  },
  {
    label: 'Price',
    numeric: true,
    cell: (r) => (r.repairPrice === null ? (r.priceNote ?? '—') : money(r.repairPrice)),
  },
]

function activeTab(filters: Record<string, string | undefined>) {
  return TABS.find((tab) =>
    ['open', 'status'].every((k) => (tab.filters as Record<string, string>)[k] === filters[k]),
  )?.key
}

function Tabs({ query }: { query: ListPageQuery }) {
  const current = activeTab(query.filters)
  const rest = { ...queryValues(query, DEFAULT_SORT), open: undefined, status: undefined, page: undefined }
  return (
    <nav aria-label="Repair order tabs" class="tabs">
      <ul>
        {TABS.map((tab) => (
          <li>
            <a
              href={listUrl(BASE, rest, tab.filters)}
              aria-current={tab.key === current ? 'page' : undefined}
            >
              {tab.label}
            </a>
          </li>
        ))}
      </ul>
    </nav>
  )
}

/** Search and sort: a GET form (works without JavaScript); the search updates the results live. */
function Filters({ query }: { query: ListPageQuery }) {
  const keep = REPAIR_ORDER_FILTERS.filter((name) => name !== 'repairOrderNo')
  const [key] = query.sort.split(',')
  return (
    <form method="get" action={BASE} class="filters" aria-label="Filter repair orders">
      {keep.map((name) =>
        query.filters[name] ? <input type="hidden" name={name} value={query.filters[name]} /> : null,
      )}
      <div class="field">
        <label for="f-q">Search</label>
        <input
          id="f-q"
          name="q"
          type="search"
          value={query.q ?? ''}
          hx-get={BASE}
          hx-trigger="input changed delay:400ms, search"
          hx-target="#ro-results"
          hx-swap="outerHTML"
          hx-include="closest form"
          hx-push-url="true"
          aria-describedby="f-q-hint"
        />
        <p class="hint" id="f-q-hint">
          Number, order name or customer
        </p>
      </div>
      <div class="sort-choice">
        <label for="f-sort1">Sort by</label>
        <select id="f-sort1" name="sort1">
          {Object.entries(SPEC.sortKeys).map(([value, label]) => (
            <option value={value} selected={value === key?.replace(/^-/, '')}>
              {label}
            </option>
          ))}
        </select>
        <label for="f-dir1" class="visually-hidden">
          Sort direction
        </label>
        <select id="f-dir1" name="dir1">
          <option value="asc" selected={!key?.startsWith('-')}>
            ascending
          </option>
          <option value="desc" selected={key?.startsWith('-')}>
            descending
          </option>
        </select>
      </div>
      <input type="hidden" name="pageSize" value={String(query.pageSize)} />
      <button type="submit">Apply</button>
    </form>
  )
}

function Table({ query, listing }: { query: ListPageQuery; listing: Listing }) {
  return (
    <PagedTable
      id="ro-table"
      baseUrl={BASE}
      caption="Repair orders"
      columns={COLUMNS}
      rows={listing.data}
      page={listing}
      query={queryValues(query, DEFAULT_SORT)}
      rowId={(r) => `ro-${r.repairOrderNo}`}
    />
  )
}

function Results(props: {
  query: ListPageQuery
  listing: Listing
  error?: string | undefined
  canExport: boolean
}) {
  const { query, listing, error, canExport } = props
  const values = queryValues(query, DEFAULT_SORT)
  const exportUrl = listUrl(
    '/api/repair-orders/export.csv',
    { ...values, sort: undefined, page: undefined, pageSize: undefined },
    {},
  )
  return (
    <div id="ro-results">
      {error && (
        <p class="error-message" role="alert">
          {error}
        </p>
      )}
      <div class="results-bar">
        {`${listing.total} repair order${listing.total === 1 ? '' : 's'}`}
        <PrintSelected p={PRINT} />
        {canExport && (
          <a href={exportUrl} download>
            Download CSV of this filter
          </a>
        )}
      </div>
      <Table query={query} listing={listing} />
    </div>
  )
}

const EMPTY: Listing = { data: [], total: 0, page: 1, pageSize: 50, pageCount: 0 }

/** The repair order list: tabs, search, sort, paging and the CSV of the filter. */
export default async function repairOrdersListPages(app: FastifyInstance) {
  async function load(query: ListPageQuery): Promise<{ listing: Listing; error?: string }> {
    try {
      return { listing: await app.repairOrdersService.list(query) }
    } catch (err) {
      if (err instanceof AppError && err.statusCode === 400) return { listing: EMPTY, error: err.message }
      throw err
    }
  }

  printRoute(app, PRINT)

  app.get(BASE, { config: { access: ANY_ROLE } }, async (request: FastifyRequest, reply) => {
    const user = signedInUser(request)
    const query = readListQuery(request.query as Record<string, unknown>, SPEC)
    const { listing, error } = await load(query)
    const canExport = user.role !== 'staff'
    if (isHtmx(request)) {
      reply.header('hx-push-url', listUrl(BASE, queryValues(query, DEFAULT_SORT), {}))
      if (request.headers['hx-target'] === 'ro-table')
        return sendFragment(reply, <Table query={query} listing={listing} />)
      return sendFragment(
        reply,
        <Results query={query} listing={listing} error={error} canExport={canExport} />,
      )
    }
    return sendPage(request, reply, {
      title: 'Repair orders',
      status: error ? 400 : 200,
      styles: ['work-orders.css'],
      body: (
        <section>
          <div class="page-head">
            <h1>Repair orders</h1>
            {canExport && (
              <a class="button" href={`${BASE}/new`}>
                New repair order
              </a>
            )}
          </div>
          <Tabs query={query} />
          <Filters query={query} />
          <Results query={query} listing={listing} error={error} canExport={canExport} />
        </section>
      ),
    })
  })
}
