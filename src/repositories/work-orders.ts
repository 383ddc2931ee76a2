import { and, count, eq, getTableColumns, ilike, inArray, type SQL, sql } from 'drizzle-orm'
import type { Db } from '../db/index.js'
import type { WorkOrderFilter } from '../domain/list-fields.js'
import { NOT_BLANK_PATTERN, WEIGHT_PATTERN } from '../domain/square-feet.js'
import {
  customers,
  type NewWorkOrder,
  quoteStatus,
  sources,
  type WorkOrderStatus,
  workOrderItems,
  workOrderStatus,
  workOrderStatusHistory,
  workOrders,
} from '../models/index.js'
import { matchingCustomerIds } from './customers.js'
import {
  buildListQuery,
  type CountMatches,
  containsPattern,
  countNow,
  type ListField,
  type ListParams,
  toPage,
  totalKey,
} from './list-query.js'
import { insertedFlag, lastByKey, setExcluded, tally } from './upsert.js'

export const WORK_ORDER_FIELDS: Record<WorkOrderFilter, ListField> = {
  workOrderNo: { expr: workOrders.workOrderNo, type: 'number', filter: true, sort: true },
  name: { expr: workOrders.name, type: 'text', filter: true, sort: true },
  status: {
    expr: workOrders.status,
    type: 'enum',
    filter: true,
    sort: true,
    values: workOrderStatus.enumValues,
  },
  quoteStatus: {
    expr: workOrders.quoteStatus,
    type: 'enum',
    filter: true,
    sort: true,
    values: quoteStatus.enumValues,
  },
  dateIn: { expr: workOrders.dateIn, type: 'date', filter: true, sort: true },
  dateRequired: { expr: workOrders.dateRequired, type: 'date', filter: true, sort: true },
  dateCompleted: { expr: workOrders.dateCompleted, type: 'date', filter: true, sort: true },
  rush: { expr: workOrders.rush, type: 'boolean', filter: true, sort: true },
  firmRush: { expr: workOrders.firmRush, type: 'boolean', filter: true, sort: true },
  customerId: { expr: workOrders.customerId, type: 'number', filter: true },
  customerName: { expr: customers.name, type: 'text', filter: true, sort: true },
  sourceId: { expr: customers.sourceId, type: 'number', filter: true },
  // Through a LEFT JOIN: null for customers without a source, though the column is NOT NULL.
  sourceName: { expr: sources.name, type: 'text', filter: true, sort: true, nullable: true },
  rackLocation: { expr: workOrders.rackLocation, type: 'text', filter: true, sort: true },
  isCushion: { expr: workOrders.isCushion, type: 'boolean', filter: true },
  // Open = neither completed nor cancelled (the list pages' "open" tab and the dashboard's counts link here).
  open: {
    expr: sql`(${workOrders.status} not in ('completed', 'cancelled'))`,
    type: 'boolean',
    filter: true,
  },
}

/**
 * Item count, order total (Σ qty × unit price), square feet (Σ qty × sq ft) of one order, and how many of
 * its sizes gave no square feet (what `storedSizeWarning` warns about, in SQL).
 */
export function orderTotals(tx: Db) {
  return tx
    .select({
      itemCount: sql<number>`count(*)::int`.as('item_count'),
      total:
        sql<number>`coalesce(sum(${workOrderItems.quantity} * ${workOrderItems.unitPrice}), 0)::float8`.as(
          'total',
        ),
      squareFeet:
        sql<number>`coalesce(sum(${workOrderItems.quantity} * ${workOrderItems.squareFeet}), 0)::float8`.as(
          'square_feet',
        ),
      unparsedSizes:
        sql<number>`(count(*) filter (where ${workOrderItems.squareFeet} is null and ${workOrderItems.sizeText} ~ ${NOT_BLANK_PATTERN} and ${workOrderItems.sizeText} !~* ${WEIGHT_PATTERN}))::int`.as(
          'unparsed_sizes',
        ),
    })
    .from(workOrderItems)
    .where(eq(workOrderItems.workOrderId, workOrders.id))
    .as('totals')
}

const CUSTOMER_FIELDS_USED = ['customerName', 'sourceId', 'sourceName']

