import type { FastifyInstance, FastifyRequest } from 'fastify'
import { ANY_ROLE } from '../../auth/access.js'
import { WORK_ORDER_FILTERS } from '../../domain/list-fields.js'
import { AppError } from '../../errors.js'
import type { WorkOrdersService } from '../../services/work-orders.js'
import { type Column, listUrl, PagedTable } from '../components/paged-table.js'
import { PrintSelected, type PrintSelection, printColumn, printRoute } from '../components/print-selection.js'
import {
  activeTab,
  type ListPageQuery,
  queryValues,
  readListQuery,
  SORT_KEYS,
  TABS,
} from '../components/work-orders/list-query.js'
import { money, OrderStatus, rushText, squareFeet } from '../components/work-orders/order-bits.js'
import { isHtmx, sendFragment, sendPage } from '../render.js'
import { signedInUser } from '../session.js'

type Row = Awaited<ReturnType<WorkOrdersService['list']>>['data'][number]
type Listing = Awaited<ReturnType<WorkOrdersService['list']>>

const BASE = '/work-orders'

const PRINT: PrintSelection = {
  formId: 'wo-print',
  base: BASE,
  pdf: '/api/work-orders/pdf',
  what: (no) => `work order ${no}`,
}

const COLUMNS: Column<Row>[] = [
  printColumn<Row>(PRINT, (r) => r.workOrderNo),
  {
    label: 'No.',
    sort: 'workOrderNo',
    numeric: true,
    cell: (r) => <a href={`/work-orders/${r.workOrderNo}`}>{String(r.workOrderNo)}</a>,
  },
  {
    label: 'Customer',
    sort: 'customerName',
    cell: (r) => <a href={`/customers/${r.customerId}`}>{r.customerName}</a>,
  },
  { label: 'Order name', sort: 'name', cell: (r) => r.name ?? '' },
  { label: 'Status', sort: 'status', cell: (r) => <OrderStatus status={r.status} /> },
  { label: 'Date in', sort: 'dateIn', cell: (r) => r.dateIn },
  { label: 'Required', sort: 'dateRequired', cell: (r) => r.dateRequired ?? '' },
  { label: 'Rush', sort: 'rush', cell: rushText },
  { label: 'Source', sort: 'sourceName', cell: (r) => r.sourceName ?? '' },
  { label: 'Items', numeric: true, cell: (r) => String(r.itemCount) },
  { label: 'Square feet', numeric: true, cell: (r) => squareFeet(r.squareFeet) },
  { label: 'Total', numeric: true, cell: (r) => money(r.total) },
]

