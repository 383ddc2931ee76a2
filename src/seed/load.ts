// Writes generated shop data (src/seed/generate.ts) into the database in one transaction.
import { sql } from 'drizzle-orm'
import type { Db } from '../db/index.js'
import {
  customerItems,
  customers,
  type NewCustomerItem,
  type NewWorkOrderItem,
  sources,
  workOrderItems,
  workOrderStatusHistory,
  workOrders,
} from '../models/index.js'
import type { GeneratedWorkOrder, ShopData } from './generate.js'

export interface LoadCounts {
  sources: number
  customers: number
  workOrders: number
  items: number
}

function* chunks<T>(rows: readonly T[], size: number): Generator<T[]> {
  for (let i = 0; i < rows.length; i += size) yield rows.slice(i, i + size)
}

function idAt(ids: readonly number[], index: number, what: string): number {
  const id = ids[index]
  if (id === undefined) throw new Error(`seed data refers to ${what} #${index}, which does not exist`)
  return id
}

/** Noon UTC of a YYYY-MM-DD day, for timestamps that should match the business dates. */
const noon = (day: string) => new Date(`${day}T12:00:00Z`)

/** The last business date on the order: when its current status was reached. */
function lastDate(w: GeneratedWorkOrder): string {
  const dates = [w.dateIn, w.dateCleaned, w.dateTreated, w.datePackaged, w.dateCompleted]
  return dates.reduce<string>((max, d) => (d && d > max ? d : max), w.dateIn ?? '1970-01-01')
}

type PieceIdentity = {
  description: string
  material: string | null
  color: string | null
  sizeText: string | null
}
const catalogKey = (customerId: number, i: PieceIdentity) =>
  JSON.stringify([customerId, i.description, i.material, i.color, i.sizeText])

/**
 * Inserts sources, customers, the customer item catalog, work orders with their items and one
 * status-history row each, keeping the generated customer and work order numbers, then moves the
 * number sequences past the largest numbers. All or nothing: one transaction.
 */
export async function loadShopData(
  db: Db,
  data: ShopData,
  opts: { batchSize?: number } = {},
): Promise<LoadCounts> {
  const size = Math.max(1, Math.floor(opts.batchSize ?? 1000))
  return db.transaction(async (tx) => {
    const sourceIds: number[] = []
    for (const batch of chunks(data.sources, size)) {
      const rows = await tx.insert(sources).values(batch).returning({ id: sources.id })
      for (const r of rows) sourceIds.push(r.id)
    }

    const customerIds: number[] = []
    for (const batch of chunks(data.customers, size)) {
      const values = batch.map(({ sourceIndex, ...c }) => ({
        ...c,
        sourceId: sourceIndex === null ? null : idAt(sourceIds, sourceIndex, 'source'),
      }))
      const rows = await tx.insert(customers).values(values).returning({ id: customers.id })
      for (const r of rows) customerIds.push(r.id)
    }

    // The catalog: one row per distinct piece of each customer, with its latest price (orders are in date order).
    const catalog = new Map<string, NewCustomerItem>()
    for (const w of data.workOrders) {
      const customerId = idAt(customerIds, w.customerIndex, 'customer')
      const seen = noon(w.dateIn ?? '1970-01-01')
      for (const it of w.items) {
        const key = catalogKey(customerId, it)
        const prev = catalog.get(key)
        catalog.set(key, {
          customerId,
          description: it.description,
          material: it.material,
          condition: it.condition,
          color: it.color,
          sizeText: it.sizeText,
          squareFeet: it.squareFeet,
          lastPrice: it.unitPrice ?? prev?.lastPrice ?? null,
          quantity: it.quantity,
          createdAt: prev?.createdAt ?? seen,
          updatedAt: seen,
        })
      }
    }
    const catalogIds = new Map<string, number>()
    for (const batch of chunks([...catalog.values()], size)) {
      const rows = await tx.insert(customerItems).values(batch).onConflictDoNothing().returning({
        id: customerItems.id,
        customerId: customerItems.customerId,
        description: customerItems.description,
        material: customerItems.material,
        color: customerItems.color,
        sizeText: customerItems.sizeText,
      })
      for (const r of rows) catalogIds.set(catalogKey(r.customerId, r), r.id)
    }

    const workOrderIds: number[] = []
    for (const batch of chunks(data.workOrders, size)) {
      const values = batch.map((g) => {
        const { customerIndex, shipToSourceIndex, items: _items, ...w } = g
        return {
          ...w,
          customerId: idAt(customerIds, customerIndex, 'customer'),
          shipToSourceId: shipToSourceIndex === null ? null : idAt(sourceIds, shipToSourceIndex, 'source'),
          createdAt: noon(w.dateIn ?? '1970-01-01'),
          updatedAt: noon(lastDate(g)),
        }
      })
      const rows = await tx.insert(workOrders).values(values).returning({ id: workOrders.id })
      for (const r of rows) workOrderIds.push(r.id)
    }

    const items: NewWorkOrderItem[] = []
    data.workOrders.forEach((w, i) => {
      const workOrderId = idAt(workOrderIds, i, 'work order')
      const customerId = idAt(customerIds, w.customerIndex, 'customer')
      for (const it of w.items) {
        items.push({ ...it, workOrderId, catalogItemId: catalogIds.get(catalogKey(customerId, it)) ?? null })
      }
    })
    for (const batch of chunks(items, size)) await tx.insert(workOrderItems).values(batch)

    const history = data.workOrders.map((w, i) => ({
      workOrderId: idAt(workOrderIds, i, 'work order'),
      fromStatus: null,
      toStatus: w.status ?? 'received',
      changedBy: null,
      note: 'seeded',
      changedAt: noon(lastDate(w)),
    }))
    for (const batch of chunks(history, size)) await tx.insert(workOrderStatusHistory).values(batch)

    await tx.execute(sql`SELECT setval('customer_number_seq', (SELECT max(customer_no) FROM customers))`)
    await tx.execute(
      sql`SELECT setval('work_order_number_seq', (SELECT max(work_order_no) FROM work_orders))`,
    )
    return {
      sources: sourceIds.length,
      customers: customerIds.length,
      workOrders: workOrderIds.length,
      items: items.length,
    }
  })
}
