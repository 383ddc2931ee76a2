// The legacy repair order export (RepairOrderNo, CUSTOMERPRICE, SEECLEAN…) mapped onto our repair orders.
// Pure: no I/O, never throws. The column names are the old export's, spaces and symbols included.
import type { RepairOrderStatus } from '../models/repair-orders.js'
import type { ItemFields } from '../schemas/items.js'
import {
  finish,
  type LegacyRow,
  type MapResult,
  mapOrderItemRow,
  parseLegacyDate,
  parseLegacyInteger,
  parseLegacyPrice,
  QUOTES,
  type QuoteStatus,
  RETURN_STATUSES,
  type ReturnStatus,
  rowReader,
  STORAGE_TIMES,
  type StorageTime,
} from './legacy.js'

/** CUSTOMERPRICE read as a person would: a price, a note, or a price with a note beside it. */
export interface RepairPrice {
  price: number | null
  note: string | null
}

const CURRENCY = /\$|\busd\b|\bdollars?\b/gi
/** One amount: `1,200`, `120.00`, `120.`, `.50`, `120,50` (a decimal comma). */
const AMOUNT = /(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d*)?|\.\d+/g

/**
 * `$120`, `120.00`, `1,200`, `$ 85.-`, `120,50` are prices; `call`, `TBD`, `N/C` are notes; text holding
 * exactly one amount among words (`$120 + tax`, `approx 85`) is that price, the whole text kept as the note;
 * two amounts (`50-75`, `120 or 150`) are a note only. Never an error: the text is always kept somewhere.
 */
export function parseRepairPrice(raw: string | null): RepairPrice {
  if (raw === null || raw.trim() === '') return { price: null, note: null }
  const text = raw.trim()
  const bare = text
    .replace(CURRENCY, '')
    .replace(/\.-$|-$/, '')
    .trim()
  const decimalComma = /^\d+,\d{2}$/.test(bare) ? bare.replace(',', '.') : bare
  const whole = parseLegacyPrice(decimalComma)
  if (whole.ok && whole.value !== null) return { price: whole.value, note: null }
  const amounts = text.match(AMOUNT) ?? []
  if (amounts.length === 1 && !/-\s*\$?\s*\d/.test(text)) {
    const one = parseLegacyPrice(amounts[0] ?? '')
    if (one.ok && one.value !== null) return { price: one.value, note: text }
  }
  return { price: null, note: text }
}

/** SEECLEAN: the number of a work order (`44321`, `44321.0`, `WO 44321`, `#44321`), or a note. */
export function parseSeeClean(raw: string | null): { workOrderNo: number | null; note: string | null } {
  if (raw === null || raw.trim() === '') return { workOrderNo: null, note: null }
  const m = /^(?:w\/?o\s*)?#?\s*(\d[\d,]*(?:\.0*)?)$/i.exec(raw.trim())
  const n = m ? parseLegacyInteger(m[1] ?? '') : null
  if (n?.ok && n.value !== null && n.value > 0) return { workOrderNo: n.value, note: null }
  return { workOrderNo: null, note: raw.trim() }
}

export interface LegacyRepairStatus {
  status: RepairOrderStatus
  quoteStatus: QuoteStatus | null
  dateToSub: string | null
  returnDate: string | null
  dateCompleted: string | null
}

/**
 * The status the legacy dates imply (docs/REPAIR-ORDERS.md): completed if DateCompleted, or if RETURNDATE
 * (returned to the customer; that date becomes the completion); at the subcontractor if DATE TO SUB;
 * cancelled if the quote was declined; approved if QUOTE is Approved or Done; quoted if QUOTE is Yes;
 * else received.
 */
export function legacyRepairStatus(values: {
  dateToSub: string | null
  returnDate: string | null
  dateCompleted: string | null
  quoteStatus: QuoteStatus | null
}): LegacyRepairStatus {
  const { dateToSub, returnDate, quoteStatus } = values
  const dateCompleted = values.dateCompleted ?? returnDate
  let status: RepairOrderStatus = 'received'
  if (dateCompleted) status = 'completed'
  else if (dateToSub) status = 'at_subcontractor'
  else if (quoteStatus === 'declined') status = 'cancelled'
  else if (quoteStatus === 'approved') status = 'approved'
  else if (quoteStatus === 'pending') status = 'quoted'
  return { status, quoteStatus, dateToSub, returnDate, dateCompleted }
}

