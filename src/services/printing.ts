import { PassThrough, type Readable } from 'node:stream'
import type { Db } from '../db/index.js'
import type { PrintableOrder, ShopHeader } from '../pdf/printable-order.js'
import { writeOrdersPdf } from '../pdf/render.js'
import { createPrintingRepository } from '../repositories/printing.js'
import { printableWorkOrder } from './printable-work-order.js'
import { PrintErrors } from './printing.errors.js'
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

/** Printed work orders: one order, or many in one streamed PDF. A repair order adds its own two methods. */
export function createPrintingService(deps: PrintingDeps) {
  const repo = createPrintingRepository(deps.db)
  const batchSize = deps.batchSize ?? 50

  /** The orders in the order asked for, read a batch at a time as the PDF is written. */
  async function* inBatches(numbers: number[]): AsyncGenerator<PrintableOrder> {
    for (let i = 0; i < numbers.length; i += batchSize) {
      const batch = numbers.slice(i, i + batchSize)
      const byNo = new Map((await repo.ordersToPrint(batch)).map((row) => [row.workOrderNo, row]))
      // An order deleted since the check is left out rather than failing a half-sent file.
      for (const no of batch) {
        const row = byNo.get(no)
        if (row) yield printableWorkOrder(row)
      }
    }
  }

  function stream(orders: AsyncIterable<PrintableOrder> | Iterable<PrintableOrder>, title: string) {
    const out = new PassThrough()
    writeOrdersPdf(orders, deps.shop, out, title).catch((err: Error) => {
      // Past the first byte the status is sent: the client sees a cut-off download, the log says why.
      deps.log?.error({ err }, 'printing a PDF failed midway')
      out.destroy(err)
    })
    return out
  }

  return {
    async workOrderPdf(no: number): Promise<PdfDownload> {
      const [row] = no <= INT4_MAX ? await repo.ordersToPrint([no]) : []
      if (!row) throw WorkOrderErrors.notFound(no)
      return {
        filename: `work-order-${no}.pdf`,
        stream: stream([printableWorkOrder(row)], `Work order ${no}`),
      }
    },

    /**
     * Many orders in one PDF, in the order given (a number given twice is printed once). All must exist:
     * otherwise 404 listing the missing ones, before anything is sent.
     */
    async workOrdersPdf(numbers: number[]): Promise<PdfDownload> {
      const unique = [...new Set(numbers)]
      if (unique.length > MAX_PRINT_ORDERS) throw PrintErrors.tooMany(unique.length, MAX_PRINT_ORDERS)
      const found = new Set(await repo.existingNumbers(unique.filter((n) => n <= INT4_MAX)))
      const missing = unique.filter((n) => !found.has(n))
      if (missing.length) throw PrintErrors.notFound(missing)
      const first = unique[0]
      const last = unique[unique.length - 1]
      const filename = unique.length === 1 ? `work-order-${first}.pdf` : `work-orders-${first}-${last}.pdf`
      return { filename, stream: stream(inBatches(unique), `Work orders (${unique.length})`) }
    },
  }
}

export type PrintingService = ReturnType<typeof createPrintingService>
