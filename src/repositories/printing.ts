import { asc, inArray } from 'drizzle-orm'
import type { Db } from '../db/index.js'
import { repairOrders, workOrders } from '../models/index.js'

/** What printed orders read: work and repair orders with their customer and items, by number. */
export function createPrintingRepository(db: Db) {
  return {
    /** Which of these numbers exist (a bulk print checks them all before its first byte). */
    async existingNumbers(workOrderNos: number[]): Promise<number[]> {
      if (workOrderNos.length === 0) return []
      const rows = await db
        .select({ no: workOrders.workOrderNo })
        .from(workOrders)
        .where(inArray(workOrders.workOrderNo, workOrderNos))
      return rows.map((r) => r.no)
    },

    /** One batch of orders to print, in one statement; the caller puts them in the order asked for. */
    async ordersToPrint(workOrderNos: number[]) {
      if (workOrderNos.length === 0) return []
      return db.query.workOrders.findMany({
        where: inArray(workOrders.workOrderNo, workOrderNos),
        with: {
          customer: true,
          shipTo: true,
          items: { orderBy: (items) => [asc(items.id)] },
        },
      })
    },

    async existingRepairNumbers(repairOrderNos: number[]): Promise<number[]> {
      if (repairOrderNos.length === 0) return []
      const rows = await db
        .select({ no: repairOrders.repairOrderNo })
        .from(repairOrders)
        .where(inArray(repairOrders.repairOrderNo, repairOrderNos))
      return rows.map((r) => r.no)
    },

    /** One batch of repair orders, with the work order each belongs with (its number is printed). */
    async repairOrdersToPrint(repairOrderNos: number[]) {
      if (repairOrderNos.length === 0) return []
      return db.query.repairOrders.findMany({
        where: inArray(repairOrders.repairOrderNo, repairOrderNos),
        with: {
          customer: true,
          workOrder: { columns: { workOrderNo: true } },
          items: { orderBy: (items) => [asc(items.id)] },
        },
      })
    },
  }
}

export type PrintingRepository = ReturnType<typeof createPrintingRepository>
export type OrderToPrint = Awaited<ReturnType<PrintingRepository['ordersToPrint']>>[number]
export type RepairOrderToPrint = Awaited<ReturnType<PrintingRepository['repairOrdersToPrint']>>[number]
