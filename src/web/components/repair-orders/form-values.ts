import { isCalendarDate } from '../../../domain/shop-date.js'
import type { RepairOrderDetail, RepairOrderFields } from '../../../services/repair-orders.js'
import type { FormState } from '../../form.js'
import { readOrderForm, type Values, validateOrderForm } from '../work-orders/form-values.js'

/** The repair order's own fields, beside the ones it shares with the work order form (read by readOrderForm). */
export const REPAIR_FIELDS = [
  'repairPrice',
  'priceNote',
  'repairsDoneBy',
  'materialList',
  'itemType',
  'repairType',
  'location',
  'returnDate',
  'workOrderNo',
] as const

export const REPAIR_LABELS: Record<string, string> = {
  repairPrice: 'Repair price ($)',
  priceNote: 'Price note',
  repairsDoneBy: 'Repairs done by',
  materialList: 'Material list',
  itemType: 'Item type',
  repairType: 'Type of repair',
  location: 'Location',
  returnDate: 'Return date',
  workOrderNo: 'Work order number (optional)',
}

const LIMITS: Record<string, number> = {
  priceNote: 500,
  repairsDoneBy: 200,
  materialList: 4000,
  itemType: 200,
  repairType: 500,
  location: 200,
}

export function readRepairForm(body: unknown): { values: Values; itemCount: number } {
  const read = readOrderForm(body)
  const source = (body && typeof body === 'object' ? body : {}) as Record<string, unknown>
  for (const name of REPAIR_FIELDS) {
    const raw = source[name]
    const first = Array.isArray(raw) ? raw[0] : raw
    read.values[name] = typeof first === 'string' ? (name === 'materialList' ? first : first.trim()) : ''
  }
  return read
}

const orNull = (v: string | undefined) => (v ? v : null)

/**
 * The work order form's checks for what both forms share (customer, dates, quote, storage, return, items),
 * then the repair order's own fields.
 */
export function validateRepairForm(values: Values, itemCount: number, mode: 'new' | 'edit') {
  const shared = validateOrderForm(values, itemCount, mode)
  const errors: FormState['errors'] = shared.errors
  for (const [name, max] of Object.entries(LIMITS))
    if ((values[name]?.length ?? 0) > max) errors[name] = `At most ${max} characters`
  const priceText = (values.repairPrice ?? '').replace(/[$,\s]/g, '')
  if (priceText && !/^\d{1,8}(\.\d{1,2})?$/.test(priceText)) errors.repairPrice = 'A price like 120 or 120.50'
  if (values.returnDate && !isCalendarDate(values.returnDate)) errors.returnDate = 'A date like 2026-05-31'
  const workOrderText = values.workOrderNo ?? ''
  if (workOrderText && !/^\d{1,9}$/.test(workOrderText)) errors.workOrderNo = 'A work order number, like 1042'
  const f = shared.fields
  const fields: Partial<RepairOrderFields> = {
    name: f.name ?? null,
    dateRequired: f.dateRequired ?? null,
    rush: f.rush ?? false,
    firmRush: f.firmRush ?? false,
    quoteStatus: f.quoteStatus ?? null,
    storageTime: f.storageTime ?? null,
    rackLocation: f.rackLocation ?? null,
    returnStatus: f.returnStatus ?? null,
    returnTo: f.returnTo ?? null,
    specialInstructions: f.specialInstructions ?? null,
    repairPrice: priceText ? Number(priceText) : null,
    priceNote: orNull(values.priceNote),
    repairsDoneBy: orNull(values.repairsDoneBy),
    materialList: values.materialList?.trim() ? (values.materialList ?? null) : null,
    itemType: orNull(values.itemType),
    repairType: orNull(values.repairType),
    location: orNull(values.location),
    returnDate: orNull(values.returnDate),
    ...(f.dateIn ? { dateIn: f.dateIn } : {}),
  }
  const workOrderNo = workOrderText && !errors.workOrderNo ? Number(workOrderText) : undefined
  return { errors, customerId: shared.customerId, fields, items: shared.items, workOrderNo }
}

/** The form's values of an existing repair order (edit), items included. */
export function repairValues(order: RepairOrderDetail): { values: Values; itemCount: number } {
  const s = (v: string | number | null | undefined) => (v === null || v === undefined ? '' : String(v))
  const on = (b: boolean) => (b ? 'on' : '')
  const values: Values = {
    name: s(order.name),
    dateRequired: s(order.dateRequired),
    rush: on(order.rush),
    firmRush: on(order.firmRush),
    quoteStatus: s(order.quoteStatus),
    storageTime: s(order.storageTime),
    rackLocation: s(order.rackLocation),
    returnStatus: s(order.returnStatus),
    returnTo: s(order.returnTo),
    specialInstructions: s(order.specialInstructions),
    repairPrice: s(order.repairPrice),
    priceNote: s(order.priceNote),
    repairsDoneBy: s(order.repairsDoneBy),
    materialList: s(order.materialList),
    itemType: s(order.itemType),
    repairType: s(order.repairType),
    location: s(order.location),
    returnDate: s(order.returnDate),
  }
  order.items.forEach((item, i) => {
    Object.assign(values, {
      [`item-${i}-id`]: String(item.id),
      [`item-${i}-description`]: item.description,
      [`item-${i}-material`]: s(item.material),
      [`item-${i}-color`]: s(item.color),
      [`item-${i}-condition`]: s(item.condition),
      [`item-${i}-size`]: s(item.sizeText),
      [`item-${i}-quantity`]: String(item.quantity),
      [`item-${i}-price`]: s(item.unitPrice),
    })
  })
  return { values, itemCount: order.items.length + 1 }
}
