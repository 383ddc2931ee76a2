import { barRects, code128Modules, moduleCount } from './barcode.js'
import { BOLD, CONTENT_BOTTOM, CONTENT_WIDTH, decimal, money, PAGE, printable, REGULAR } from './page-kit.js'
import {
  lineTotal,
  orderTotals,
  type PrintableItem,
  type PrintableOrder,
  type PrintField,
  type ShopHeader,
} from './printable-order.js'

type Doc = PDFKit.PDFDocument
const LEFT = PAGE.margin
const RIGHT = PAGE.width - PAGE.margin

/** Where the next part goes on the current page; `ensure` starts a continuation page when it does not fit. */
export interface Cursor {
  doc: Doc
  y: number
  /** Starts a new page for the same order (continuation header included) and moves y below it. */
  newPage(): void
}

export function ensure(cursor: Cursor, height: number): void {
  if (cursor.y + height > CONTENT_BOTTOM) cursor.newPage()
}

function text(doc: Doc, value: string, x: number, y: number, width: number, font = REGULAR, size = 9) {
  doc.font(font).fontSize(size).text(printable(value), x, y, { width, lineBreak: true })
}

function height(doc: Doc, value: string, width: number, font = REGULAR, size = 9): number {
  return doc
    .font(font)
    .fontSize(size)
    .heightOfString(printable(value) || ' ', { width })
}

/** The order number as Code 128 bars, `barHeight` tall, right-aligned at `right`. */
function barcode(doc: Doc, value: string, right: number, y: number, barHeight: number) {
  const modules = code128Modules(value)
  const unit = 1.1
  const left = right - moduleCount(modules) * unit
  for (const [x, w] of barRects(modules)) doc.rect(left + x * unit, y, w * unit, barHeight)
  doc.fillColor('black').fill()
}

/** First page: the shop on the left; the title, number and its barcode on the right. Returns the bottom. */
export function firstPageHeader(doc: Doc, order: PrintableOrder, shop: ShopHeader): number {
  const shopWidth = CONTENT_WIDTH * 0.55
  text(doc, shop.name, LEFT, PAGE.margin, shopWidth, BOLD, 14)
  let y = doc.y + 2
  for (const line of [...shop.addressLines, ...(shop.phone ? [shop.phone] : [])]) {
    text(doc, line, LEFT, y, shopWidth)
    y = doc.y
  }
  const titleX = LEFT + shopWidth
  const titleWidth = CONTENT_WIDTH - shopWidth
  doc.font(BOLD).fontSize(16).text(printable(order.title), titleX, PAGE.margin, {
    width: titleWidth,
    align: 'right',
  })
  doc
    .font(BOLD)
    .fontSize(20)
    .text(`No. ${order.number}`, titleX, doc.y, { width: titleWidth, align: 'right' })
  const barTop = doc.y + 2
  barcode(doc, order.number, RIGHT, barTop, 34)
  return Math.max(y, barTop + 34) + 8
}

/** Continuation pages: one line saying whose order this is. */
export function continuationHeader(doc: Doc, order: PrintableOrder): number {
  const line = `${order.title} No. ${order.number} — ${order.customer.name} (continued)`
  text(doc, line, LEFT, PAGE.margin, CONTENT_WIDTH, BOLD, 11)
  const y = doc.y + 4
  doc.moveTo(LEFT, y).lineTo(RIGHT, y).lineWidth(0.5).stroke()
  return y + 8
}

/** FIRM RUSH / RUSH / CUSHION as white on black across the page: seen from across the shop. */
export function marks(cursor: Cursor, order: PrintableOrder) {
  if (order.marks.length === 0) return
  const { doc } = cursor
  const h = 24
  doc.rect(LEFT, cursor.y, CONTENT_WIDTH, h).fillColor('black').fill()
  doc
    .fillColor('white')
    .font(BOLD)
    .fontSize(15)
    .text(order.marks.join('   ·   '), LEFT, cursor.y + 4, { width: CONTENT_WIDTH, align: 'center' })
  doc.fillColor('black')
  cursor.y += h + 8
}

