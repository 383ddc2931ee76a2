import { Readable } from 'node:stream'
import { pipeline } from 'node:stream/promises'
import { stringify } from 'csv-stringify'
import { neutralizeFormula } from '../domain/csv-formula.js'
import type { Customer } from '../models/index.js'
import type { ExportsRepository, ItemExportRow } from '../repositories/exports.js'

export const EXPORT_KINDS = ['work-orders', 'items', 'customers', 'repair-orders'] as const
export type ExportKind = (typeof EXPORT_KINDS)[number]

/** One column: its header and how a row becomes its cell. */
interface Column<Row> {
  header: string
  cell: (row: Row) => string | number
}

/**
 * Free text (names, descriptions, phones, addresses): what users typed, so it may start like a formula
 * and is neutralized (src/domain/csv-formula.ts). Numbers, dates, statuses and flags are written by us in
 * forms that never start with =, +, - or @, and stay as they are so a spreadsheet can compute with them.
 */
const text = <Row>(header: string, get: (row: Row) => string | null): Column<Row> => ({
  header,
  cell: (row) => neutralizeFormula(get(row) ?? ''),
})
const plain = <Row>(header: string, get: (row: Row) => string | number | null): Column<Row> => ({
  header,
  cell: (row) => get(row) ?? '',
})
const money = <Row>(header: string, get: (row: Row) => number | null): Column<Row> => ({
  header,
  cell: (row) => get(row)?.toFixed(2) ?? '',
})
const flag = <Row>(header: string, get: (row: Row) => boolean): Column<Row> => ({
  header,
  cell: (row) => (get(row) ? 'True' : 'False'),
})

const QUOTE_LEGACY: Record<string, string> = { pending: 'Yes', approved: 'Approved', declined: 'Declined' }

type RowOf<Batches> = Batches extends AsyncIterable<(infer Row)[]> ? Row : never
type WorkOrderRow = RowOf<ReturnType<ExportsRepository['workOrders']>>

/**
 * The runbook's backup columns first (WorkOrderNo, CustomerName, Status, Price), then the rest under the
 * legacy names where one exists, so the file reads back through the importer; the customer's contact last.
 */
const WORK_ORDER_COLUMNS: Column<WorkOrderRow>[] = [
  plain('WorkOrderNo', (r) => r.workOrderNo),
  text('CustomerName', (r) => r.customerName),
  plain('Status', (r) => r.status),
  money('Price', (r) => r.total),
  plain('DateIn', (r) => r.dateIn),
  plain('DateCompleted', (r) => r.dateCompleted),
  text('Source', (r) => r.sourceName),
  plain('CustID', (r) => r.customerNo),
  text('WOName', (r) => r.name),
  plain('DateRequired', (r) => r.dateRequired),
  plain('Clean', (r) => r.dateCleaned),
  plain('Treat', (r) => r.dateTreated),
  flag('RushOrder', (r) => r.rush),
  flag('FirmRush', (r) => r.firmRush),
  plain('Quote', (r) => (r.quoteStatus ? (QUOTE_LEGACY[r.quoteStatus] ?? '') : '')),
  plain('ItemCount', (r) => r.itemCount),
  plain('SquareFeet', (r) => r.squareFeet),
  text('HomePhone', (r) => r.homePhone),
  text('WorkPhone', (r) => r.workPhone),
  text('CellPhone', (r) => r.cellPhone),
  text('EmailAddress', (r) => r.email),
]

/** One row per item, under the legacy item columns (it imports back as items) and the order's key fields. */
const ITEM_COLUMNS: Column<ItemExportRow>[] = [
  plain('WorkOrderNo', (r) => r.workOrderNo),
  plain('CustID', (r) => r.customerNo),
  text('CustomerName', (r) => r.customerName),
  plain('DateIn', (r) => r.dateIn),
  plain('Status', (r) => r.status),
  text('Description', (r) => r.description),
  text('Material', (r) => r.material),
  text('Condition', (r) => r.condition),
  text('Color', (r) => r.color),
  text('SizeWgt', (r) => r.sizeText),
  plain('SquareFeet', (r) => r.squareFeet),
  plain('Qty', (r) => r.quantity),
  money('Price', (r) => r.unitPrice),
  money('LineTotal', (r) => (r.unitPrice === null ? null : r.quantity * r.unitPrice)),
]

type RepairOrderRow = RowOf<ReturnType<ExportsRepository['repairOrders']>>
const legacyWord = (value: string | null) =>
  value === null ? '' : value === 'rehang' ? 'Re-Hang' : value.charAt(0).toUpperCase() + value.slice(1)

