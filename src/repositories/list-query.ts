import {
  type AnyColumn,
  and,
  asc,
  Column,
  desc,
  eq,
  gte,
  ilike,
  lte,
  type SQL,
  type SQLWrapper,
  sql,
} from 'drizzle-orm'
import { isCalendarDate } from '../domain/shop-date.js'
import { ListErrors } from './list-query.errors.js'

/** 'number' fields are int4 columns (numbers, ids): a filter on them takes whole numbers only. */
export type FieldType = 'text' | 'number' | 'date' | 'boolean' | 'enum'

export interface ListField {
  /** The column or expression filtered and sorted on. */
  expr: AnyColumn | SQL
  type: FieldType
  filter?: boolean
  sort?: boolean
  /** For 'enum' fields: the accepted values (anything else is a 400, not a database error). */
  values?: readonly string[]
  /**
   * Whether the sorted value can be null. Defaults to the column's own nullability (true for expressions);
   * set it for a NOT NULL column reached through a LEFT JOIN, which is null when the join finds nothing.
   */
  nullable?: boolean
}

export interface ListParams {
  page: number
  pageSize: number
  /** Comma-separated field names, `-` for descending: `-dateIn,customerName`. */
  sort?: string | undefined
  q?: string | undefined
  /** Per-field filters, keyed by field name. */
  filters: Record<string, string | undefined>
}

export interface Page<T> {
  data: T[]
  total: number
  page: number
  pageSize: number
  pageCount: number
}

/**
 * Counts a list's matches: `count` runs the statement; a caller may answer from a total cached since the
 * last committed write instead (plugins/app/analytics.ts keeps that cache, cleared on every write on any
 * instance).
 */
export type CountMatches = (key: string, count: () => Promise<number>) => Promise<number>
export const countNow: CountMatches = (_key, count) => count()

/** The cache key of a list's total: what selects the rows (search and filters), not the page or the sort. */
export function totalKey(list: string, params: Pick<ListParams, 'q' | 'filters'>): string {
  const filters = Object.entries(params.filters)
    .filter(([, value]) => value !== undefined)
    .sort(([a], [b]) => (a < b ? -1 : 1))
  return JSON.stringify([list, params.q ?? '', filters])
}

export const MAX_PAGE_SIZE = 200

const INT4_MAX = 2_147_483_647
const WHOLE = /^\d{1,10}$/

function invalidFilter(field: string, value: string, expected: string) {
  return ListErrors.invalidFilter(`Filter ${field}="${value}" is not ${expected}`)
}

/**
 * `a-b`, `a-`, `-b` or `a` for numbers; `d1..d2`, `d1-d2`, `d1..` , `..d2` or `d` for dates. Each bound
 * is checked here (a whole number within int4, a real calendar date) so no value PostgreSQL would refuse
 * reaches it: that would be a 500 for what is the client's typo.
 */
function range(
  field: string,
  value: string,
  type: 'number' | 'date',
): [string | undefined, string | undefined] {
  const ok = (v: string | undefined) =>
    v === undefined || (type === 'date' ? isCalendarDate(v) : WHOLE.test(v) && Number(v) <= INT4_MAX)
  let parts: [string | undefined, string | undefined]
  if (type === 'date') {
    const m = /^(\d{4}-\d{2}-\d{2})?(?:\.\.|-)(\d{4}-\d{2}-\d{2})?$/.exec(value)
    parts = m ? [m[1], m[2]] : [value, value]
  } else {
    const m = /^(\d+)?-(\d+)?$/.exec(value)
    parts = m ? [m[1], m[2]] : [value, value]
  }
  if (!ok(parts[0]) || !ok(parts[1]) || (parts[0] === undefined && parts[1] === undefined)) {
    throw invalidFilter(
      field,
      value,
      type === 'date'
        ? 'a date or range of real calendar dates (2024-01-01..2024-03-31)'
        : 'a whole number or range (100-200)',
    )
  }
  return parts
}