/** Whether a filter touches the customer or source (else the count skips the joins: a sort needs none). */
function filtersNeedCustomerJoin(params: Pick<ListParams, 'filters'>): boolean {
  return CUSTOMER_FIELDS_USED.some((f) => params.filters[f])
}

/** Whether filtering or sorting touches the customer or source (else the id query skips the joins). */
function needsCustomerJoin(params: ListParams): boolean {
  if (filtersNeedCustomerJoin(params)) return true
  return (params.sort ?? '').split(',').some((s) => CUSTOMER_FIELDS_USED.includes(s.replace(/^-/, '').trim()))
}

/**
 * The global search: the order's number or name, or a customer (name, contact, phones, e-mail, city,
 * source). The matching ids come from a UNION whose every branch uses its own index (the number, the
 * name's trigram index, the customers' search); an OR of these made PostgreSQL scan every order. A matching
 * customer's orders are fetched through a LATERAL join per customer, which keeps to the customer_id index
 * (OFFSET 0 stops the planner flattening it back into a join): as a plain IN, PostgreSQL hashed every order
 * instead (310 ms at 1M orders).
 */
function workOrderSearch(db: Db, q: string) {
  const number = /^\d+$/.test(q.trim()) ? Number(q.trim()) : undefined
  const ids = (where: SQL) => db.select({ id: workOrders.id }).from(workOrders).where(where)
  const byName = ids(ilike(sql`lower(${workOrders.name})`, containsPattern(q.toLowerCase())))
  const byCustomer = sql`SELECT o.id FROM (${matchingCustomerIds(db, q)}) c CROSS JOIN LATERAL (SELECT ${workOrders.id} AS id FROM ${workOrders} WHERE ${workOrders.customerId} = c.id OFFSET 0) o`
  const byNumber =
    number !== undefined && number <= 2_147_483_647
      ? sql` UNION ${ids(eq(workOrders.workOrderNo, number))}`
      : sql``
  return sql`${workOrders.id} IN (${byName} UNION ${byCustomer}${byNumber})`
}

/** A list's filters and search without its paging and sort: what an export takes. */
export type ExportParams = Omit<ListParams, 'page' | 'pageSize' | 'sort'>

/**
 * The list's WHERE for these filters and search, built eagerly so that a bad filter is a 400 before an
 * export sends its first byte. Refers to customers and sources: join them.
 */
export function workOrderConditions(db: Db, params: ExportParams): SQL[] {
  const q = buildListQuery(WORK_ORDER_FIELDS, { ...params, page: 1, pageSize: 1 }, workOrders.id)
  if (params.q) q.where.push(workOrderSearch(db, params.q))
  return q.where
}

