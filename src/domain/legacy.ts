// Turns one parsed row of the legacy CSV export (csv-parse with `columns: true`) into our insert values, or
// into a list of field errors that name the column. Pure: no I/O, never throws.
import type { NewWorkOrder, WorkOrderStatus } from '../models/index.js'
import type { ItemFields } from '../schemas/items.js'
import { restoreFormula } from './csv-formula.js'
import {
  blankToNull,
  cleanLegacyEmail,
  cleanLegacyText,
  formatPhone,
  type Parsed,
  parseLegacyBoolean,
  parseLegacyDate,
  parseLegacyInteger,
  parseLegacyPrice,
} from './legacy-values.js'
import { sizeWarning } from './square-feet.js'

export {
  blankToNull,
  cleanLegacyEmail,
  cleanLegacyHeader,
  cleanLegacyText,
  formatPhone,
  type Parsed,
  parseLegacyBoolean,
  parseLegacyDate,
  parseLegacyInteger,
  parseLegacyPrice,
} from './legacy-values.js'

export type LegacyRow = Record<string, string>
/** A mapped row (with what was cleaned or doubtful in it, by column), or its field errors. */
export type MapResult<T> = { ok: true; value: T; warnings: string[] } | { ok: false; errors: string[] }
export type QuoteStatus = NonNullable<NewWorkOrder['quoteStatus']>
export type StorageTime = NonNullable<NewWorkOrder['storageTime']>
export type ReturnStatus = NonNullable<NewWorkOrder['returnStatus']>

/** A column's trimmed value, null when blank or absent; headers match case-insensitively after trimming. */
export function legacyField(row: LegacyRow, column: string): string | null {
  const wanted = column.trim().toLowerCase()
  for (const key of Object.keys(row)) {
    if (key.trim().toLowerCase() !== wanted) continue
    const value = blankToNull(row[key])
    if (value !== null) return value
  }
  return null
}

/**
 * Reads the columns of one row, collecting every field error instead of stopping at the first. A column's
 * text is cleaned as it is read (columns the import ignores cannot fail a row): NUL characters removed with
 * a warning, text that is not UTF-8 an error, and a cell our own export neutralized as a possible formula
 * (`'=…`) restored, so that export files read back unchanged.
 */
export function rowReader(row: LegacyRow) {
  const errors: string[] = []
  const warnings: string[] = []
  const malformed = new Set<string>()
  // A column may be read more than once (required, then parsed): say each thing once.
  const note = (list: string[], message: string) => {
    if (!list.includes(message)) list.push(message)
  }
  const text = (column: string): string | null => {
    const raw = legacyField(row, column)
    if (raw === null) return null
    const cleaned = cleanLegacyText(raw)
    if (!cleaned.ok) {
      malformed.add(column)
      note(errors, `${column}: ${cleaned.error}`)
      return null
    }
    if (cleaned.removedNul > 0) note(warnings, `${column}: removed ${cleaned.removedNul} NUL character(s)`)
    return blankToNull(restoreFormula(cleaned.value))
  }
  const parse = <T>(column: string, parser: (v: string) => Parsed<T | null>): T | null => {
    const result = parser(text(column) ?? '')
    if (result.ok) return result.value
    errors.push(`${column}: ${result.error}`)
    return null
  }
  const required = <T>(column: string, parser: (v: string) => Parsed<T | null>): T | null => {
    if (text(column) !== null) return parse(column, parser)
    if (malformed.has(column)) return null // already reported as such, not as missing
    errors.push(`${column} is required`)
    return null
  }
  const oneOf = <T>(column: string, choices: Record<string, T>, expected: string): T | null => {
    const raw = text(column)
    if (raw === null) return null
    const key = raw.toLowerCase().replace(/[^a-z]/g, '')
    if (Object.hasOwn(choices, key)) return choices[key] as T
    errors.push(`${column}: ${JSON.stringify(raw)} is not ${expected}`)
    return null
  }
  const flag = (column: string) => parse(column, parseLegacyBoolean) ?? false
  return { errors, warnings, text, parse, required, oneOf, flag }
}

export const asText = (v: string): Parsed<string> => ({ ok: true, value: v })

export function finish<T>(r: { errors: string[]; warnings: string[] }, value: T | null): MapResult<T> {
  if (r.errors.length > 0 || value === null) return { ok: false, errors: r.errors }
  return { ok: true, value, warnings: r.warnings }
}

export interface LegacySource {
  name: string
  address: string | null
  city: string | null
  state: string | null
  zip: string | null
  phone: string | null
  fax: string | null
  email: string | null
}

