import { and, count, eq, getTableColumns, ilike, inArray, isNotNull, type SQL, sql } from 'drizzle-orm'
import type { Db } from '../db/index.js'
import type { RepairOrderFilter } from '../domain/list-fields.js'
import {
  customers,
  type NewRepairOrder,
  quoteStatus,
  type RepairOrderStatus,
  repairOrderItems,
  repairOrderStatus,
  repairOrderStatusHistory,
  repairOrders,
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
import type { ExportParams } from './work-orders.js'

const OPEN = sql`(${repairOrders.status} not in ('completed', 'cancelled'))`

export const REPAIR_ORDER_FIELDS: Record<RepairOrderFilter, ListField> = {
  repairOrderNo: { expr: repairOrders.repairOrderNo, type: 'number', filter: true, sort: true },
  name: { expr: repairOrders.name, type: 'text', filter: true, sort: true },
  status: {
    expr: repairOrders.status,
    type: 'enum',
    filter: true,
    sort: true,
    values: repairOrderStatus.enumValues,
  },
  quoteStatus: {
    expr: repairOrders.quoteStatus,
    type: 'enum',
    filter: true,
    sort: true,
    values: quoteStatus.enumValues,
  },
  dateIn: { expr: repairOrders.dateIn, type: 'date', filter: true, sort: true },
  dateRequired: { expr: repairOrders.dateRequired, type: 'date', filter: true, sort: true },
  dateToSub: { expr: repairOrders.dateToSub, type: 'date', filter: true, sort: true },
  dateCompleted: { expr: repairOrders.dateCompleted, type: 'date', filter: true, sort: true },
  rush: { expr: repairOrders.rush, type: 'boolean', filter: true, sort: true },
  firmRush: { expr: repairOrders.firmRush, type: 'boolean', filter: true, sort: true },
  customerId: { expr: repairOrders.customerId, type: 'number', filter: true },
  customerName: { expr: customers.name, type: 'text', filter: true, sort: true },
  // Through a LEFT JOIN: null for a repair order with no work order.
  workOrderNo: { expr: workOrders.workOrderNo, type: 'number', filter: true, sort: true, nullable: true },
  itemType: { expr: repairOrders.itemType, type: 'text', filter: true, sort: true },
  repairType: { expr: repairOrders.repairType, type: 'text', filter: true, sort: true },
  repairsDoneBy: { expr: repairOrders.repairsDoneBy, type: 'text', filter: true, sort: true },
  open: { expr: OPEN, type: 'boolean', filter: true },
}

/** Item count and Σ quantity × unit price of one repair order. */
function itemTotals(tx: Db) {
  return tx
    .select({
      itemCount: sql<number>`count(*)::int`.as('item_count'),
      itemsTotal:
        sql<number>`coalesce(sum(${repairOrderItems.quantity} * ${repairOrderItems.unitPrice}), 0)::float8`.as(
          'items_total',
        ),
    })
    .from(repairOrderItems)
    .where(eq(repairOrderItems.repairOrderId, repairOrders.id))
    .as('totals')
}

/** The search: the repair order's number or name, or its customer (the customers' own search). */
function repairOrderSearch(db: Db, q: string) {
  const number = /^\d+$/.test(q.trim()) ? Number(q.trim()) : undefined
  const ids = (where: SQL) => db.select({ id: repairOrders.id }).from(repairOrders).where(where)
  const byName = ids(ilike(sql`lower(${repairOrders.name})`, containsPattern(q.toLowerCase())))
  const byCustomer = sql`SELECT o.id FROM (${matchingCustomerIds(db, q)}) c CROSS JOIN LATERAL (SELECT ${repairOrders.id} AS id FROM ${repairOrders} WHERE ${repairOrders.customerId} = c.id OFFSET 0) o`
  const byNumber =
    number !== undefined && number <= 2_147_483_647
      ? sql` UNION ${ids(eq(repairOrders.repairOrderNo, number))}`
      : sql``
  return sql`${repairOrders.id} IN (${byName} UNION ${byCustomer}${byNumber})`
}

/** The list's WHERE for these filters and search (customers and work orders joined). */
export function repairOrderConditions(db: Db, params: ExportParams): SQL[] {
  const q = buildListQuery(REPAIR_ORDER_FIELDS, { ...params, page: 1, pageSize: 1 }, repairOrders.id)
  if (params.q) q.where.push(repairOrderSearch(db, params.q))
  return q.where
}

/** A list row: the repair order, its customer, its work order's number and its items' totals. */
export function repairOrderRows(db: Db) {
  const totals = itemTotals(db)
  return db
    .select({
      ...getTableColumns(repairOrders),
      customerName: customers.name,
      customerNo: customers.customerNo,
      workOrderNo: workOrders.workOrderNo,
      itemCount: totals.itemCount,
      itemsTotal: totals.itemsTotal,
    })
    .from(repairOrders)
    .innerJoin(customers, eq(customers.id, repairOrders.customerId))
    .leftJoin(workOrders, eq(workOrders.id, repairOrders.workOrderId))
    .leftJoinLateral(totals, sql`true`)
    .$dynamic()
}

export function createRepairOrdersRepository(db: Db) {
  const detail = db.query.repairOrders
    .findFirst({
      where: eq(repairOrders.repairOrderNo, sql.placeholder('no')),
      with: {
        customer: { with: { source: true } },
        workOrder: { columns: { id: true, workOrderNo: true, status: true, name: true } },
        items: { orderBy: (items, { asc }) => [asc(items.id)] },
        statusHistory: { orderBy: (h, { asc }) => [asc(h.changedAt), asc(h.id)] },
      },
    })
    .prepare('repair_orders_detail')
  return {
    /** One page: the ids (filtered, sorted, offset), then those rows with their totals, and the count. */
    async list(params: ListParams, countMatches: CountMatches = countNow) {
      const q = buildListQuery(REPAIR_ORDER_FIELDS, params, repairOrders.id)
      if (params.q) q.where.push(repairOrderSearch(db, params.q))
      const where = and(...q.where)
      const pageIds = db
        .select({ id: repairOrders.id })
        .from(repairOrders)
        .innerJoin(customers, eq(customers.id, repairOrders.customerId))
        .leftJoin(workOrders, eq(workOrders.id, repairOrders.workOrderId))
      const counted = db
        .select({ n: count() })
        .from(repairOrders)
        .innerJoin(customers, eq(customers.id, repairOrders.customerId))
        .leftJoin(workOrders, eq(workOrders.id, repairOrders.workOrderId))
      const [ids, total] = await Promise.all([
        pageIds
          .where(where)
          .orderBy(...q.orderBy)
          .limit(q.limit)
          .offset(q.offset),
        countMatches(totalKey('repair-orders', params), async () => (await counted.where(where))[0]?.n ?? 0),
      ])
      if (ids.length === 0) return toPage([], total, params)
      const rows = await repairOrderRows(db).where(
        inArray(
          repairOrders.id,
          ids.map((r) => r.id),
        ),
      )
      const byId = new Map(rows.map((row) => [row.id, row]))
      return toPage(
        ids.flatMap((r) => byId.get(r.id) ?? []),
        total,
        params,
      )
    },

    /** The repair order with customer (and source), its work order, items and status history: one statement. */
    async detailByNumber(repairOrderNo: number) {
      return detail.execute({ no: repairOrderNo })
    },

    async lockByNumber(repairOrderNo: number, tx: Db) {
      const [row] = await tx
        .select()
        .from(repairOrders)
        .where(eq(repairOrders.repairOrderNo, repairOrderNo))
        .for('update')
      return row
    },

    /** The repair order linked to a work order (at most one), locked when `tx` is a transaction. */
    async linkedTo(workOrderId: number, tx: Db = db) {
      const [row] = await tx
        .select({
          id: repairOrders.id,
          repairOrderNo: repairOrders.repairOrderNo,
          status: repairOrders.status,
        })
        .from(repairOrders)
        .where(eq(repairOrders.workOrderId, workOrderId))
      return row
    },

    async create(values: NewRepairOrder, tx: Db = db) {
      const [row] = await tx.insert(repairOrders).values(values).returning()
      if (!row) throw new Error('repair order insert returned nothing')
      return row
    },

    async update(id: number, values: Partial<NewRepairOrder>, tx: Db = db) {
      const [row] = await tx
        .update(repairOrders)
        .set({ ...values, updatedAt: sql`now()` })
        .where(eq(repairOrders.id, id))
        .returning()
      return row
    },

    async recordStatus(
      entry: {
        repairOrderId: number
        from: RepairOrderStatus | null
        to: RepairOrderStatus
        changedBy: number | null
        note?: string | null
      },
      tx: Db,
    ) {
      await tx.insert(repairOrderStatusHistory).values({
        repairOrderId: entry.repairOrderId,
        fromStatus: entry.from,
        toStatus: entry.to,
        changedBy: entry.changedBy,
        note: entry.note ?? null,
      })
    },

    async remove(id: number, tx: Db = db) {
      const [row] = await tx
        .delete(repairOrders)
        .where(eq(repairOrders.id, id))
        .returning({ id: repairOrders.id })
      return row
    },

    /** The legacy import: repair orders by their legacy number; a new one gets its first history row. */
    async upsertByNumber(rows: (NewRepairOrder & { repairOrderNo: number })[], tx: Db) {
      const values = lastByKey(rows, (r) => r.repairOrderNo)
      if (values.length === 0) return { inserted: 0, updated: 0 }
      const result = await tx
        .insert(repairOrders)
        .values(values)
        .onConflictDoUpdate({
          target: repairOrders.repairOrderNo,
          set: setExcluded(values[0], 'repairOrderNo'),
        })
        .returning({ id: repairOrders.id, status: repairOrders.status, inserted: insertedFlag })
      const fresh = result.filter((r) => r.inserted)
      if (fresh.length)
        await tx.insert(repairOrderStatusHistory).values(
          fresh.map((r) => ({
            repairOrderId: r.id,
            fromStatus: null,
            toStatus: r.status,
            note: 'imported',
          })),
        )
      return tally(result)
    },

    /** The import: which repair order (by number) holds each of these work orders' links. */
    async linksOf(workOrderIds: number[], tx: Db) {
      if (workOrderIds.length === 0) return new Map<number, number>()
      const rows = await tx
        .select({ workOrderId: repairOrders.workOrderId, no: repairOrders.repairOrderNo })
        .from(repairOrders)
        .where(and(isNotNull(repairOrders.workOrderId), inArray(repairOrders.workOrderId, workOrderIds)))
      return new Map(rows.map((r) => [r.workOrderId as number, r.no]))
    },

    async byNumbers(repairOrderNos: number[], tx: Db = db) {
      return tx
        .select({ id: repairOrders.id, no: repairOrders.repairOrderNo, customerId: repairOrders.customerId })
        .from(repairOrders)
        .where(inArray(repairOrders.repairOrderNo, repairOrderNos))
    },
  }
}

export type RepairOrdersRepository = ReturnType<typeof createRepairOrdersRepository>
