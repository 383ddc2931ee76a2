import type { Batch, Counts } from '../csv/import.js'
import type { Db } from '../db/index.js'
import { parseSquareFeet } from '../domain/square-feet.js'
import { createCustomersRepository } from '../repositories/customers.js'
import { feedCatalog } from '../repositories/items.js'
import { createRepairOrderItemsRepository } from '../repositories/repair-order-items.js'
import { createRepairOrdersRepository } from '../repositories/repair-orders.js'
import { createWorkOrdersRepository } from '../repositories/work-orders.js'

/**
 * The writers of the legacy repair order and repair item files (src/services/csv-import.ts calls them a
 * batch per transaction). Upserted by RepairOrderNo; items replaced order by order, so a re-import of the
 * same files gives the same rows. One writer per import run: it remembers which work orders this run
 * has linked and which orders' items it has replaced.
 */
export function createRepairImportWriters(db: Db) {
  const customers = createCustomersRepository(db)
  const repairs = createRepairOrdersRepository(db)
  const workOrders = createWorkOrdersRepository(db)
  const repairItems = createRepairOrderItemsRepository(db)
  /** Work order id → the repair order number this run linked it to (the first row naming it wins). */
  const claimed = new Map<number, number>()
  const seenOrders = new Set<number>()

  async function orders(batch: Batch<'repair-orders'>, tx: Db): Promise<Counts> {
    const lineErrors: Counts['lineErrors'] = []
    const lineWarnings: NonNullable<Counts['lineWarnings']> = []
    const customerIds = await customers.idsByNumber([...new Set(batch.map((b) => b.value.customerNo))], tx)
    const named = [
      ...new Set(batch.flatMap((b) => (b.value.seeCleanNo === null ? [] : [b.value.seeCleanNo]))),
    ]
    const found = named.length ? await workOrders.byNumbers(named, tx) : []
    const workOrderOf = new Map(found.map((o) => [o.no, o.id]))
    const holders = await repairs.linksOf(
      found.map((o) => o.id),
      tx,
    )
    const rows = batch.flatMap(({ line, value }) => {
      const customerId = customerIds.get(value.customerNo)
      if (customerId === undefined) {
        lineErrors.push({
          line,
          errors: [`CustID: no customer ${value.customerNo} (import customers first)`],
        })
        return []
      }
      const { customerNo: _c, seeCleanNo, seeCleanText, ...fields } = value
      let workOrderId: number | null = null
      let workOrderNote = seeCleanText
      if (seeCleanNo !== null) {
        const id = workOrderOf.get(seeCleanNo)
        const holder = id === undefined ? undefined : (claimed.get(id) ?? holders.get(id))
        if (id === undefined)
          lineWarnings.push({ line, warnings: [`SEECLEAN: no work order ${seeCleanNo}; kept as a note`] })
        else if (holder !== undefined && holder !== value.repairOrderNo)
          lineWarnings.push({
            line,
            warnings: [
              `SEECLEAN: work order ${seeCleanNo} is already linked to repair order ${holder}; kept as a note`,
            ],
          })
        else {
          workOrderId = id
          workOrderNote = null
          claimed.set(id, value.repairOrderNo)
        }
      }
      return [{ ...fields, customerId, workOrderId, workOrderNote }]
    })
    return { ...(await repairs.upsertByNumber(rows, tx)), lineErrors, lineWarnings }
  }

  /** As work order items: the first time a run meets a repair order, its items are replaced by the file's. */
  async function items(batch: Batch<'repair-items'>, tx: Db): Promise<Counts> {
    const lineErrors: Counts['lineErrors'] = []
    const found = await repairs.byNumbers([...new Set(batch.map((b) => b.value.repairOrderNo))], tx)
    const byNo = new Map(found.map((o) => [o.no, o]))
    const firstSeen = found.filter((o) => !seenOrders.has(o.no))
    const replaced = await repairItems.removeAllOf(
      firstSeen.map((o) => o.id),
      tx,
    )
    for (const o of firstSeen) seenOrders.add(o.no)
    const rows = batch.flatMap((b) => {
      const order = byNo.get(b.value.repairOrderNo)
      if (!order) {
        lineErrors.push({
          line: b.line,
          errors: [`RepairOrderNo: no repair order ${b.value.repairOrderNo} (import repair orders first)`],
        })
        return []
      }
      const { repairOrderNo: _no, customerNo: _c, ...item } = b.value
      return [
        {
          ...item,
          repairOrderId: order.id,
          customerId: order.customerId,
          squareFeet: parseSquareFeet(item.sizeText),
        },
      ]
    })
    if (rows.length === 0) return { inserted: 0, updated: 0, lineErrors }
    await feedCatalog(rows, tx)
    await repairItems.addMany(
      rows.map(({ customerId: _c, ...r }) => r),
      tx,
    )
    const updated = Math.min(replaced, rows.length)
    return { inserted: rows.length - updated, updated, lineErrors }
  }

  return { orders, items }
}
