import { AppError } from '../../../errors.js'
import type { ListParams, Page } from '../../../services/customers.js'
import type { ListQueryValues } from '../paged-table.js'

const SORT = /^-?[A-Za-z]+(,-?[A-Za-z]+)*$/
const PAGE_SIZES = [25, 50, 100, 200]

/**
 * A list page's query read the way the API's ListQuery schema reads it (src/schemas/list.ts): page,
 * pageSize (1..200, default 50), sort, q and the named filters, each at most 200 characters. Nonsense in the
 * address bar falls back to the defaults instead of an error page; a filter the service refuses (a bad
 * range) comes back as a message above the table (`listOrMessage`).
 */
export function readListQuery(raw: unknown, filters: readonly string[]) {
  const source = (raw && typeof raw === 'object' ? raw : {}) as Record<string, unknown>
  const text = (name: string) => {
    const value = source[name]
    const first = Array.isArray(value) ? value[0] : value
    return typeof first === 'string' && first.trim() !== '' ? first.trim().slice(0, 200) : undefined
  }
  const whole = (name: string, min: number, max: number, fallback: number) => {
    const value = Number(text(name))
    return Number.isInteger(value) && value >= min && value <= max ? value : fallback
  }
  const sort = text('sort')
  const query: ListQueryValues = {
    page: whole('page', 1, 1_000_000, 1),
    pageSize: whole('pageSize', 1, 200, 50),
    sort: sort && SORT.test(sort) ? sort : undefined,
    q: text('q'),
  }
  for (const name of filters) query[name] = text(name)
  return query
}

export function toListParams(query: ListQueryValues, filters: readonly string[]): ListParams {
  return {
    page: Number(query.page),
    pageSize: Number(query.pageSize),
    sort: query.sort as string | undefined,
    q: query.q as string | undefined,
    filters: Object.fromEntries(filters.map((name) => [name, query[name] as string | undefined])),
  }
}

/** The list, or an empty page and the service's message when it refused a filter or sort (a 400). */
export async function listOrMessage<T>(
  query: ListQueryValues,
  load: () => Promise<Page<T>>,
): Promise<{ page: Page<T>; message?: string }> {
  try {
    return { page: await load() }
  } catch (err) {
    if (!(err instanceof AppError) || err.statusCode !== 400) throw err
    const pageSize = Number(query.pageSize)
    return { page: { data: [], total: 0, page: 1, pageSize, pageCount: 0 }, message: err.message }
  }
}

/** The sizes offered, with the current one if someone typed another. */
export const pageSizesWith = (current: number) =>
  PAGE_SIZES.includes(current) ? PAGE_SIZES : [...PAGE_SIZES, current].sort((a, b) => a - b)

/** Only the search and filters (what the CSV export takes: no page, page size or sort). */
export function filterOnly(query: ListQueryValues): ListQueryValues {
  const { page: _page, pageSize: _size, sort: _sort, ...rest } = query
  return rest
}