function fieldLines(fields: PrintField[]): string[] {
  return fields.map((f) => `${f.label}: ${f.value ?? ''}`)
}

/** Customer on the left, dates on the right, each under a small heading. */
export function customerAndDates(cursor: Cursor, order: PrintableOrder) {
  const { doc } = cursor
  const { customer } = order
  const colWidth = CONTENT_WIDTH / 2 - 8
  const left = [
    customer.number ? `${customer.name} (customer ${customer.number})` : customer.name,
    ...(customer.contact ? [`Contact: ${customer.contact}`] : []),
    ...customer.addressLines,
    ...fieldLines(customer.phones.filter((p) => p.value)),
    ...(customer.email ? [`E-mail: ${customer.email}`] : []),
    ...(order.name ? [`Order: ${order.name}`] : []),
  ]
  const right = fieldLines(order.dates)
  const top = cursor.y
  const columnBottom = (lines: string[], x: number, heading: string) => {
    text(doc, heading, x, top, colWidth, BOLD, 10)
    let y = doc.y + 1
    lines.forEach((line, i) => {
      text(doc, line, x, y, colWidth, i === 0 && heading === 'Customer' ? BOLD : REGULAR)
      y = doc.y
    })
    return y
  }
  const bottom = Math.max(
    columnBottom(left, LEFT, 'Customer'),
    columnBottom(right, LEFT + colWidth + 16, 'Dates'),
  )
  cursor.y = bottom + 8
}

/** Storage, rack, return…: label and value in two columns of pairs. */
export function facts(cursor: Cursor, order: PrintableOrder) {
  const { doc } = cursor
  const colWidth = CONTENT_WIDTH / 2 - 8
  for (let i = 0; i < order.facts.length; i += 2) {
    const pair = order.facts.slice(i, i + 2)
    const lines = fieldLines(pair)
    const h = Math.max(...lines.map((l) => height(doc, l, colWidth)))
    ensure(cursor, h)
    lines.forEach((line, j) => {
      text(doc, line, LEFT + j * (colWidth + 16), cursor.y, colWidth)
    })
    cursor.y += h + 1
  }
  cursor.y += 8
}

interface Column {
  label: string
  width: number
  numeric?: boolean
  cell: (item: PrintableItem) => string
}

const COLUMNS: Column[] = [
  { label: 'Description', width: 128, cell: (i) => i.description },
  { label: 'Material', width: 62, cell: (i) => i.material ?? '' },
  { label: 'Colour', width: 52, cell: (i) => i.color ?? '' },
  { label: 'Condition', width: 56, cell: (i) => i.condition ?? '' },
  { label: 'Size', width: 60, cell: (i) => i.sizeText ?? '' },
  {
    label: 'Sq ft',
    width: 40,
    numeric: true,
    cell: (i) => (i.squareFeet === null ? '' : decimal(i.squareFeet)),
  },
  { label: 'Qty', width: 28, numeric: true, cell: (i) => String(i.quantity) },
  { label: 'Price', width: 54, numeric: true, cell: (i) => (i.unitPrice === null ? '' : money(i.unitPrice)) },
  {
    label: 'Total',
    width: 60,
    numeric: true,
    cell: (i) => (i.unitPrice === null ? '' : money(lineTotal(i))),
  },
]
const PAD = 2

function row(doc: Doc, cells: string[], y: number, font: string) {
  let x = LEFT
  COLUMNS.forEach((col, i) => {
    doc
      .font(font)
      .fontSize(8.5)
      .text(printable(cells[i]), x + PAD, y, {
        width: col.width - 2 * PAD,
        align: col.numeric ? 'right' : 'left',
      })
    x += col.width
  })
}

function rowHeight(doc: Doc, cells: string[], font: string): number {
  doc.font(font).fontSize(8.5)
  return (
    Math.max(
      ...COLUMNS.map((col, i) =>
        doc.heightOfString(printable(cells[i]) || ' ', { width: col.width - 2 * PAD }),
      ),
    ) +
    2 * PAD
  )
}