function Tabs({ query }: { query: ListPageQuery }) {
  const current = activeTab(query.filters)
  const rest = { ...queryValues(query), open: undefined, rush: undefined, isCushion: undefined }
  return (
    <nav aria-label="Work order tabs" class="tabs">
      <ul>
        {TABS.map((tab) => (
          <li>
            <a
              href={listUrl(BASE, { ...rest, status: undefined, page: undefined }, tab.filters)}
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

function SortChoice({ n, sort }: { n: 1 | 2; sort: string }) {
  const key = sort.split(',')[n - 1]
  const name = key?.replace(/^-/, '')
  return (
    <div class="sort-choice">
      <label for={`f-sort${n}`}>{n === 1 ? 'Sort by' : 'Then by'}</label>
      <select id={`f-sort${n}`} name={`sort${n}`}>
        {n === 2 && <option value="">(nothing)</option>}
        {Object.entries(SORT_KEYS).map(([value, label]) => (
          <option value={value} selected={value === name}>
            {label}
          </option>
        ))}
      </select>
      <label for={`f-dir${n}`} class="visually-hidden">
        {n === 1 ? 'Sort direction' : 'Second sort direction'}
      </label>
      <select id={`f-dir${n}`} name={`dir${n}`}>
        <option value="asc" selected={!key?.startsWith('-')}>
          ascending
        </option>
        <option value="desc" selected={key?.startsWith('-')}>
          descending
        </option>
      </select>
    </div>
  )
}

/** Search, number range, source and sort: a GET form (works without JavaScript); the search updates live. */
function Filters({ query }: { query: ListPageQuery }) {
  const [from, to] = (query.filters.workOrderNo ?? '').includes('-')
    ? (query.filters.workOrderNo ?? '').split('-')
    : [query.filters.workOrderNo, query.filters.workOrderNo]
  // Every other filter of the URL rides along (tabs, links from the dashboard and the customer hub).
  const keep = WORK_ORDER_FILTERS.filter((name) => name !== 'workOrderNo' && name !== 'sourceName')
  return (
    <form method="get" action={BASE} class="filters" aria-label="Filter work orders">
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
          hx-target="#wo-results"
          hx-swap="outerHTML"
          hx-include="closest form"
          hx-push-url="true"
          aria-describedby="f-q-hint"
        />
        <p class="hint" id="f-q-hint">
          Number, order name or customer
        </p>
      </div>
      <fieldset class="range">
        <legend>Order number</legend>
        <label for="f-from">From</label>
        <input id="f-from" name="from" inputMode="numeric" value={from ?? ''} size={8} />
        <label for="f-to">To</label>
        <input id="f-to" name="to" inputMode="numeric" value={to ?? ''} size={8} />
      </fieldset>
      <div class="field">
        <label for="f-sourceName">Source</label>
        <input id="f-sourceName" name="sourceName" value={query.filters.sourceName ?? ''} />
      </div>
      <SortChoice n={1} sort={query.sort} />
      <SortChoice n={2} sort={query.sort} />
      <input type="hidden" name="pageSize" value={String(query.pageSize)} />
      <button type="submit">Apply</button>
    </form>
  )
}

function Results(props: { query: ListPageQuery; listing: Listing; error?: string; canExport: boolean }) {
  const { query, listing, error, canExport } = props
  const values = queryValues(query)
  const exportUrl = listUrl(
    '/api/work-orders/export.csv',
    { ...values, sort: undefined, page: undefined, pageSize: undefined },
    {},
  )
  return (
    <div id="wo-results">
      {error && (
        <p class="error-message" role="alert">
          {error}
        </p>
      )}
      <div class="results-bar">
        {`${listing.total} work order${listing.total === 1 ? '' : 's'}`}
        <PrintSelected p={PRINT} />
        {canExport && (
          <a href={exportUrl} download>
            Download CSV of this filter
          </a>
        )}
      </div>
      <PagedTable
        id="wo-table"
        baseUrl={BASE}
        caption="Work orders"
        columns={COLUMNS}
        rows={listing.data}
        page={listing}
        query={values}
        rowId={(r) => `wo-${r.workOrderNo}`}
      />
    </div>
  )
}

const EMPTY: Listing = { data: [], total: 0, page: 1, pageSize: 50, pageCount: 0 }

/** The work order list: tabs, filters, multi-key sort, paging and the CSV of the filter (issue 17, page 5). */
export default async function workOrdersListPages(app: FastifyInstance) {
  async function load(query: ListPageQuery): Promise<{ listing: Listing; error?: string }> {
    try {
      return { listing: await app.workOrdersService.list(query) }
    } catch (err) {
      // A bad filter typed into the URL: say what is wrong, keep the page.
      if (err instanceof AppError && err.statusCode === 400) return { listing: EMPTY, error: err.message }
      throw err
    }
  }

  printRoute(app, PRINT)

  app.get(BASE, { config: { access: ANY_ROLE } }, async (request: FastifyRequest, reply) => {
    const user = signedInUser(request)
    const query = readListQuery(request.query as Record<string, unknown>)
    const { listing, error } = await load(query)
    const canExport = user.role !== 'staff'
    if (isHtmx(request)) {
      // The folded form fields (from/to, sort1/sort2) become the API's names in the address bar.
      reply.header('hx-push-url', listUrl(BASE, queryValues(query), {}))
      if (request.headers['hx-target'] === 'wo-table') {
        const values = queryValues(query)
        return sendFragment(
          reply,
          <PagedTable
            id="wo-table"
            baseUrl={BASE}
            caption="Work orders"
            columns={COLUMNS}
            rows={listing.data}
            page={listing}
            query={values}
            rowId={(r) => `wo-${r.workOrderNo}`}
          />,
        )
      }
      return sendFragment(
        reply,
        <Results query={query} listing={listing} error={error} canExport={canExport} />,
      )
    }
    return sendPage(request, reply, {
      title: 'Work orders',
      status: error ? 400 : 200,
      styles: ['work-orders.css'],
      body: (
        <section>
          <div class="page-head">
            <h1>Work orders</h1>
            {canExport && (
              <a class="button" href="/work-orders/new">
                New work order
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