export function mapSourceRow(row: LegacyRow): MapResult<LegacySource> {
  const r = rowReader(row)
  const name = r.required('SSource', asText)
  const value =
    name === null
      ? null
      : {
          name,
          address: r.text('SourceAddress'),
          city: r.text('SourceCity'),
          state: r.text('SourceState'),
          zip: r.text('SourceZip'),
          phone: formatPhone(r.text('SourcePhone') ?? ''),
          fax: formatPhone(r.text('SourceFax') ?? ''),
          email: cleanLegacyEmail(r.text('SourceEmail') ?? ''),
        }
  return finish(r, value)
}

export interface LegacyCustomer {
  customerNo: number
  name: string
  contact: string | null
  address: string | null
  address2: string | null
  city: string | null
  state: string | null
  zip: string | null
  homePhone: string | null
  workPhone: string | null
  cellPhone: string | null
  email: string | null
  mailAddress: string | null
  mailCity: string | null
  mailState: string | null
  mailZip: string | null
  /** The legacy Source text; the caller resolves it to a source id. */
  sourceName: string | null
}

export function mapCustomerRow(row: LegacyRow): MapResult<LegacyCustomer> {
  const r = rowReader(row)
  const customerNo = r.required('CustID', parseLegacyInteger)
  const name = r.required('Name', asText)
  const phone = (column: string) => formatPhone(r.text(column) ?? '')
  const value =
    customerNo === null || name === null
      ? null
      : {
          customerNo,
          name,
          contact: r.text('Contact'),
          address: r.text('Address'),
          address2: r.text('Address2'),
          city: r.text('City'),
          state: r.text('State'),
          zip: r.text('ZipCode'),
          homePhone: phone('HomePhone'),
          workPhone: phone('WorkPhone'),
          cellPhone: phone('CellPhone'),
          email: cleanLegacyEmail(r.text('EmailAddress') ?? ''),
          mailAddress: r.text('MailAddress'),
          mailCity: r.text('MailCity'),
          mailState: r.text('MailState'),
          mailZip: r.text('MailZip'),
          sourceName: r.text('Source'),
        }
  return finish(r, value)
}

export interface LegacyStatus {
  status: WorkOrderStatus
  quoteStatus: QuoteStatus | null
  dateCleaned: string | null
  dateTreated: string | null
  dateCompleted: string | null
}

export const QUOTES: Record<string, QuoteStatus> = {
  yes: 'pending',
  pending: 'pending',
  approved: 'approved',
  done: 'approved',
  declined: 'declined',
}

/**
 * The explicit status the legacy dates and flags imply: completed if DateCompleted; packaged if FinalLocation
 * and Treat; treated if Treat; cleaned if Clean; queued if the quote is approved (Approved or Done); else
 * received (Quote Yes → quote pending, blank → no quote). Unreadable dates or quote values are errors.
 */
export function legacyStatus(row: LegacyRow): MapResult<LegacyStatus> {
  const r = rowReader(row)
  const dateCompleted = r.parse('DateCompleted', parseLegacyDate)
  const dateTreated = r.parse('Treat', parseLegacyDate)
  const dateCleaned = r.parse('Clean', parseLegacyDate)
  const quoteStatus = r.oneOf('Quote', QUOTES, 'Yes, Approved, Done or Declined')
  let status: WorkOrderStatus = 'received'
  if (dateCompleted) status = 'completed'
  else if (dateTreated && r.text('FinalLocation')) status = 'packaged'
  else if (dateTreated) status = 'treated'
  else if (dateCleaned) status = 'cleaned'
  else if (quoteStatus === 'approved') status = 'queued'
  return finish(r, { status, quoteStatus, dateCleaned, dateTreated, dateCompleted })
}

export interface LegacyWorkOrder extends LegacyStatus {
  workOrderNo: number
  customerNo: number
  name: string | null
  dateIn: string
  dateRequired: string | null
  rush: boolean
  firmRush: boolean
  isCushion: boolean
  storageTime: StorageTime | null
  rackLocation: string | null
  specialInstructions: string | null
  repairsNeeded: boolean
  /** RepairsNeeded when it was free text rather than a flag (no column of its own; worth keeping as a note). */
  repairNotes: string | null
  returnStatus: ReturnStatus | null
  returnTo: string | null
  /** The legacy ShipTo text (a source name); the caller resolves it to a source id. */
  shipToName: string | null
  finalLocation: string | null
}

