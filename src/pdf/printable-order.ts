// The neutral shape the PDF renderer prints. A work order is mapped into it now
// (src/services/printable-work-order.ts); a repair order maps into the same shape with its own title, dates,
// facts and sections, so one renderer prints both. Plain data only: no database rows, no framework.

/** A labelled value: a date, a fact of the order, a phone. A blank value prints as an empty line to fill in. */
export interface PrintField {
  label: string
  value: string | null
}

export interface PrintableItem {
  description: string
  material: string | null
  color: string | null
  condition: string | null
  sizeText: string | null
  /** Square feet of one piece; null for sails (weights) and sizes that gave none. */
  squareFeet: number | null
  quantity: number
  /** Unit price; null when not priced yet. */
  unitPrice: number | null
}

export interface PrintableOrder {
  /** "Work order", "Repair order": the heading and the file name's first word. */
  title: string
  /** The human number, printed and encoded in the barcode (Code 128). */
  number: string
  /** The order's own name ("Dock awnings"), if any. */
  name: string | null
  /** Big marks across the top: FIRM RUSH, RUSH, CUSHION… (empty for a regular order). */
  marks: string[]
  customer: {
    name: string
    number: string | null
    contact: string | null
    /** Street, city line… already joined as they are printed. */
    addressLines: string[]
    phones: PrintField[]
    email: string | null
  }
  dates: PrintField[]
  /** Storage, rack, return status, return-to, ship-to, status…: printed as a two-column grid. */
  facts: PrintField[]
  items: PrintableItem[]
  /** Longer text: special instructions, repairs needed, a repair order's material list. */
  sections: { title: string; text: string }[]
  /** Boxes to sign or tick on paper: "Approved", "Billed". */
  signOffs: string[]
}

export interface ShopHeader {
  name: string
  addressLines: string[]
  phone: string | null
}

/** Quantity × unit price; an unpriced item adds nothing. */
export function lineTotal(item: PrintableItem): number {
  return item.unitPrice === null ? 0 : Math.round(item.quantity * item.unitPrice * 100) / 100
}

export function orderTotals(items: PrintableItem[]) {
  let total = 0
  let squareFeet = 0
  let unpriced = 0
  for (const item of items) {
    total += lineTotal(item)
    squareFeet += item.squareFeet === null ? 0 : item.quantity * item.squareFeet
    if (item.unitPrice === null) unpriced++
  }
  return { total: Math.round(total * 100) / 100, squareFeet: Math.round(squareFeet * 100) / 100, unpriced }
}
