import { type SQL, sql } from 'drizzle-orm'
import type { Db } from '../db/index.js'
import { latestPrices, type PastItem } from '../ml/catalog-history.js'
import type { History, ItemFacts, OrderContext } from '../ml/features.js'
import { sourceType } from '../ml/pieces.js'
import type { OrderRecord } from '../ml/train.js'
import type { StorageTime } from '../models/index.js'
import { query, queryPrepared } from './analytics-sql.js'

interface RecordRow extends Record<string, unknown> {
  id: number
  customer_id: number
  source_id: number | null
  source_name: string | null
  status: string
  date_in: string
  date_required: string | null
  date_completed: string | null
  rush: boolean
  firm_rush: boolean
  repairs_needed: boolean
  is_cushion: boolean
  storage_time: StorageTime | null
  special_instructions: string | null
  items: (ItemFacts & { unitPrice: number | null })[]
}

function toRecord(r: RecordRow): OrderRecord {
  const priced = r.items.length > 0 && r.items.every((i) => i.unitPrice !== null)
  return {
    id: r.id,
    customerId: r.customer_id,
    sourceId: r.source_id,
    sourceName: r.source_name,
    status: r.status,
    dateCompleted: r.date_completed,
    unitPrices: r.items.map((i) => i.unitPrice),
    price: priced
      ? Math.round(r.items.reduce((s, i) => s + i.quantity * (i.unitPrice as number), 0) * 100) / 100
      : null,
    facts: {
      dateIn: r.date_in,
      dateRequired: r.date_required,
      rush: r.rush,
      firmRush: r.firm_rush,
      repairsNeeded: r.repairs_needed,
      isCushion: r.is_cushion,
      storageTime: r.storage_time,
      specialInstructions: r.special_instructions,
      items: r.items.map(({ unitPrice: _price, ...item }) => item),
    },
  }
}

/** A history as sums, so that one order's share can be taken out of it. */
export interface HistoryTotals {
  past: number
  total: number | null
  done: number
}

/** The shop's backlog and each source's record as of one day. */
export interface ShopRecord {
  backlog: number
  sources: Map<number, HistoryTotals>
}

export function toHistory(t: HistoryTotals): History {
  return { pastOrders: t.past, meanTurnaround: t.done > 0 ? (t.total as number) / t.done : null }
}

/** Orders in the shop on a day: in before it, not completed before it, not cancelled. */
function backlogSql(asOf: string, exclude: number): SQL {
  return sql`SELECT count(*)::int AS n FROM work_orders w
              WHERE w.status <> 'cancelled' AND w.id <> ${exclude} AND w.date_in < ${asOf}::date
                AND (w.date_completed IS NULL OR w.date_completed >= ${asOf}::date)`
}

/** A record's figures as of a day: orders in before it, and the turnaround of those completed before it. */
const historyColumns = (asOf: string) => sql`
    count(*) FILTER (WHERE w.date_in < ${asOf}::date)::int AS past,
    (sum(w.date_completed - w.date_in) FILTER (WHERE w.date_completed < ${asOf}::date))::float8 AS total,
    count(*) FILTER (WHERE w.date_completed < ${asOf}::date)::int AS done`

function historySql(scope: SQL, asOf: string, exclude: number): SQL {
  return sql`
    SELECT ${historyColumns(asOf)}
      FROM work_orders w JOIN customers c ON c.id = w.customer_id
     WHERE ${scope} AND w.id <> ${exclude}`
}

const RECORDS = sql`
  SELECT w.id, w.customer_id, c.source_id, s.name AS source_name, w.status::text AS status,
         w.date_in::text AS date_in, w.date_required::text AS date_required,
         w.date_completed::text AS date_completed,
         w.rush, w.firm_rush, w.repairs_needed, w.is_cushion, w.storage_time::text AS storage_time,
         w.special_instructions,
         COALESCE(json_agg(json_build_object(
           'description', i.description, 'material', i.material, 'quantity', i.quantity,
           'squareFeet', i.square_feet::float8, 'sizeText', i.size_text, 'unitPrice', i.unit_price::float8,
           'condition', i.condition, 'color', i.color
         ) ORDER BY i.id) FILTER (WHERE i.id IS NOT NULL), '[]'::json) AS items
    FROM work_orders w
    JOIN customers c ON c.id = w.customer_id
    LEFT JOIN sources s ON s.id = c.source_id
    LEFT JOIN work_order_items i ON i.work_order_id = w.id`

/**
 * The customer's priced items from orders that came in before the day (the order itself left out), for the
 * catalog price lookup (matched in code with the training path's key: src/ml/catalog-history.ts). One
 * index range over the customer's orders; matching the keys in SQL cost ~16 ms for a large customer.
 */
function pastItemsSql(customerId: number, asOf: string, exclude: number) {
  return sql`(SELECT json_agg(json_build_object(
              'description', i.description, 'material', i.material, 'color', i.color, 'sizeText', i.size_text,
              'unitPrice', i.unit_price::float8, 'orderId', w.id, 'dateIn', w.date_in::text,
              'rush', w.rush, 'firmRush', w.firm_rush) ORDER BY w.id, i.id)
         FROM work_orders w JOIN work_order_items i ON i.work_order_id = w.id
        WHERE w.customer_id = ${customerId} AND w.date_in < ${asOf}::date AND w.id <> ${exclude}
          AND i.unit_price > 0)`
}