export function createWorkOrdersRepository(db: Db) {
  // Built once and prepared by name: the page's rows are the same statement for every list request, so
  // neither Drizzle (building ~35 columns) nor PostgreSQL (parsing and planning) repeats that work.
  const pageRows = rowsWithTotals(db)
    .where(sql`${workOrders.id} = any(${sql.placeholder('ids')}::int[])`)
    .prepare('work_orders_page_rows')
  // The order screen, also answered after every create and edit: built once, prepared by name (Drizzle's
  // relational builder cost more CPU per create than any statement the create sends).
  const detail = db.query.workOrders
    .findFirst({
      where: eq(workOrders.workOrderNo, sql.placeholder('no')),
      with: {
        customer: { with: { source: true } },
        shipTo: true,
        items: { orderBy: (items, { asc }) => [asc(items.id)] },
        statusHistory: { orderBy: (h, { asc }) => [asc(h.changedAt), asc(h.id)] },
        // The linked repair order (at most one): its number and status on the order's screen.
        repairOrder: { columns: { repairOrderNo: true, status: true } },
      },
    })
    .prepare('work_orders_detail')
  return {
    /**
     * One page with customer, source and item totals, in three statements whatever the page size: the
     * page's ids (sorted and offset on indexes, joining customers only when a filter or sort needs them),
     * the rows with their item totals for just those ids, and the count. Computing totals before the
     * offset would aggregate every skipped row, which made deep pages slow.
     */
    async list(params: ListParams, countMatches: CountMatches = countNow) {
      const q = buildListQuery(WORK_ORDER_FIELDS, params, workOrders.id)
      if (params.q) q.where.push(workOrderSearch(db, params.q))
      const where = and(...q.where)
      const pageIds = db.select({ id: workOrders.id }).from(workOrders).$dynamic()
      const counted = db.select({ n: count() }).from(workOrders).$dynamic()
      // The count joins only for a filter: sorted by source, the board's counts joined every order of a status
      // to customers and sources for nothing (26 of its 75 ms at 100k orders). customer_id is NOT NULL with a
      // foreign key, so the inner join never changed the count.
      const joins = [
        ...(needsCustomerJoin(params) ? [pageIds] : []),
        ...(filtersNeedCustomerJoin(params) ? [counted] : []),
      ]
      for (const query of joins)
        query
          .innerJoin(customers, eq(customers.id, workOrders.customerId))
          .leftJoin(sources, eq(sources.id, customers.sourceId))
      const [ids, total] = await Promise.all([
        pageIds
          .where(where)
          .orderBy(...q.orderBy)
          .limit(q.limit)
          .offset(q.offset),
        countMatches(totalKey('work-orders', params), async () => (await counted.where(where))[0]?.n ?? 0),
      ])
      if (ids.length === 0) return toPage([], total, params)
      const rows = await pageRows.execute({ ids: ids.map((r) => r.id) })
      const byId = new Map(rows.map((row) => [row.id, row]))
      const page = ids.flatMap((r) => byId.get(r.id) ?? [])
      return toPage(page, total, params)
    },

    /**
     * The in-progress board: the first `perColumn` orders of each status, sorted as a list sorts, with each
     * status's count, in two statements whatever the number of columns: the ids ranked per status by a window
     * over the matching orders, then the rows with their totals. Four list() calls evaluated the search (a
     * UNION over three indexes) and the customer join once per column, and counted each column apart.
     */
    async columns(params: {
      statuses: readonly WorkOrderStatus[]
      perColumn: number
      sort?: string | undefined
      q?: string | undefined
    }) {
      const listed: ListParams = { page: 1, pageSize: params.perColumn, sort: params.sort, filters: {} }
      const q = buildListQuery(WORK_ORDER_FIELDS, listed, workOrders.id)
      const ranked = db
        .select({
          id: workOrders.id,
          status: workOrders.status,
          rank: sql<number>`row_number() over (partition by ${workOrders.status} order by ${sql.join(q.orderBy, sql`, `)})`.as(
            'rank',
          ),
          total: sql<number>`(count(*) over (partition by ${workOrders.status}))::int`.as('total'),
        })
        .from(workOrders)
        .$dynamic()
      if (needsCustomerJoin(listed))
        ranked
          .innerJoin(customers, eq(customers.id, workOrders.customerId))
          .leftJoin(sources, eq(sources.id, customers.sourceId))
      const conditions = [inArray(workOrders.status, [...params.statuses])]
      if (params.q) conditions.push(workOrderSearch(db, params.q))
      const top = ranked.where(and(...conditions)).as('ranked')
      const ids = await db
        .select({ id: top.id, status: top.status, total: top.total })
        .from(top)
        .where(sql`${top.rank} <= ${params.perColumn}`)
        .orderBy(top.status, top.rank)
      const rows = ids.length ? await pageRows.execute({ ids: ids.map((r) => r.id) }) : []
      const byId = new Map(rows.map((row) => [row.id, row]))
      return params.statuses.map((status) => {
        const mine = ids.filter((r) => r.status === status)
        const page = mine.flatMap((r) => byId.get(r.id) ?? [])
        return toPage(page, mine[0]?.total ?? 0, listed)
      })
    },

    /**
     * The list's total alone (the dashboard's numbers): the same statement and cache key as list()'s count,
     * so a count the list already made is answered from the cache, and the other way round.
     */
    async count(params: ExportParams, countMatches: CountMatches = countNow) {
      const listed = { ...params, page: 1, pageSize: 1 }
      const where = and(...workOrderConditions(db, params))
      const counted = db.select({ n: count() }).from(workOrders).$dynamic()
      if (filtersNeedCustomerJoin(listed))
        counted
          .innerJoin(customers, eq(customers.id, workOrders.customerId))
          .leftJoin(sources, eq(sources.id, customers.sourceId))
      return countMatches(
        totalKey('work-orders', listed),
        async () => (await counted.where(where))[0]?.n ?? 0,
      )
    },

    /** The order with customer (and source), ship-to, items and status history: one statement. */
    async detailByNumber(workOrderNo: number) {
      return detail.execute({ no: workOrderNo })
    },

    async byId(id: number, tx: Db = db) {
      const [row] = await tx
        .select({ id: workOrders.id, workOrderNo: workOrders.workOrderNo })
        .from(workOrders)
        .where(eq(workOrders.id, id))
      return row
    },

    async getByNumber(workOrderNo: number, tx: Db = db) {
      const [row] = await tx.select().from(workOrders).where(eq(workOrders.workOrderNo, workOrderNo))
      return row
    },

    /** Locks the order's row for the rest of the transaction (status changes and item edits serialize). */
    async lockByNumber(workOrderNo: number, tx: Db) {
      const [row] = await tx
        .select()
        .from(workOrders)
        .where(eq(workOrders.workOrderNo, workOrderNo))
        .for('update')
      return row
    },

    async create(values: NewWorkOrder, tx: Db = db) {
      const [row] = await tx.insert(workOrders).values(values).returning()
      if (!row) throw new Error('work order insert returned nothing')
      return row
    },

    async update(id: number, values: Partial<NewWorkOrder>, tx: Db = db) {
      const [row] = await tx
        .update(workOrders)
        .set({ ...values, updatedAt: sql`now()` })
        .where(eq(workOrders.id, id))
        .returning()
      return row
    },

    async recordStatus(
      entry: {
        workOrderId: number
        from: WorkOrderStatus | null
        to: WorkOrderStatus
        changedBy: number | null
        note?: string | null
      },
      tx: Db,
    ) {
      await tx.insert(workOrderStatusHistory).values({
        workOrderId: entry.workOrderId,
        fromStatus: entry.from,
        toStatus: entry.to,
        changedBy: entry.changedBy,
        note: entry.note ?? null,
      })
    },

    /** The legacy import: orders by their legacy number; a new one gets its first history row. */
    async upsertByNumber(rows: (NewWorkOrder & { workOrderNo: number })[], tx: Db) {
      const values = lastByKey(rows, (r) => r.workOrderNo)
      if (values.length === 0) return { inserted: 0, updated: 0 }
      const result = await tx
        .insert(workOrders)
        .values(values)
        .onConflictDoUpdate({ target: workOrders.workOrderNo, set: setExcluded(values[0], 'workOrderNo') })
        .returning({ id: workOrders.id, status: workOrders.status, inserted: insertedFlag })
      const fresh = result.filter((r) => r.inserted)
      if (fresh.length) {
        await tx
          .insert(workOrderStatusHistory)
          .values(
            fresh.map((r) => ({ workOrderId: r.id, fromStatus: null, toStatus: r.status, note: 'imported' })),
          )
      }
      return tally(result)
    },

    async byNumbers(workOrderNos: number[], tx: Db = db) {
      return tx
        .select({ id: workOrders.id, no: workOrders.workOrderNo, customerId: workOrders.customerId })
        .from(workOrders)
        .where(inArray(workOrders.workOrderNo, workOrderNos))
    },

    async remove(id: number, tx: Db = db) {
      const [row] = await tx.delete(workOrders).where(eq(workOrders.id, id)).returning({ id: workOrders.id })
      return row
    },
  }
}

export type WorkOrdersRepository = ReturnType<typeof createWorkOrdersRepository>

/** Work orders with customer, source and item totals: what list rows and the export show. */
function rowsWithTotals(db: Db) {
  const totals = orderTotals(db)
  return db
    .select({
      ...rowFields(totals),
      unparsedSizes: totals.unparsedSizes,
    })
    .from(workOrders)
    .innerJoin(customers, eq(customers.id, workOrders.customerId))
    .leftJoin(sources, eq(sources.id, customers.sourceId))
    .leftJoinLateral(totals, sql`true`)
    .$dynamic()
}

export function rowFields(totals: ReturnType<typeof orderTotals>) {
  return {
    ...getTableColumns(workOrders),
    customerName: customers.name,
    customerNo: customers.customerNo,
    sourceName: sources.name,
    itemCount: totals.itemCount,
    total: totals.total,
    squareFeet: totals.squareFeet,
  }
}
