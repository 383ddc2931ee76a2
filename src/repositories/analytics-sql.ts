// SQL building blocks shared by the analytics queries (src/repositories/analytics.ts).
// Aliases used throughout: w = work_orders, c = customers, it = work_order_items, t = one order's totals.
import { createHash } from 'node:crypto'
import { type SQL, sql } from 'drizzle-orm'
import { PgDialect } from 'drizzle-orm/pg-core'
import type { Db } from '../db/index.js'

/** Date-in range and the customer's source; every field optional. */
export interface AnalyticsFilter {
  /** YYYY-MM-DD, inclusive, on date in. */
  from?: string
  /** YYYY-MM-DD, inclusive, on date in. */
  to?: string
  /** Only orders of customers of this source. */
  sourceId?: number
}

/**
 * The product type of an item, from its description and material: `sail` when the text mentions
 * sail / jib / genoa / spinnaker / main, `cushion` when it mentions cushion, else `awning` (covers,
 * biminis, curtains, tents… count as awning). The one definition every query uses.
 */
export function productType(
  description: SQL | unknown,
  material: SQL | unknown,
): SQL<'awning' | 'sail' | 'cushion'> {
  const text = sql`lower(${description} || ' ' || coalesce(${material}, ''))`
  return sql<'awning' | 'sail' | 'cushion'>`(CASE
    WHEN ${text} ~ '(sail|jib|genoa|spinnaker|main)' THEN 'sail'
    WHEN ${text} ~ 'cushion' THEN 'cushion'
    ELSE 'awning' END)`
}

/** The product type of the item aliased `it`. */
export const itemProduct = productType(sql.raw('it.description'), sql.raw('it.material'))

/** Revenue of the item aliased `it`: quantity × unit price, an unpriced item counting 0. */
export const itemRevenue = sql`(it.quantity * coalesce(it.unit_price, 0))`

/**
 * `CROSS JOIN LATERAL` one order's totals as `t(revenue, sqft)`: Σ quantity × unit price and
 * Σ quantity × square feet of the items of the order aliased `w` (0 when it has none). Aggregating per
 * order before anything else is what keeps a mixed order from being counted once per item.
 */
export const orderTotalsJoin = sql`CROSS JOIN LATERAL (
  SELECT coalesce(sum(${itemRevenue}), 0) AS revenue,
         coalesce(sum(it.quantity * it.square_feet), 0) AS sqft
  FROM work_order_items it WHERE it.work_order_id = w.id) t`

/** Conditions on the order aliased `w`: not cancelled, plus the filter. Joined with AND. */
export function orderWhere(f: AnalyticsFilter = {}, extra: SQL[] = []): SQL {
  const parts: SQL[] = [sql`w.status <> 'cancelled'`, ...extra]
  if (f.from !== undefined) parts.push(sql`w.date_in >= ${day(f.from, 'from')}::date`)
  if (f.to !== undefined) parts.push(sql`w.date_in <= ${day(f.to, 'to')}::date`)
  if (f.sourceId !== undefined)
    parts.push(
      sql`w.customer_id IN (SELECT id FROM customers WHERE source_id = ${int(f.sourceId, 'sourceId', 1)})`,
    )
  return sql.join(parts, sql` AND `)
}

/** A validated 'YYYY-MM-DD' as a date parameter, or the database's current date when absent. */
export function todaySql(today: string | undefined): SQL {
  return today === undefined ? sql`current_date` : sql`${day(today, 'today')}::date`
}

/** Rounds a numeric expression to `digits` decimals and hands it to JS as a number (null stays null). */
export function rounded(expr: SQL, digits: number): SQL {
  return sql`round((${expr})::numeric, ${sql.raw(String(digits))})::float8`
}

/** Runs one statement and returns its rows (both drivers answer `{ rows }`). */
export async function query<T>(db: Db, statement: SQL): Promise<T[]> {
  const result = await db.execute(statement)
  return (result as unknown as { rows: T[] }).rows
}

const dialect = new PgDialect()

/**
 * A hot statement as a named prepared statement, so each connection plans it once and then reuses the
 * plan: for the prediction context that was most of its cost (pgbench: 1.3 ms a call unprepared, 0.26 ms
 * prepared). The name is derived from the text, since a connection refuses one name for two texts.
 * Needs connections that keep their prepared statements: direct ones, as on RDS without a proxy (a pooler
 * in transaction mode would not).
 */
export async function queryPrepared<T>(db: Db, statement: SQL): Promise<T[]> {
  const q = dialect.sqlToQuery(statement)
  const name = `q_${createHash('sha1').update(q.sql).digest('hex').slice(0, 16)}`
  const result = await db._.session.prepareQuery(q, undefined, name, false).execute()
  return (result as unknown as { rows: T[] }).rows
}

const DAY_RE = /^\d{4}-\d{2}-\d{2}$/

/** Checks a 'YYYY-MM-DD' string (a bad one would be a SQL error, i.e. a 500). */
export function day(value: string, name: string): string {
  if (!DAY_RE.test(value) || Number.isNaN(Date.parse(`${value}T00:00:00Z`)))
    throw new RangeError(`${name} must be a date as YYYY-MM-DD, got ${JSON.stringify(value)}`)
  return value
}

/** Checks an integer parameter within bounds. */
export function int(value: number, name: string, min: number, max = 100_000): number {
  if (!Number.isInteger(value) || value < min || value > max)
    throw new RangeError(`${name} must be an integer from ${min} to ${max}, got ${value}`)
  return value
}