function tableHeader(cursor: Cursor) {
  const { doc } = cursor
  const labels = COLUMNS.map((c) => c.label)
  const h = rowHeight(doc, labels, BOLD)
  doc.rect(LEFT, cursor.y, CONTENT_WIDTH, h).fillColor('#e6e6e6').fill().fillColor('black')
  row(doc, labels, cursor.y + PAD, BOLD)
  cursor.y += h
}

/** The items, one row each; a row that does not fit starts a new page with the header repeated. */
export function itemsTable(cursor: Cursor, order: PrintableOrder) {
  const { doc } = cursor
  ensure(cursor, 40)
  tableHeader(cursor)
  if (order.items.length === 0) {
    text(doc, 'No items.', LEFT + PAD, cursor.y + PAD, CONTENT_WIDTH)
    cursor.y = doc.y + 6
    return
  }
  for (const item of order.items) {
    const cells = COLUMNS.map((c) => c.cell(item))
    const h = rowHeight(doc, cells, REGULAR)
    if (cursor.y + h > CONTENT_BOTTOM) {
      cursor.newPage()
      tableHeader(cursor)
    }
    row(doc, cells, cursor.y + PAD, REGULAR)
    cursor.y += h
    doc.moveTo(LEFT, cursor.y).lineTo(RIGHT, cursor.y).lineWidth(0.25).strokeColor('#999999').stroke()
  }
  doc.strokeColor('black')
  cursor.y += 4
}

export function totals(cursor: Cursor, order: PrintableOrder) {
  const { doc } = cursor
  const sums = orderTotals(order.items)
  const lines = [
    `Items: ${order.items.reduce((n, i) => n + i.quantity, 0)}`,
    `Square feet: ${decimal(sums.squareFeet)}`,
    ...(sums.unpriced ? [`Not priced yet: ${sums.unpriced}`] : []),
  ]
  ensure(cursor, 34)
  text(doc, lines.join('    '), LEFT, cursor.y, CONTENT_WIDTH * 0.65)
  doc
    .font(BOLD)
    .fontSize(12)
    .text(`Total ${money(sums.total)}`, LEFT, cursor.y, {
      width: CONTENT_WIDTH,
      align: 'right',
    })
  cursor.y = doc.y + 10
}

/** Special instructions and the like: a heading and the text, broken across pages line by line. */
export function sections(cursor: Cursor, order: PrintableOrder) {
  const { doc } = cursor
  for (const section of order.sections) {
    ensure(cursor, 28)
    text(doc, section.title, LEFT, cursor.y, CONTENT_WIDTH, BOLD, 10)
    cursor.y = doc.y + 1
    for (const paragraph of printable(section.text).split(/\r?\n/)) {
      const h = height(doc, paragraph, CONTENT_WIDTH)
      ensure(cursor, Math.min(h, CONTENT_BOTTOM - PAGE.margin - 40))
      text(doc, paragraph, LEFT, cursor.y, CONTENT_WIDTH)
      cursor.y = doc.y
    }
    cursor.y += 8
  }
}

/** Boxes to sign on paper: name, date, initials. */
export function signOffs(cursor: Cursor, order: PrintableOrder) {
  if (order.signOffs.length === 0) return
  const { doc } = cursor
  const h = 46
  ensure(cursor, h)
  const gap = 10
  const width = (CONTENT_WIDTH - gap * (order.signOffs.length - 1)) / order.signOffs.length
  order.signOffs.forEach((label, i) => {
    const x = LEFT + i * (width + gap)
    doc.rect(x, cursor.y, width, h).lineWidth(0.75).stroke()
    text(doc, label, x + 4, cursor.y + 3, width - 8, BOLD)
    text(doc, 'By:                     Date:', x + 4, cursor.y + 26, width - 8)
  })
  cursor.y += h + 8
}
