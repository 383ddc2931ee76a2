import { and, count, eq, getTableColumns, type SQL, sql } from 'drizzle-orm'
import type { Db } from '../db/index.js'
import type { CheckInFilter } from '../domain/list-fields.js'
import {
  checkInItems,
  checkInState,
  checkIns,
  customers,
  type NewCheckIn,
  type NewCheckInItem,
  repairOrders,
  workOrderFiles,
  workOrders,
} from '../models/index.js'
import { matchingCustomerIds } from './customers.js'
import {
  buildListQuery,
  type CountMatches,
  countNow,
  type ListField,
  type ListParams,
  toPage,
  totalKey,
} from './list-query.js'

export const CHECK_IN_FIELDS: Record<CheckInFilter | 'id', ListField> = {
  id: { expr: checkIns.id, type: 'number', sort: true },
  state: { expr: checkIns.state, type: 'enum', filter: true, sort: true, values: checkInState.enumValues },
  customerId: { expr: checkIns.customerId, type: 'number', filter: true },
  customerName: { expr: customers.name, type: 'text', filter: true, sort: true },
  dateIn: { expr: checkIns.dateIn, type: 'date', filter: true, sort: true },
  dateRequired: { expr: checkIns.dateRequired, type: 'date', filter: true, sort: true },
  rush: { expr: checkIns.rush, type: 'boolean', filter: true, sort: true },
  firmRush: { expr: checkIns.firmRush, type: 'boolean', filter: true, sort: true },
}

/** Pending first (the enum's order), oldest first: the counter works through what has waited longest. */
export const DEFAULT_CHECK_IN_SORT = 'state,dateIn'

const itemCount = sql<number>`(select count(*)::int from ${checkInItems} where ${checkInItems.checkInId} = ${checkIns.id})`

/** The search: the check-in's number, or its customer (the customers' own indexed search). */
function checkInSearch(db: Db, q: string): SQL {
  const trimmed = q.trim()
  const byCustomer = sql`${checkIns.customerId} IN (${matchingCustomerIds(db, q)})`
  if (/^\d{1,10}$/.test(trimmed) && Number(trimmed) <= 2_147_483_647)
    return sql`(${checkIns.id} = ${Number(trimmed)} OR ${byCustomer})`
  return byCustomer
}

export function createCheckInsRepository(db: Db) {
  const detail = db.query.checkIns
    .findFirst({
      where: eq(checkIns.id, sql.placeholder('id')),
      with: {
        customer: { columns: { id: true, customerNo: true, name: true } },
        workOrder: { columns: { workOrderNo: true } },
        repairOrder: { columns: { repairOrderNo: true } },
        items: { orderBy: (items, { asc }) => [asc(items.id)] },
      },
    })
    .prepare('check_ins_detail')

  async function countWhere(where: SQL | undefined) {
    const [row] = await db
      .select({ n: count() })
      .from(checkIns)
      .innerJoin(customers, eq(customers.id, checkIns.customerId))
      .where(where)
    return row?.n ?? 0
  }

  return {
    /** One page with customer and item count; joins customers always (check-ins are few, and every row shows it). */
    async list(params: ListParams, countMatches: CountMatches = countNow) {
      const q = buildListQuery(
        CHECK_IN_FIELDS,
        { ...params, sort: params.sort || DEFAULT_CHECK_IN_SORT },
        checkIns.id,
      )
      if (params.q) q.where.push(checkInSearch(db, params.q))
      const where = and(...q.where)
      const [rows, total] = await Promise.all([
        db
          .select({
            ...getTableColumns(checkIns),
            customerName: customers.name,
            customerNo: customers.customerNo,
            workOrderNo: workOrders.workOrderNo,
            repairOrderNo: repairOrders.repairOrderNo,
            itemCount,
          })
          .from(checkIns)
          .innerJoin(customers, eq(customers.id, checkIns.customerId))
          .leftJoin(workOrders, eq(workOrders.id, checkIns.workOrderId))
          .leftJoin(repairOrders, eq(repairOrders.id, checkIns.repairOrderId))
          .where(where)
          .orderBy(...q.orderBy)
          .limit(q.limit)
          .offset(q.offset),
        countMatches(totalKey('check-ins', params), () => countWhere(where)),
      ])
      return toPage(rows, total, params)
    },

    /** Pending check-ins: one count read off the partial index check_ins_pending_idx. */
    async countPending() {
      const [row] = await db.select({ n: count() }).from(checkIns).where(eq(checkIns.state, 'pending'))
      return row?.n ?? 0
    },

    async detail(id: number) {
      return detail.execute({ id })
    },

    /** Locks the check-in for the rest of the transaction: edits, cancel and conversion serialize on it. */
    async lock(id: number, tx: Db) {
      const [row] = await tx.select().from(checkIns).where(eq(checkIns.id, id)).for('update')
      return row
    },

    /** A share lock: an upload may attach while no conversion or cancel is under way, and blocks them. */
    async lockShared(id: number, tx: Db) {
      const [row] = await tx
        .select({ id: checkIns.id, state: checkIns.state })
        .from(checkIns)
        .where(eq(checkIns.id, id))
        .for('share')
      return row
    },

    async create(values: NewCheckIn, tx: Db) {
      const [row] = await tx.insert(checkIns).values(values).returning()
      if (!row) throw new Error('check-in insert returned nothing')
      return row
    },

    async update(id: number, values: Partial<NewCheckIn>, tx: Db) {
      await tx
        .update(checkIns)
        .set({ ...values, updatedAt: sql`now()` })
        .where(eq(checkIns.id, id))
    },

    async items(checkInId: number, tx: Db) {
      return tx
        .select()
        .from(checkInItems)
        .where(eq(checkInItems.checkInId, checkInId))
        .orderBy(checkInItems.id)
    },

    async addItems(values: NewCheckInItem[], tx: Db) {
      if (values.length) await tx.insert(checkInItems).values(values)
    },

    async removeItems(checkInId: number, tx: Db) {
      await tx.delete(checkInItems).where(eq(checkInItems.checkInId, checkInId))
    },

    async workOrderNo(workOrderId: number, tx: Db): Promise<number | null> {
      const [row] = await tx
        .select({ no: workOrders.workOrderNo })
        .from(workOrders)
        .where(eq(workOrders.id, workOrderId))
      return row?.no ?? null
    },

    async repairOrderNo(repairOrderId: number, tx: Db): Promise<number | null> {
      const [row] = await tx
        .select({ no: repairOrders.repairOrderNo })
        .from(repairOrders)
        .where(eq(repairOrders.id, repairOrderId))
      return row?.no ?? null
    },

    /** The check-in's files become the order's too (the rows are moved, the check-in keeps its link). */
    async moveFilesTo(checkInId: number, order: { workOrderId: number } | { repairOrderId: number }, tx: Db) {
      const moved = await tx
        .update(workOrderFiles)
        .set(order)
        .where(eq(workOrderFiles.checkInId, checkInId))
        .returning({ id: workOrderFiles.id })
      return moved.length
    },
  }
}

export type CheckInsRepository = ReturnType<typeof createCheckInsRepository>