/** What the models learn from and are asked about, read straight from the shop's tables. */
export function createMlDataRepository(db: Db) {
  return {
    /** Every work order with its items and its customer's source: the training set. */
    async records(): Promise<OrderRecord[]> {
      const rows = await query<RecordRow>(
        db,
        sql`${RECORDS} GROUP BY w.id, c.source_id, s.name ORDER BY w.id`,
      )
      return rows.map(toRecord)
    },

    /** The open work orders (not completed, not cancelled): what the nightly snapshot predicts. */
    async openRecords(): Promise<OrderRecord[]> {
      const rows = await query<RecordRow>(
        db,
        sql`${RECORDS} WHERE w.status NOT IN ('completed', 'cancelled') GROUP BY w.id, c.source_id, s.name ORDER BY w.id`,
      )
      return rows.map(toRecord)
    },

    /** One work order as a record (for predicting it), or undefined. */
    async record(workOrderNo: number): Promise<OrderRecord | undefined> {
      const [row] = await query<RecordRow>(
        db,
        sql`${RECORDS} WHERE w.work_order_no = ${workOrderNo} GROUP BY w.id, c.source_id, s.name`,
      )
      return row ? toRecord(row) : undefined
    },

    /** The customer's source: undefined when there is no such customer, null when they came directly. */
    async customerSource(customerId: number): Promise<number | null | undefined> {
      const [row] = await query<{ source_id: number | null }>(
        db,
        sql`SELECT source_id FROM customers WHERE id = ${customerId}`,
      )
      return row === undefined ? undefined : row.source_id
    },

    /**
     * The context of an order as of `asOf`, in one statement; `excludeId` leaves the order itself out.
     * Same definitions as src/ml/history.ts (history: orders in before the day, turnaround of those
     * completed before it; backlog: in before the day, not completed before it, not cancelled).
     * `sourceTotals` and `backlog`, when the caller has them (cached: each spans thousands of orders),
     * replace their parts of the statement.
     */
    async context(p: {
      customerId: number | null
      sourceId: number | null
      asOf: string
      excludeId?: number | undefined
      sourceTotals?: HistoryTotals | undefined
      /** The shop's backlog as of the day with the order itself already left out (the service caches it). */
      backlog?: number | undefined
      /** The order's items: their catalog prices before the day (the item-level price model). */
      items?: readonly ItemFacts[] | undefined
    }): Promise<OrderContext> {
      const exclude = p.excludeId ?? -1
      const so = p.sourceTotals
        ? sql`(SELECT ${p.sourceTotals.past}::int AS past, ${p.sourceTotals.total}::float8 AS total, ${p.sourceTotals.done}::int AS done)`
        : sql`(${historySql(sql`c.source_id = ${p.sourceId ?? -1}`, p.asOf, exclude)})`
      const [r] = await queryPrepared<{
        c_past: number
        c_total: number | null
        c_done: number
        s_past: number
        s_total: number | null
        s_done: number
        backlog: number
        source_name: string | null
        past_items: PastItem[] | null
      }>(
        db,
        sql`
        SELECT cu.past AS c_past, cu.total AS c_total, cu.done AS c_done,
               so.past AS s_past, so.total AS s_total, so.done AS s_done,
               ${p.backlog === undefined ? sql`(${backlogSql(p.asOf, exclude)})` : sql`${p.backlog}::int`} AS backlog,
               (SELECT name FROM sources WHERE id = ${p.sourceId ?? -1}) AS source_name,
               ${p.items?.length && p.customerId !== null ? pastItemsSql(p.customerId, p.asOf, exclude) : sql`NULL::json`} AS past_items
          FROM (${historySql(sql`w.customer_id = ${p.customerId ?? -1}`, p.asOf, exclude)}) cu, ${so} so`,
      )
      if (!r) throw new Error('context query returned no row')
      return {
        customer: toHistory({ past: r.c_past, total: r.c_total, done: r.c_done }),
        source: p.sourceId === null ? null : toHistory({ past: r.s_past, total: r.s_total, done: r.s_done }),
        backlog: r.backlog,
        pricing: {
          sourceType: r.source_name === null ? null : sourceType(r.source_name),
          previous:
            p.customerId === null
              ? (p.items ?? []).map(() => null)
              : latestPrices(p.customerId, p.items ?? [], r.past_items ?? []),
        },
      }
    },

    /**
     * The shop as of a day, over every order (nothing left out): its backlog and every source's record,
     * in one pass over the orders (about as costly as one large source's record alone).
     */
    async shopRecord(asOf: string): Promise<ShopRecord> {
      const [rows, [backlog]] = await Promise.all([
        query<HistoryTotals & { source_id: number }>(
          db,
          sql`SELECT c.source_id, ${historyColumns(asOf)}
                FROM work_orders w JOIN customers c ON c.id = w.customer_id
               WHERE c.source_id IS NOT NULL GROUP BY c.source_id`,
        ),
        query<{ n: number }>(db, backlogSql(asOf, -1)),
      ])
      return {
        backlog: backlog?.n ?? 0,
        sources: new Map(rows.map(({ source_id, ...t }) => [source_id, t])),
      }
    },
  }
}