/**
 * The legacy repair order columns (it imports back as repair orders), with our status and its dates.
 * CUSTOMERPRICE is the price, or the note when there is one (a note with one amount reads back as both).
 */
const REPAIR_ORDER_COLUMNS: Column<RepairOrderRow>[] = [
  plain('RepairOrderNo', (r) => r.repairOrderNo),
  plain('CustID', (r) => r.customerNo),
  text('CustomerName', (r) => r.customerName),
  plain('Status', (r) => r.status),
  text('ROName', (r) => r.name),
  plain('DateIn', (r) => r.dateIn),
  plain('DateRequired', (r) => r.dateRequired),
  plain('DATE TO SUB', (r) => r.dateToSub),
  plain('DateBackFromSub', (r) => r.dateBackFromSub),
  plain('DateCompleted', (r) => r.dateCompleted),
  plain('RETURNDATE', (r) => r.returnDate),
  flag('RushOrder', (r) => r.rush),
  flag('FirmRush', (r) => r.firmRush),
  plain('QUOTE', (r) => (r.quoteStatus ? (QUOTE_LEGACY[r.quoteStatus] ?? '') : '')),
  text('CUSTOMERPRICE', (r) => r.priceNote ?? r.repairPrice?.toFixed(2) ?? null),
  money('RepairPrice', (r) => r.repairPrice),
  text('RACK#', (r) => r.rackLocation),
  plain('STORAGE', (r) => legacyWord(r.storageTime)),
  text('LOCATION', (r) => r.location),
  text('ITEM TYPE', (r) => r.itemType),
  text('TYPE OF REPAIR', (r) => r.repairType),
  text('SpecialInstructions', (r) => r.specialInstructions),
  text('REPAIRSDONEBY', (r) => r.repairsDoneBy),
  text('MaterialList', (r) => r.materialList),
  text('SEECLEAN', (r) => (r.workOrderNo === null ? r.workOrderNote : String(r.workOrderNo))),
  plain('ReturnStatus', (r) => legacyWord(r.returnStatus)),
  text('ReturnTo', (r) => r.returnTo),
  plain('ItemCount', (r) => r.itemCount),
  money('ItemsTotal', (r) => r.itemsTotal),
]

/** The legacy customer columns (it imports back as customers). */
const CUSTOMER_COLUMNS: Column<Customer & { sourceName: string | null }>[] = [
  plain('CustID', (r) => r.customerNo),
  text('Name', (r) => r.name),
  text('Contact', (r) => r.contact),
  text('Address', (r) => r.address),
  text('Address2', (r) => r.address2),
  text('City', (r) => r.city),
  text('State', (r) => r.state),
  text('ZipCode', (r) => r.zip),
  text('HomePhone', (r) => r.homePhone),
  text('WorkPhone', (r) => r.workPhone),
  text('CellPhone', (r) => r.cellPhone),
  text('EmailAddress', (r) => r.email),
  text('MailAddress', (r) => r.mailAddress),
  text('MailCity', (r) => r.mailCity),
  text('MailState', (r) => r.mailState),
  text('MailZip', (r) => r.mailZip),
  text('Source', (r) => r.sourceName),
]

/** A CSV byte stream of these batches, produced batch by batch with backpressure. */
function csvStream<Row>(columns: Column<Row>[], batches: AsyncIterable<Row[]>): Readable {
  async function* records() {
    for await (const batch of batches) for (const row of batch) yield columns.map((c) => c.cell(row))
  }
  const csv = stringify({ header: true, columns: columns.map((c) => c.header) })
  // pipeline (not pipe) carries a database error mid-export into the CSV stream, which ends the
  // response instead of leaving the download hanging; Fastify logs it from there.
  pipeline(Readable.from(records()), csv).catch(() => {})
  return csv
}

/** The rows of each export, as CSV in the legacy columns (each file reads back through the importer). */
export const toCsv = {
  'work-orders': (batches: AsyncIterable<WorkOrderRow[]>) => csvStream(WORK_ORDER_COLUMNS, batches),
  items: (batches: AsyncIterable<ItemExportRow[]>) => csvStream(ITEM_COLUMNS, batches),
  customers: (batches: AsyncIterable<(Customer & { sourceName: string | null })[]>) =>
    csvStream(CUSTOMER_COLUMNS, batches),
  'repair-orders': (batches: AsyncIterable<RepairOrderRow[]>) => csvStream(REPAIR_ORDER_COLUMNS, batches),
} satisfies Record<ExportKind, unknown>
