import { and, asc, eq, gt, inArray, type SQL, sql } from 'drizzle-orm'
import type { Db } from '../db/index.js'
import {
  customers,
  repairOrders,
  sources,
  type WorkOrderItem,
  workOrderItems,
  workOrders,
} from '../models/index.js'
import { customerConditions } from './customers.js'
import { repairOrderConditions, repairOrderRows } from './repair-orders.js'
import { type ExportParams, orderTotals, rowFields, workOrderConditions } from './work-orders.js'

/**
 * The items and customers exports: every row matching a list's filters, in keyset batches (by work order
 * number, by customer number) so that an export of any size holds one batch in memory, works the same on
 * PGlite (no server-side cursors) and never sorts the whole table. Conditions are built when called, so
 * a bad filter is a 400 before the first byte; the batches run as the stream is read.
 */
export function createExportsRepository(db: Db) {
  return {
    /**
     * Every order matching the work order list's filters, in work-order-number order, with the customer's
     * phones and e-mail.
     */
    workOrders(params: ExportParams, batchSize = 1000) {
      return exportBatches(db, workOrderConditions(db, params), batchSize)
    },

    /** Items of the work orders the list's filters select, order by order, each with its order's key fields. */
    items(params: ExportParams, ordersPerBatch = 500) {
      return itemBatches(db, workOrderConditions(db, params), ordersPerBatch)
    },

    /** Repair orders the repair order list's filters select, by number, as list rows. */
    repairOrders(params: ExportParams, batchSize = 1000) {
      return repairOrderBatches(db, repairOrderConditions(db, params), batchSize)
    },

    /** Customers the customer list's filters select, with their source's name. */
    customers(params: ExportParams, batchSize = 1000) {
      return customerBatches(db, customerConditions(db, params), batchSize)
    },
  }
}

export type ExportsRepository = ReturnType<typeof createExportsRepository>

export type ItemExportRow = WorkOrderItem & {
  workOrderNo: number
  dateIn: string
  status: string
  customerNo: number
  customerName: string
}

/**
 * A batch of orders (filtered as the list is), then their items in one statement: two indexed statements
 * per batch, however many items an order has.
 */
async function* itemBatches(db: Db, where: SQL[], ordersPerBatch: number) {
  let after = 0
  for (;;) {
    const orders = await db
      .select({
        id: workOrders.id,
        workOrderNo: workOrders.workOrderNo,
        dateIn: workOrders.dateIn,
        status: workOrders.status,
        customerNo: customers.customerNo,
        customerName: customers.name,
      })
      .from(workOrders)
      .innerJoin(customers, eq(customers.id, workOrders.customerId))
      .leftJoin(sources, eq(sources.id, customers.sourceId))
      .where(and(...where, gt(workOrders.workOrderNo, after)))
      .orderBy(workOrders.workOrderNo)
      .limit(ordersPerBatch)
    if (orders.length === 0) return
    const items = await db
      .select()
      .from(workOrderItems)
      .where(
        inArray(
          workOrderItems.workOrderId,
          orders.map((o) => o.id),
        ),
      )
      .orderBy(asc(workOrderItems.id))
    const byOrder = new Map<number, WorkOrderItem[]>()
    for (const item of items) {
      const list = byOrder.get(item.workOrderId)
      if (list) list.push(item)
      else byOrder.set(item.workOrderId, [item])
    }
    yield orders.flatMap(({ id, ...order }): ItemExportRow[] =>
      (byOrder.get(id) ?? []).map((item) => ({ ...item, ...order })),
    )
    after = orders.at(-1)?.workOrderNo ?? after
    if (orders.length < ordersPerBatch) return
  }
}

async function* customerBatches(db: Db, where: SQL[], batchSize: number) {
  let after = 0
  for (;;) {
    const rows = await db
      .select({ customer: customers, sourceName: sources.name })
      .from(customers)
      .leftJoin(sources, eq(sources.id, customers.sourceId))
      .where(and(...where, gt(customers.customerNo, after)))
      .orderBy(customers.customerNo)
      .limit(batchSize)
    if (rows.length === 0) return
    yield rows.map((r) => ({ ...r.customer, sourceName: r.sourceName }))
    after = rows.at(-1)?.customer.customerNo ?? after
    if (rows.length < batchSize) return
  }
}

/** Keyset batches by work order number: constant memory, and no server-side cursor (PGlite has none). */
async function* exportBatches(db: Db, where: SQL[], batchSize: number) {
  let after = 0
  for (;;) {
    const rows = await exportRowsWithTotals(db)
      .where(and(...where, gt(workOrders.workOrderNo, after)))
      .orderBy(workOrders.workOrderNo)
      .limit(batchSize)
    if (rows.length === 0) return
    yield rows
    after = rows.at(-1)?.workOrderNo ?? after
    if (rows.length < batchSize) return
  }
}

/** The customer's phones and e-mail: the export's contact columns. */
const CUSTOMER_CONTACT = {
  homePhone: customers.homePhone,
  workPhone: customers.workPhone,
  cellPhone: customers.cellPhone,
  email: customers.email,
}

/** The export's rows: a list row's columns and the customer's phones and e-mail. */
function exportRowsWithTotals(db: Db) {
  const totals = orderTotals(db)
  return db
    .select({ ...rowFields(totals), ...CUSTOMER_CONTACT })
    .from(workOrders)
    .innerJoin(customers, eq(customers.id, workOrders.customerId))
    .leftJoin(sources, eq(sources.id, customers.sourceId))
    .leftJoinLateral(totals, sql`true`)
    .$dynamic()
}

async function* repairOrderBatches(db: Db, where: SQL[], batchSize: number) {
  let after = 0
  for (;;) {
    const rows = await repairOrderRows(db)
      .where(and(...where, gt(repairOrders.repairOrderNo, after)))
      .orderBy(repairOrders.repairOrderNo)
      .limit(batchSize)
    if (rows.length === 0) return
    yield rows
    after = rows.at(-1)?.repairOrderNo ?? after
    if (rows.length < batchSize) return
  }
}
