import { REPAIR_ORDER_STATUS_LABELS } from '../domain/repair-order-status.js'
import type { PrintableOrder } from '../pdf/printable-order.js'
import type { RepairOrderToPrint } from '../repositories/printing.js'
import { capitalized, printableCustomer, printableItem, returnWords } from './printable-work-order.js'

// A repair order as the PDF renderer prints it: the work order's layout with the subcontractor's dates,
// the repair's facts and its material list. The "RO" prefix keeps it from being read as a work order number.

const STATUS: Record<string, string> = REPAIR_ORDER_STATUS_LABELS

const money = (value: number | null) => (value === null ? null : `$${value.toFixed(2)}`)

export function printableRepairOrder(order: RepairOrderToPrint): PrintableOrder {
  const sections = [
    ...(order.materialList ? [{ title: 'Material list', text: order.materialList }] : []),
    ...(order.specialInstructions
      ? [{ title: 'Special instructions', text: order.specialInstructions }]
      : []),
    ...(order.priceNote ? [{ title: 'Price note', text: order.priceNote }] : []),
  ]
  return {
    title: 'Repair order',
    number: String(order.repairOrderNo),
    name: order.name,
    marks: order.firmRush ? ['FIRM RUSH'] : order.rush ? ['RUSH'] : [],
    customer: printableCustomer(order.customer),
    dates: [
      { label: 'Date in', value: order.dateIn },
      { label: 'Required', value: order.dateRequired },
      { label: 'To subcontractor', value: order.dateToSub },
      { label: 'Back from sub', value: order.dateBackFromSub },
      { label: 'Return', value: order.returnDate },
      { label: 'Completed', value: order.dateCompleted },
    ],
    facts: [
      { label: 'Status', value: STATUS[order.status] ?? order.status },
      { label: 'Quote', value: capitalized(order.quoteStatus) },
      { label: 'Repair price', value: money(order.repairPrice) },
      { label: 'Type of repair', value: order.repairType },
      { label: 'Item type', value: order.itemType },
      { label: 'Repairs done by', value: order.repairsDoneBy },
      {
        label: 'Work order',
        value: order.workOrder ? `#${order.workOrder.workOrderNo}` : order.workOrderNote,
      },
      { label: 'Storage', value: capitalized(order.storageTime) },
      { label: 'Location', value: order.location },
      { label: 'Rack', value: order.rackLocation },
      {
        label: 'Return',
        value: returnWords(order.returnStatus),
      },
      { label: 'Return to', value: order.returnTo },
    ],
    items: order.items.map(printableItem),
    sections,
    signOffs: ['Approved', 'Billed'],
  }
}