export const STORAGE_TIMES: Record<string, StorageTime> = {
  seasonal: 'seasonal',
  season: 'seasonal',
  temporary: 'temporary',
  temp: 'temporary',
}
export const RETURN_STATUSES: Record<string, ReturnStatus> = {
  ship: 'ship',
  shipping: 'ship',
  deliver: 'deliver',
  delivery: 'deliver',
  pickup: 'pickup',
  rehang: 'rehang',
  unknown: 'unknown',
}
const NO_REPAIRS = new Set(['none', 'n/a', 'na', 'nothing', 'no repairs', 'no repair', '-', '--'])

/** RepairsNeeded is a flag in most rows and free text in some: text that is not a "no" means repairs. */
function readRepairs(raw: string | null): { repairsNeeded: boolean; repairNotes: string | null } {
  if (raw === null) return { repairsNeeded: false, repairNotes: null }
  const asFlag = parseLegacyBoolean(raw)
  if (asFlag.ok) return { repairsNeeded: asFlag.value ?? false, repairNotes: null }
  if (NO_REPAIRS.has(raw.toLowerCase().replace(/\.$/, ''))) return { repairsNeeded: false, repairNotes: null }
  return { repairsNeeded: true, repairNotes: raw }
}

export function mapWorkOrderRow(row: LegacyRow): MapResult<LegacyWorkOrder> {
  const r = rowReader(row)
  const workOrderNo = r.required('WorkOrderNo', parseLegacyInteger)
  const customerNo = r.required('CustID', parseLegacyInteger)
  const dateIn = r.required('DateIn', parseLegacyDate)
  const dateRequired = r.parse('DateRequired', parseLegacyDate)
  const rush = r.flag('RushOrder')
  const firmRush = r.flag('FirmRush')
  const isCushion = r.flag('isCushion')
  const storageTime = r.oneOf('StorageTime', STORAGE_TIMES, 'Seasonal or Temporary')
  const returnStatus = r.oneOf('ReturnStatus', RETURN_STATUSES, 'Ship, Deliver, Pickup, Re-Hang or Unknown')
  const status = legacyStatus(row)
  if (!status.ok) r.errors.push(...status.errors)
  else r.warnings.push(...status.warnings.filter((w) => !r.warnings.includes(w)))
  const value =
    workOrderNo === null || customerNo === null || dateIn === null || !status.ok
      ? null
      : {
          workOrderNo,
          customerNo,
          name: r.text('WOName'),
          dateIn,
          dateRequired,
          rush,
          firmRush,
          isCushion,
          storageTime,
          rackLocation: r.text('RackNo'),
          specialInstructions: r.text('SpecialInstructions'),
          ...readRepairs(r.text('RepairsNeeded')),
          returnStatus,
          returnTo: r.text('ReturnTo'),
          shipToName: r.text('ShipTo'),
          finalLocation: r.text('FinalLocation'),
          ...status.value,
        }
  return finish(r, value)
}

/** An item row: the item's own fields (src/schemas/items.ts) and the order it belongs to. */
export interface LegacyItem extends ItemFields {
  workOrderNo: number
  /** The order's customer as the export repeats it; null when the column is blank. */
  customerNo: number | null
}

export function mapItemRow(row: LegacyRow): MapResult<LegacyItem> {
  const mapped = mapOrderItemRow(row, 'WorkOrderNo')
  if (!mapped.ok) return mapped
  const { orderNo, ...item } = mapped.value
  return { ...mapped, value: { ...item, workOrderNo: orderNo } }
}

/** An item row of any order kind: the order's number is read from `orderColumn`. */
export function mapOrderItemRow(
  row: LegacyRow,
  orderColumn: string,
): MapResult<ItemFields & { orderNo: number; customerNo: number | null }> {
  const r = rowReader(row)
  const orderNo = r.required(orderColumn, parseLegacyInteger)
  const customerNo = r.parse('CustID', parseLegacyInteger)
  const description = r.required('Description', asText)
  const quantity = r.parse('Qty', parseLegacyInteger) ?? 1
  if (quantity === 0) r.errors.push(`Qty: ${JSON.stringify(r.text('Qty'))} must be more than 0`)
  const unitPrice = r.parse('Price', parseLegacyPrice)
  const sizeText = r.text('SizeWgt')
  const unreadableSize = sizeWarning(sizeText)
  if (unreadableSize) r.warnings.push(`SizeWgt: ${unreadableSize}`)
  const value =
    orderNo === null || description === null
      ? null
      : {
          orderNo,
          customerNo,
          description,
          material: r.text('Material'),
          quantity,
          condition: r.text('Condition'),
          color: r.text('Color'),
          sizeText,
          unitPrice,
        }
  return finish(r, value)
}
