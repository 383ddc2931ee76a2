import type { ComponentChildren } from 'preact'

/** What the API's list endpoints answer (src/schemas/list.ts PageOf). */
export interface PageInfo {
  total: number
  page: number
  pageSize: number
  pageCount: number
}

/** The API's list query parameters (src/schemas/list.ts ListQuery): filters ride along untouched. */
export type ListQueryValues = Record<string, string | number | undefined>

export interface Column<T> {
  label: string
  /** The API's sort key (`dateIn`); a column without one is not sortable. */
  sort?: string
  cell: (row: T) => ComponentChildren
  /** Right-align numbers. */
  numeric?: boolean
}

export interface PagedTableProps<T> {
  /** The element id htmx swaps; the page's handler answers an HX-Request with only this component. */
  id: string
  /** The list page's own URL (`/customers`): every link is that URL with changed parameters. */
  baseUrl: string
  caption: string
  columns: Column<T>[]
  rows: T[]
  page: PageInfo
  query: ListQueryValues
  pageSizes?: number[]
  /** A row's key, for the `<tr id>` later pages target (inline edits). */
  rowId?: (row: T) => string
}

export function listUrl(baseUrl: string, query: ListQueryValues, changes: ListQueryValues): string {
  const params = new URLSearchParams()
  for (const [key, value] of Object.entries({ ...query, ...changes })) {
    if (value !== undefined && value !== '') params.set(key, String(value))
  }
  const text = params.toString()
  return text ? `${baseUrl}?${text}` : baseUrl
}

/** The first sort key's direction, for the column header's arrow and aria-sort. */
function sortState(sort: unknown, key: string): 'ascending' | 'descending' | undefined {
  const first = typeof sort === 'string' ? sort.split(',')[0] : undefined
  if (first === key) return 'ascending'
  if (first === `-${key}`) return 'descending'
  return undefined
}

/**
 * A server-paged table: sort links in the headers, page links and a page-size choice, all plain links and a
 * GET form (they work without JavaScript); htmx swaps just this table and pushes the URL.
 */
export function PagedTable<T>(props: PagedTableProps<T>) {
  const { id, baseUrl, caption, columns, rows, page, query, pageSizes = [25, 50, 100, 200] } = props
  const hx = (href: string) => ({
    href,
    'hx-get': href,
    'hx-target': `#${id}`,
    'hx-swap': 'outerHTML',
    'hx-push-url': 'true',
  })
  const first = page.total === 0 ? 0 : (page.page - 1) * page.pageSize + 1
  const last = Math.min(page.total, page.page * page.pageSize)
  return (
    <div class="paged-table" id={id}>
      <div class="table-scroll">
        <table>
          <caption>{caption}</caption>
          <thead>
            <tr>
              {columns.map((column) => {
                if (!column.sort) return <th scope="col">{column.label}</th>
                const state = sortState(query.sort, column.sort)
                const next = state === 'ascending' ? `-${column.sort}` : column.sort
                return (
                  <th scope="col" aria-sort={state} class={column.numeric ? 'num' : undefined}>
                    <a {...hx(listUrl(baseUrl, query, { sort: next, page: 1 }))}>
                      {column.label}
                      {state === 'ascending' ? ' ▲' : state === 'descending' ? ' ▼' : ''}
                      <span class="visually-hidden">
                        {state === 'ascending' ? ', sorted ascending' : ''}
                        {state === 'descending' ? ', sorted descending' : ''}, sort
                      </span>
                    </a>
                  </th>
                )
              })}
            </tr>
          </thead>
          <tbody>
            {rows.length === 0 && (
              <tr>
                <td colSpan={columns.length}>Nothing matches.</td>
              </tr>
            )}
            {rows.map((row) => (
              <tr id={props.rowId?.(row)}>
                {columns.map((column) => (
                  <td class={column.numeric ? 'num' : undefined}>{column.cell(row)}</td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <nav class="pager" aria-label={`${caption} pages`}>
        <p>{`${first}–${last} of ${page.total}`}</p>
        {page.page > 1 && <a {...hx(listUrl(baseUrl, query, { page: page.page - 1 }))}>Previous</a>}
        <span>{`Page ${page.page} of ${Math.max(1, page.pageCount)}`}</span>
        {page.page < page.pageCount && <a {...hx(listUrl(baseUrl, query, { page: page.page + 1 }))}>Next</a>}
        <form
          method="get"
          action={baseUrl}
          class="page-size"
          hx-get={baseUrl}
          hx-target={`#${id}`}
          hx-swap="outerHTML"
          hx-push-url="true"
          hx-trigger="change"
        >
          {Object.entries(query)
            .filter(
              ([key, value]) => key !== 'pageSize' && key !== 'page' && value !== undefined && value !== '',
            )
            .map(([key, value]) => (
              <input type="hidden" name={key} value={String(value)} />
            ))}
          <label for={`${id}-size`}>Rows per page</label>
          <select id={`${id}-size`} name="pageSize">
            {pageSizes.map((size) => (
              <option value={String(size)} selected={size === page.pageSize}>
                {size}
              </option>
            ))}
          </select>
          <button type="submit">Show</button>
        </form>
      </nav>
    </div>
  )
}
