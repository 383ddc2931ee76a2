import { WORK_ORDER_FILTERS } from '../../../domain/list-fields.js'

/** The list's sortable keys (src/repositories/work-orders.ts WORK_ORDER_FIELDS), with the words the page shows. */
export const SORT_KEYS: Record<string, string> = {
  workOrderNo: 'Number',
  dateIn: 'Date in',
  dateRequired: 'Date required',
  dateCompleted: 'Date completed',
  customerName: 'Customer',
  sourceName: 'Source',
  name: 'Order name',
  status: 'Status',
  quoteStatus: 'Quote',
  rush: 'Rush',
  firmRush: 'Firm rush',
  rackLocation: 'Rack',
}

export const DEFAULT_SORT = '-workOrderNo'

/** What a list page reads from its URL: its filters, sort keys and default, and its number range field. */
export interface ListSpec {
  filters: readonly string[]
  sortKeys: Record<string, string>
  defaultSort: string
  numberField: string
}

export const WORK_ORDER_LIST: ListSpec = {
  filters: WORK_ORDER_FILTERS,
  sortKeys: SORT_KEYS,
  defaultSort: DEFAULT_SORT,
  numberField: 'workOrderNo',
}
const SORT_PATTERN = /^-?[A-Za-z]+(,-?[A-Za-z]+)*$/

/** The tabs: each is a set of the API's filters, so the dashboard can link to the same URLs. */
export const TABS = [
  { key: 'open', label: 'Open', filters: { open: 'true' } },
  { key: 'rush', label: 'Rush', filters: { open: 'true', rush: 'true' } },
  { key: 'cushion', label: 'Cushion', filters: { open: 'true', isCushion: 'true' } },
  { key: 'ready', label: 'Ready for pickup', filters: { status: 'packaged' } },
  { key: 'completed', label: 'Completed', filters: { status: 'completed' } },
  { key: 'all', label: 'All', filters: {} },
] as const

export interface ListPageQuery {
  page: number
  pageSize: number
  sort: string
  q: string | undefined
  filters: Record<string, string | undefined>
}

const first = (value: unknown): string | undefined => {
  const v = Array.isArray(value) ? value[0] : value
  return typeof v === 'string' && v.trim() !== '' ? v.trim().slice(0, 200) : undefined
}

function whole(value: unknown, fallback: number, max: number): number {
  const text = first(value)
  if (!text || !/^\d{1,7}$/.test(text)) return fallback
  return Math.min(Math.max(Number(text), 1), max)
}

/**
 * The page's URL in the API's list parameters (page, pageSize, sort, q and the filters), so links from the
 * dashboard and the API's own URLs work here. The page form's extras fold into them: `from`/`to` into the
 * `workOrderNo` range, `sort1`/`sort2` (with `dir1`/`dir2`) into the multi-key `sort`. Bad numbers fall back
 * to defaults; bad filters reach the service, which answers with its 400 message.
 */
export function readListQuery(raw: Record<string, unknown>, spec: ListSpec = WORK_ORDER_LIST): ListPageQuery {
  const filters: Record<string, string | undefined> = {}
  for (const name of spec.filters) filters[name] = first(raw[name])
  const from = first(raw.from)
  const to = first(raw.to)
  if (from || to) filters[spec.numberField] = `${from ?? ''}-${to ?? ''}`.replace(/^(\d+)-\1$/, '$1')
  const keys = [1, 2]
    .map((n) => {
      const key = first(raw[`sort${n}`])
      if (!key || !(key in spec.sortKeys)) return undefined
      return first(raw[`dir${n}`]) === 'desc' ? `-${key}` : key
    })
    .filter((k): k is string => k !== undefined)
  const sortText = keys.length ? [...new Set(keys)].join(',') : first(raw.sort)
  return {
    page: whole(raw.page, 1, 1_000_000),
    pageSize: whole(raw.pageSize, 50, 200),
    sort: sortText && SORT_PATTERN.test(sortText) ? sortText : spec.defaultSort,
    q: first(raw.q),
    filters,
  }
}

/** The canonical URL parameters of a query (what links and the CSV export carry). */
export function queryValues(
  query: ListPageQuery,
  defaultSort = DEFAULT_SORT,
): Record<string, string | number | undefined> {
  return {
    ...query.filters,
    q: query.q,
    sort: query.sort === defaultSort ? undefined : query.sort,
    pageSize: query.pageSize === 50 ? undefined : query.pageSize,
    page: query.page === 1 ? undefined : query.page,
  }
}

/** The tab whose filters are exactly the ones set among open/rush/isCushion/status. */
export function activeTab(filters: Record<string, string | undefined>): string | undefined {
  const tabKeys = ['open', 'rush', 'isCushion', 'status']
  return TABS.find((tab) => tabKeys.every((k) => (tab.filters as Record<string, string>)[k] === filters[k]))
    ?.key
}
