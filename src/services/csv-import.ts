import type { Readable } from 'node:stream'
import { type Batch, type Counts, type ImportKind, type ImportReport, readLegacyCsv } from '../csv/import.js'
import type { Db } from '../db/index.js'
import { parseSquareFeet } from '../domain/square-feet.js'
import { createCustomersRepository } from '../repositories/customers.js'
import { createItemsRepository } from '../repositories/items.js'
import { createMaintenanceRepository } from '../repositories/maintenance.js'
import { createSourcesRepository } from '../repositories/sources.js'
import { createWorkOrdersRepository } from '../repositories/work-orders.js'
import { createRepairImportWriters } from './csv-import-repairs.js'

const IMPORTED_TABLES: Record<ImportKind, string[]> = {
  sources: ['sources'],
  customers: ['customers', 'sources'],
  'work-orders': ['work_orders', 'work_order_status_history', 'sources'],
  items: ['work_order_items', 'customer_items'],
  'repair-orders': ['repair_orders', 'repair_order_status_history'],
  'repair-items': ['repair_order_items', 'customer_items'],
}

/**
 * Imports a legacy CSV: rows are read and checked by src/csv/import.ts and written here, a batch per
 * transaction, through the tables' own repositories, upserted by the legacy numbers and names so that
 * importing the same file again updates and never duplicates.
 */
export async function importLegacyCsv(db: Db, kind: ImportKind, input: Readable): Promise<ImportReport> {
  const sources = createSourcesRepository(db)
  const customers = createCustomersRepository(db)
  const orders = createWorkOrdersRepository(db)
  const items = createItemsRepository(db)
  const repairs = createRepairImportWriters(db)
  /** Orders whose items this run has already replaced (their next rows add to the file's items). */
  const seenOrders = new Set<number>()

  async function writeCustomers(batch: Batch<'customers'>, created: string[], tx: Db): Promise<Counts> {
    const named = await sources.ensureNamed(
      batch.map((b) => b.value.sourceName),
      tx,
    )
    created.push(...named.created)
    const rows = batch.map(({ value: { sourceName, ...c } }) => ({
      ...c,
      sourceId: sourceName ? (named.ids.get(sourceName) ?? null) : null,
    }))
    return { ...(await customers.upsertByNumber(rows, tx)), lineErrors: [] }
  }

  async function writeOrders(batch: Batch<'work-orders'>, created: string[], tx: Db): Promise<Counts> {
    const lineErrors: Counts['lineErrors'] = []
    const customerIds = await customers.idsByNumber([...new Set(batch.map((b) => b.value.customerNo))], tx)
    const shipTo = await sources.ensureNamed(
      batch.map((b) => b.value.shipToName),
      tx,
    )
    created.push(...shipTo.created)
    const valid = batch.filter((b) => {
      if (customerIds.has(b.value.customerNo)) return true
      lineErrors.push({
        line: b.line,
        errors: [`CustID: no customer ${b.value.customerNo} (import customers first)`],
      })
      return false
    })
    const rows = valid.map(({ value }) => {
      const { customerNo, shipToName, repairNotes, ...fields } = value
      const notes = [fields.specialInstructions, repairNotes ? `Repairs: ${repairNotes}` : null]
        .filter(Boolean)
        .join('\n')
      return {
        ...fields,
        specialInstructions: notes || null,
        customerId: customerIds.get(customerNo) as number,
        shipToSourceId: shipToName ? (shipTo.ids.get(shipToName) ?? null) : null,
      }
    })
    return { ...(await orders.upsertByNumber(rows, tx)), lineErrors }
  }

  /**
   * Items have no legacy key: the first time an import run meets a work order, that order's items are
   * replaced by the file's, so a re-import yields the same items, not twice as many. Each item also
   * feeds the customer's catalog.
   */
  async function writeItems(batch: Batch<'items'>, tx: Db): Promise<Counts> {
    const lineErrors: Counts['lineErrors'] = []
    const found = await orders.byNumbers([...new Set(batch.map((b) => b.value.workOrderNo))], tx)
    const byNo = new Map(found.map((o) => [o.no, o]))
    const firstSeen = found.filter((o) => !seenOrders.has(o.no))
    const replaced = await items.removeAllOf(
      firstSeen.map((o) => o.id),
      tx,
    )
    for (const o of firstSeen) seenOrders.add(o.no)
    const rows = batch.flatMap((b) => {
      const order = byNo.get(b.value.workOrderNo)
      if (!order) {
        lineErrors.push({
          line: b.line,
          errors: [`WorkOrderNo: no work order ${b.value.workOrderNo} (import work orders first)`],
        })
        return []
      }
      const { workOrderNo: _no, customerNo: _c, ...item } = b.value
      const squareFeet = parseSquareFeet(item.sizeText)
      return [{ ...item, workOrderId: order.id, customerId: order.customerId, squareFeet }]
    })
    if (rows.length === 0) return { inserted: 0, updated: 0, lineErrors }
    await items.addImported(rows, tx)
    // Re-imported items count as updates: they replace what the order had.
    const updated = Math.min(replaced, rows.length)
    return { inserted: rows.length - updated, updated, lineErrors }
  }

  const report = await readLegacyCsv(kind, input, (batch, created) =>
    db.transaction(async (tx) => {
      switch (kind) {
        case 'sources':
          return {
            ...(await sources.upsertByName(
              (batch as Batch<'sources'>).map((b) => b.value),
              tx,
            )),
            lineErrors: [],
          }
        case 'customers':
          return writeCustomers(batch as Batch<'customers'>, created, tx)
        case 'work-orders':
          return writeOrders(batch as Batch<'work-orders'>, created, tx)
        case 'repair-orders':
          return repairs.orders(batch as Batch<'repair-orders'>, tx)
        case 'repair-items':
          return repairs.items(batch as Batch<'repair-items'>, tx)
        default:
          return writeItems(batch as Batch<'items'>, tx)
      }
    }),
  )
  const maintenance = createMaintenanceRepository(db)
  await maintenance.resyncNumbering()
  if (report.inserted + report.updated > 0) await maintenance.vacuumAnalyze(IMPORTED_TABLES[kind])
  return report
}