export interface LegacyRepairOrder extends LegacyRepairStatus {
  repairOrderNo: number
  customerNo: number
  name: string | null
  dateIn: string
  dateRequired: string | null
  rush: boolean
  firmRush: boolean
  repairPrice: number | null
  priceNote: string | null
  repairsDoneBy: string | null
  materialList: string | null
  itemType: string | null
  repairType: string | null
  location: string | null
  rackLocation: string | null
  storageTime: StorageTime | null
  specialInstructions: string | null
  returnStatus: ReturnStatus | null
  returnTo: string | null
  /** SEECLEAN: the work order it names (the writer links it if it exists and is free), and its text. */
  seeCleanNo: number | null
  seeCleanText: string | null
}

export function mapRepairOrderRow(row: LegacyRow): MapResult<LegacyRepairOrder> {
  const r = rowReader(row)
  const repairOrderNo = r.required('RepairOrderNo', parseLegacyInteger)
  const customerNo = r.required('CustID', parseLegacyInteger)
  const dateIn = r.required('DateIn', parseLegacyDate)
  const dateRequired = r.parse('DateRequired', parseLegacyDate)
  const dateToSub = r.parse('DATE TO SUB', parseLegacyDate)
  const dateCompleted = r.parse('DateCompleted', parseLegacyDate)
  const returnDate = r.parse('RETURNDATE', parseLegacyDate)
  const quoteStatus = r.oneOf('QUOTE', QUOTES, 'Yes, Approved, Done or Declined')
  const storageTime = r.oneOf('STORAGE', STORAGE_TIMES, 'Seasonal or Temporary')
  const returnStatus = r.oneOf('ReturnStatus', RETURN_STATUSES, 'Ship, Deliver, Pickup, Re-Hang or Unknown')
  const price = parseRepairPrice(r.text('CUSTOMERPRICE'))
  if (price.note !== null)
    r.warnings.push(
      price.price === null
        ? `CUSTOMERPRICE: ${JSON.stringify(price.note)} is not a price; kept as the price note`
        : `CUSTOMERPRICE: read ${JSON.stringify(price.note)} as ${price.price.toFixed(2)}; the text is kept as the price note`,
    )
  const seeCleanText = r.text('SEECLEAN')
  const seeClean = parseSeeClean(seeCleanText)
  const value =
    repairOrderNo === null || customerNo === null || dateIn === null
      ? null
      : {
          repairOrderNo,
          customerNo,
          name: r.text('ROName'),
          dateIn,
          dateRequired,
          rush: r.flag('RushOrder'),
          firmRush: r.flag('FirmRush'),
          repairPrice: price.price,
          priceNote: price.note,
          repairsDoneBy: r.text('REPAIRSDONEBY'),
          materialList: r.text('MaterialList'),
          itemType: r.text('ITEM TYPE'),
          repairType: r.text('TYPE OF REPAIR'),
          location: r.text('LOCATION'),
          rackLocation: r.text('RACK#'),
          storageTime,
          specialInstructions: r.text('SpecialInstructions'),
          returnStatus,
          returnTo: r.text('ReturnTo'),
          seeCleanNo: seeClean.workOrderNo,
          seeCleanText,
          ...legacyRepairStatus({ dateToSub, returnDate, dateCompleted, quoteStatus }),
        }
  return finish(r, value)
}

/** A repair item row: the work order item columns with RepairOrderNo instead of WorkOrderNo. */
export interface LegacyRepairItem extends ItemFields {
  repairOrderNo: number
  customerNo: number | null
}

export function mapRepairItemRow(row: LegacyRow): MapResult<LegacyRepairItem> {
  const mapped = mapOrderItemRow(row, 'RepairOrderNo')
  if (!mapped.ok) return mapped
  const { orderNo, ...item } = mapped.value
  return { ...mapped, value: { ...item, repairOrderNo: orderNo } }
}
