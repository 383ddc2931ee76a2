import { once } from 'node:events'
import { PassThrough, type Writable } from 'node:stream'
import PDFDocument from 'pdfkit'
import {
  type Cursor,
  continuationHeader,
  customerAndDates,
  facts,
  firstPageHeader,
  itemsTable,
  marks,
  sections,
  signOffs,
  totals,
} from './order-parts.js'
import { CONTENT_BOTTOM, CONTENT_WIDTH, FONTS, PAGE, REGULAR } from './page-kit.js'
import type { PrintableOrder, ShopHeader } from './printable-order.js'

/**
 * The PDF's creation date. Fixed, so the same order prints byte-identical (PDFKit derives the file ID from
 * the document info too): a print is a view of the order, and the order's own dates are on the page.
 */
export const PDF_CREATION_DATE = new Date('2000-01-01T00:00:00Z')

function newDocument(title: string): PDFKit.PDFDocument {
  const doc = new PDFDocument({
    size: 'LETTER',
    margin: PAGE.margin,
    // Pages stay in memory only until their order is done ("page N of M"), then are flushed to the stream.
    bufferPages: true,
    info: {
      Title: title,
      Creator: 'Awning Management System',
      Producer: 'PDFKit',
      CreationDate: PDF_CREATION_DATE,
    },
  })
  for (const [name, data] of Object.entries(FONTS))
    doc.registerFont(name, data as unknown as PDFKit.Mixins.PDFFontSource)
  return doc
}

/** Writes "page N of M" on each page of the order just rendered (pages first..last of the buffer). */
function pageNumbers(doc: PDFKit.PDFDocument, order: PrintableOrder, first: number) {
  const range = doc.bufferedPageRange()
  const last = range.start + range.count - 1
  const count = last - first + 1
  for (let i = first; i <= last; i++) {
    doc.switchToPage(i)
    // Below the content area: without the bottom margin PDFKit would start a new page for this line.
    const bottom = doc.page.margins.bottom
    doc.page.margins.bottom = 0
    const y = CONTENT_BOTTOM + 8
    doc.font(REGULAR).fontSize(8).fillColor('black')
    doc.text(`${order.title} No. ${order.number}`, PAGE.margin, y, {
      width: CONTENT_WIDTH / 2,
      lineBreak: false,
    })
    doc.text(`page ${i - first + 1} of ${count}`, PAGE.margin + CONTENT_WIDTH / 2, y, {
      width: CONTENT_WIDTH / 2,
      align: 'right',
      lineBreak: false,
    })
    doc.page.margins.bottom = bottom
  }
}

/** Renders one order from a fresh page on; returns nothing, the pages are in the document's buffer. */
function renderOrder(doc: PDFKit.PDFDocument, order: PrintableOrder, shop: ShopHeader, isFirst: boolean) {
  if (!isFirst) doc.addPage()
  const first = doc.bufferedPageRange().start + doc.bufferedPageRange().count - 1
  const cursor: Cursor = {
    doc,
    y: 0,
    newPage() {
      doc.addPage()
      cursor.y = continuationHeader(doc, order)
    },
  }
  cursor.y = firstPageHeader(doc, order, shop)
  marks(cursor, order)
  customerAndDates(cursor, order)
  facts(cursor, order)
  itemsTable(cursor, order)
  totals(cursor, order)
  sections(cursor, order)
  signOffs(cursor, order)
  pageNumbers(doc, order, first)
}

/**
 * Writes the orders as one PDF into `out`, each from a new page with its own "page N of M". Streams: an
 * order's pages leave memory once it is done, and the next order is not read until `out` has drained, so
 * a bulk print of hundreds of orders holds about one order's pages at a time. Resolves when `out` has
 * everything; stops early (without error) if `out` is destroyed, e.g. the client went away.
 */
export async function writeOrdersPdf(
  orders: AsyncIterable<PrintableOrder> | Iterable<PrintableOrder>,
  shop: ShopHeader,
  out: Writable,
  title = 'Orders',
): Promise<void> {
  const doc = newDocument(title)
  const finished = new Promise<void>((resolve, reject) => {
    out.once('finish', resolve)
    out.once('close', resolve)
    out.once('error', reject)
    doc.once('error', reject)
  })
  doc.pipe(out)
  let isFirst = true
  for await (const order of orders) {
    if (out.destroyed) break
    renderOrder(doc, order, shop, isFirst)
    isFirst = false
    doc.flushPages()
    // Let the pipe move the flushed bytes, then wait while the reader is behind.
    await new Promise((resolve) => setImmediate(resolve))
    if (out.writableNeedDrain && !out.destroyed) await Promise.race([once(out, 'drain'), once(out, 'close')])
  }
  if (isFirst) {
    doc.font(REGULAR).fontSize(10).text('Nothing to print.')
  }
  doc.end()
  await finished
}

/** One order's PDF as bytes (tests, the benchmark; routes stream instead). */
export async function orderPdfBuffer(order: PrintableOrder, shop: ShopHeader): Promise<Buffer> {
  const out = new PassThrough()
  const chunks: Buffer[] = []
  out.on('data', (chunk: Buffer) => chunks.push(chunk))
  const ended = once(out, 'end')
  await writeOrdersPdf([order], shop, out, `${order.title} ${order.number}`)
  await ended
  return Buffer.concat(chunks)
}
