import { WORK_ORDER_STATUS_LABELS } from '../domain/work-order-status.js'
import type { PrintableOrder, PrintField } from '../pdf/printable-order.js'
import type { OrderToPrint } from '../repositories/printing.js'

// A work order as the PDF renderer prints it (src/pdf/printable-order.ts); printable-repair-order.ts is
// its sibling and shares the customer block.

const STATUS: Record<string, string> = WORK_ORDER_STATUS_LABELS
const RETURN: Record<string, string> = {
  ship: 'Ship',
  deliver: 'Deliver',
  pickup: 'Pickup',
  rehang: 'Re-hang',
  unknown: 'Unknown',
}
export const capitalized = (value: string | null) =>
  value ? value.charAt(0).toUpperCase() + value.slice(1) : null

/** How a return status is printed ("Re-hang"); null when there is none. */
export const returnWords = (status: string | null) => (status ? (RETURN[status] ?? status) : null)

/** "City, ST 12345" from whichever parts there are. */
function cityLine(city: string | null, state: string | null, zip: string | null): string | null {
  const region = [state, zip].filter(Boolean).join(' ')
  const line = [city, region].filter(Boolean).join(', ')
  return line || null
}

/** The customer block, the same on work and repair orders. */
export function printableCustomer(customer: OrderToPrint['customer']): PrintableOrder['customer'] {
  const phones: PrintField[] = [
    { label: 'Cell', value: customer.cellPhone },
    { label: 'Home', value: customer.homePhone },
    { label: 'Work', value: customer.workPhone },
  ]
  return {
    name: customer.name,
    number: String(customer.customerNo),
    contact: customer.contact,
    addressLines: [
      customer.address,
      customer.address2,
      cityLine(customer.city, customer.state, customer.zip),
    ].filter((line): line is string => Boolean(line)),
    phones,
    email: customer.email,
  }
}

/** An order item as printed: the same columns on work and repair orders. */
export function printableItem(item: PrintableOrder['items'][number]): PrintableOrder['items'][number] {
  const { description, material, color, condition, sizeText, squareFeet, quantity, unitPrice } = item
  return { description, material, color, condition, sizeText, squareFeet, quantity, unitPrice }
}

export function printableWorkOrder(order: OrderToPrint): PrintableOrder {
  const marks = [
    ...(order.firmRush ? ['FIRM RUSH'] : order.rush ? ['RUSH'] : []),
    ...(order.isCushion ? ['CUSHION'] : []),
  ]
  return {
    title: 'Work order',
    number: String(order.workOrderNo),
    name: order.name,
    marks,
    customer: printableCustomer(order.customer),
    dates: [
      { label: 'Date in', value: order.dateIn },
      { label: 'Required', value: order.dateRequired },
      { label: 'Cleaned', value: order.dateCleaned },
      { label: 'Treated', value: order.dateTreated },
      { label: 'Packaged', value: order.datePackaged },
      { label: 'Completed', value: order.dateCompleted },
    ],
    facts: [
      { label: 'Status', value: STATUS[order.status] ?? order.status },
      { label: 'Quote', value: capitalized(order.quoteStatus) },
      { label: 'Storage', value: capitalized(order.storageTime) },
      { label: 'Rack', value: order.rackLocation },
      {
        label: 'Return',
        value: returnWords(order.returnStatus),
      },
      { label: 'Return to', value: order.returnTo },
      { label: 'Ship to', value: order.shipTo?.name ?? null },
      { label: 'Final location', value: order.finalLocation },
      { label: 'Repairs needed', value: order.repairsNeeded ? 'Yes' : 'No' },
    ],
    items: order.items.map(printableItem),
    sections: order.specialInstructions
      ? [{ title: 'Special instructions', text: order.specialInstructions }]
      : [],
    signOffs: ['Approved', 'Billed'],
  }
}