/** Escapes LIKE wildcards so a user's % or _ is matched literally. */
export function containsPattern(text: string): string {
  return `%${text.replace(/[\\%_]/g, (c) => `\\${c}`)}%`
}

function filterCondition(name: string, field: ListField, value: string): SQL | undefined {
  const expr = field.expr as SQLWrapper
  switch (field.type) {
    case 'text':
      return ilike(expr as AnyColumn, containsPattern(value))
    case 'boolean':
      if (value !== 'true' && value !== 'false') throw invalidFilter(name, value, 'true or false')
      return eq(expr as AnyColumn, value === 'true')
    case 'enum':
      if (!field.values?.includes(value))
        throw invalidFilter(name, value, `one of ${field.values?.join(', ')}`)
      return eq(expr as AnyColumn, value)
    default: {
      const [from, to] = range(name, value, field.type)
      const cast = (v: string) => (field.type === 'number' ? Number(v) : v)
      if (from !== undefined && from === to) return eq(expr as AnyColumn, cast(from))
      return and(
        from !== undefined ? gte(expr as AnyColumn, cast(from)) : undefined,
        to !== undefined ? lte(expr as AnyColumn, cast(to)) : undefined,
      )
    }
  }
}

/**
 * One ORDER BY key. Nulls always sort last, in both directions; but PostgreSQL matches an index to an ORDER BY
 * by its NULLS clause even on a NOT NULL column (it does not use the constraint), so NOT NULL fields are
 * sorted with none: plain `col desc` is then what a backward scan of a plain `(col, id)` index yields.
 */
function sortKey(field: ListField, descending: boolean): SQL {
  const nullable = field.nullable ?? !(field.expr instanceof Column && field.expr.notNull)
  if (!nullable) return descending ? sql`${field.expr} desc` : sql`${field.expr} asc`
  return descending ? sql`${field.expr} desc nulls last` : sql`${field.expr} asc nulls last`
}

/**
 * Turns list parameters into WHERE and ORDER BY against a whitelist of fields. Unknown sort fields are a
 * 400 with a stable code, never SQL; a unique tiebreaker keeps pages stable. The tiebreaker runs in the
 * direction of the last sort key, so a sort and its reverse are one index read forwards or backwards
 * (`date_in desc, id asc` matched no index and sorted the whole table on every request).
 */
export function buildListQuery(fields: Record<string, ListField>, params: ListParams, tiebreaker: AnyColumn) {
  const conditions: SQL[] = []
  for (const [name, value] of Object.entries(params.filters)) {
    if (value === undefined || value === '') continue
    const field = fields[name]
    if (!field?.filter) throw ListErrors.invalidFilter(`Unknown filter "${name}"`)
    const condition = filterCondition(name, field, value.trim())
    if (condition) conditions.push(condition)
  }
  const orderBy: SQL[] = []
  let tiebreakDescending = false
  for (const raw of (params.sort ?? '')
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean)) {
    const descending = raw.startsWith('-')
    const name = descending ? raw.slice(1) : raw
    const field = fields[name]
    if (!field?.sort) {
      const allowed = Object.keys(fields).filter((k) => fields[k]?.sort)
      throw ListErrors.invalidSort(name, allowed)
    }
    orderBy.push(sortKey(field, descending))
    tiebreakDescending = descending
  }
  orderBy.push(tiebreakDescending ? desc(tiebreaker) : asc(tiebreaker))
  return {
    where: conditions,
    orderBy,
    limit: params.pageSize,
    offset: (params.page - 1) * params.pageSize,
  }
}

export function toPage<T>(data: T[], total: number, params: ListParams): Page<T> {
  return {
    data,
    total,
    page: params.page,
    pageSize: params.pageSize,
    pageCount: Math.ceil(total / params.pageSize),
  }
}

export { asc, desc }
