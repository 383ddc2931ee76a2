import { PassThrough, type Readable } from 'node:stream'
import type { Db } from '../db/index.js'
import type { PrintableOrder, ShopHeader } from '../pdf/printable-order.js'
import { writeOrdersPdf } from '../pdf/render.js'
import { createPrintingRepository } from '../repositories/printing.js'
import { printableRepairOrder } from './printable-repair-order.js'
import { printableWorkOrder } from './printable-work-order.js'
import { PrintErrors } from './printing.errors.js'
import { RepairOrderErrors } from './repair-orders.errors.js'
import { WorkOrderErrors } from './work-orders.errors.js'

/** Most orders in one bulk print (docs/PRINTING.md). */
export const MAX_PRINT_ORDERS = 500
const INT4_MAX = 2_147_483_647

export interface PrintingDeps {
  db: Db
  shop: ShopHeader
  /** Orders read per statement while a bulk print streams (memory stays about one batch). */
  batchSize?: number
  log?: { error(obj: object, msg: string): void }
}

/** A PDF on its way: the file name to offer and the bytes as a stream (they are written as it is read). */
export interface PdfDownload {
  filename: string
  stream: Readable
}

/** What differs between printing work orders and repair orders. */
interface PrintSpec<Row> {
  load: (numbers: number[]) => Promise<Row[]>
  existing: (numbers: number[]) => Promise<number[]>
  numberOf: (row: Row) => number
  printable: (row: Row) => PrintableOrder
  notFound: (no: number) => Error
  /** `work-order` → work-order-1042.pdf, work-orders-1042-1050.pdf */
  file: string
  /** `Work order` → the PDF's title */
  title: string
}

/** Printed orders: one order, or many in one streamed PDF, for work orders and repair orders alike. */
export function createPrintingService(deps: PrintingDeps) {
  const repo = createPrintingRepository(deps.db)
  const batchSize = deps.batchSize ?? 50

  function stream(orders: AsyncIterable<PrintableOrder> | Iterable<PrintableOrder>, title: string) {
    const out = new PassThrough()
    writeOrdersPdf(orders, deps.shop, out, title).catch((err: Error) => {
      // Past the first byte the status is sent: the client sees a cut-off download, the log says why.
      deps.log?.error({ err }, 'printing a PDF failed midway')
      out.destroy(err)
    })
    return out
  }

  function printer<Row>(spec: PrintSpec<Row>) {
    /** The orders in the order asked for, read a batch at a time as the PDF is written. */
    async function* inBatches(numbers: number[]): AsyncGenerator<PrintableOrder> {
      for (let i = 0; i < numbers.length; i += batchSize) {
        const batch = numbers.slice(i, i + batchSize)
        const byNo = new Map((await spec.load(batch)).map((row) => [spec.numberOf(row), row]))
        // An order deleted since the check is left out rather than failing a half-sent file.
        for (const no of batch) {
          const row = byNo.get(no)
          if (row) yield spec.printable(row)
        }
      }
    }

    return {
      async one(no: number): Promise<PdfDownload> {
        const [row] = no <= INT4_MAX ? await spec.load([no]) : []
        if (!row) throw spec.notFound(no)
        return {
          filename: `${spec.file}-${no}.pdf`,
          stream: stream([spec.printable(row)], `${spec.title} ${no}`),
        }
      },

      /**
       * Many orders in one PDF, in the order given (a number given twice is printed once). All must exist:
       * otherwise 404 listing the missing ones, before anything is sent.
       */
      async many(numbers: number[]): Promise<PdfDownload> {
        const unique = [...new Set(numbers)]
        if (unique.length > MAX_PRINT_ORDERS) throw PrintErrors.tooMany(unique.length, MAX_PRINT_ORDERS)
        const found = new Set(await spec.existing(unique.filter((n) => n <= INT4_MAX)))
        const missing = unique.filter((n) => !found.has(n))
        if (missing.length) throw PrintErrors.notFound(missing)
        const first = unique[0]
        const last = unique[unique.length - 1]
        const filename =
          unique.length === 1 ? `${spec.file}-${first}.pdf` : `${spec.file}s-${first}-${last}.pdf`
        return { filename, stream: stream(inBatches(unique), `${spec.title}s (${unique.length})`) }
      },
    }
  }

  const work = printer({
    load: repo.ordersToPrint,
    existing: repo.existingNumbers,
    numberOf: (row) => row.workOrderNo,
    printable: printableWorkOrder,
    notFound: WorkOrderErrors.notFound,
    file: 'work-order',
    title: 'Work order',
  })
  const repair = printer({
    load: repo.repairOrdersToPrint,
    existing: repo.existingRepairNumbers,
    numberOf: (row) => row.repairOrderNo,
    printable: printableRepairOrder,
    notFound: RepairOrderErrors.notFound,
    file: 'repair-order',
    title: 'Repair order',
  })
  return {
    workOrderPdf: work.one,
    workOrdersPdf: work.many,
    repairOrderPdf: repair.one,
    repairOrdersPdf: repair.many,
  }
}

export type PrintingService = ReturnType<typeof createPrintingService>
