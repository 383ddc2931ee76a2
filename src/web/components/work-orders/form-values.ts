import { isCalendarDate } from '../../../domain/shop-date.js'
import type { ItemInput, WorkOrderFields } from '../../../services/work-orders.js'
import type { FormState } from '../../form.js'

/** The work order form's fields: the order's own, then `item-<i>-<field>` per item row. */
export const ORDER_FIELDS = [
  'customerId',
  'customerSearch',
  'name',
  'dateIn',
  'dateRequired',
  'rush',
  'firmRush',
  'isCushion',
  'quoteStatus',
  'storageTime',
  'rackLocation',
  'repairsNeeded',
  'returnStatus',
  'returnTo',
  'finalLocation',
  'specialInstructions',
] as const
export const ITEM_FIELDS = [
  'id',
  'catalog',
  'description',
  'material',
  'color',
  'condition',
  'size',
  'quantity',
  'price',
  'remove',
] as const

export const LABELS: Record<string, string> = {
  customerId: 'Customer',
  customerSearch: 'Find the customer',
  name: 'Order name',
  dateIn: 'Date in',
  dateRequired: 'Date required',
  rush: 'Rush',
  firmRush: 'Firm rush',
  isCushion: 'Cushion order',
  quoteStatus: 'Quote',
  storageTime: 'Storage',
  rackLocation: 'Rack location',
  repairsNeeded: 'Repairs needed',
  returnStatus: 'Return',
  returnTo: 'Return to',
  finalLocation: 'Final location',
  specialInstructions: 'Special instructions',
  description: 'Description',
  material: 'Material',
  color: 'Color',
  condition: 'Condition',
  size: 'Size',
  quantity: 'Quantity',
  price: 'Unit price ($)',
  catalog: 'From the catalog',
}

export const MAX_ITEMS = 50
export const itemName = (i: number, field: string) => `item-${i}-${field}`

export type Values = Record<string, string>

const text = (body: Record<string, unknown>, name: string, keepRaw = false): string => {
  const raw = body[name]
  const first = Array.isArray(raw) ? raw[0] : raw
  const value = typeof first === 'string' ? first : ''
  return keepRaw ? value : value.trim()
}

/** Every value of the posted (or drafted) form as strings, with the number of item rows. */
export function readOrderForm(body: unknown): { values: Values; itemCount: number } {
  const source = (body && typeof body === 'object' ? body : {}) as Record<string, unknown>
  const values: Values = {}
  for (const name of ORDER_FIELDS) values[name] = text(source, name, name === 'specialInstructions')
  const count = Number(text(source, 'itemCount'))
  const itemCount = Number.isInteger(count) && count >= 0 ? Math.min(count, MAX_ITEMS) : 0
  for (let i = 0; i < itemCount; i++)
    for (const field of ITEM_FIELDS) values[itemName(i, field)] = text(source, itemName(i, field))
  return { values, itemCount }
}

const blankRow = (values: Values, i: number) =>
  !values[itemName(i, 'id')] &&
  !values[itemName(i, 'catalog')] &&
  ['description', 'material', 'color', 'condition', 'size', 'price'].every((f) => !values[itemName(i, f)])

const orNull = (v: string | undefined) => (v ? v : null)
const LIMITS: Record<string, number> = {
  name: 300,
  rackLocation: 100,
  returnTo: 300,
  finalLocation: 200,
  specialInstructions: 4000,
  description: 300,
  material: 200,
  condition: 200,
  color: 100,
  size: 200,
}
const ENUMS: Record<string, readonly string[]> = {
  quoteStatus: ['pending', 'approved', 'declined'],
  storageTime: ['seasonal', 'temporary'],
  returnStatus: ['ship', 'deliver', 'pickup', 'rehang', 'unknown'],
}

export interface ParsedItem {
  /** Set for an item already on the order (edit). */
  id?: number
  remove: boolean
  input: ItemInput
}

/**
 * Checks the form as the API's schema would, field by field, so each message sits beside its field.
 * Returns the service's input when there is nothing to say.
 */
export function validateOrderForm(values: Values, itemCount: number, mode: 'new' | 'edit') {
  const errors: FormState['errors'] = {}
  const customerId = Number(values.customerId)
  if (mode === 'new' && !(Number.isInteger(customerId) && customerId >= 1 && customerId <= 2_147_483_647))
    errors.customerSearch = 'Find and choose the customer'
  for (const [name, max] of Object.entries(LIMITS))
    if (values[name] && (values[name]?.length ?? 0) > max) errors[name] = `At most ${max} characters`
  for (const name of ['dateIn', 'dateRequired'])
    if (values[name] && !isCalendarDate(values[name] ?? '')) errors[name] = 'A date like 2026-05-31'
  if (
    values.dateIn &&
    values.dateRequired &&
    !errors.dateIn &&
    !errors.dateRequired &&
    values.dateRequired < values.dateIn
  )
    errors.dateRequired = 'The date required cannot be before the date in'
  for (const [name, allowed] of Object.entries(ENUMS))
    if (values[name] && !allowed.includes(values[name] ?? '')) errors[name] = 'Choose one of the options'

  const items: ParsedItem[] = []
  for (let i = 0; i < itemCount; i++) {
    if (blankRow(values, i)) continue
    const v = (f: string) => values[itemName(i, f)] ?? ''
    const field = (f: string) => itemName(i, f)
    const id = v('id') ? Number(v('id')) : undefined
    const catalog = v('catalog') ? Number(v('catalog')) : undefined
    if (!catalog && !v('description'))
      errors[field('description')] = 'Describe the item, or pick it from the catalog'
    for (const f of ['description', 'material', 'color', 'condition', 'size'])
      if (v(f).length > (LIMITS[f] ?? 200)) errors[field(f)] = `At most ${LIMITS[f]} characters`
    const quantity = v('quantity') ? Number(v('quantity')) : 1
    if (!Number.isInteger(quantity) || quantity < 1 || quantity > 10_000)
      errors[field('quantity')] = 'A whole number from 1 to 10,000'
    const priceText = v('price').replace(/[$,\s]/g, '')
    const price = priceText ? Number(priceText) : null
    if (price !== null && (!/^\d{1,8}(\.\d{1,2})?$/.test(priceText) || !Number.isFinite(price)))
      errors[field('price')] = 'A price like 125 or 125.50'
    const input: ItemInput =
      catalog && !id
        ? { catalogItemId: catalog, quantity, ...(price !== null ? { unitPrice: price } : {}) }
        : {
            description: v('description'),
            material: orNull(v('material')),
            color: orNull(v('color')),
            condition: orNull(v('condition')),
            sizeText: orNull(v('size')),
            quantity,
            unitPrice: price,
          }
    items.push({
      ...(id !== undefined && Number.isInteger(id) ? { id } : {}),
      remove: v('remove') === 'on',
      input,
    })
  }

  const fields: Partial<WorkOrderFields> = {
    name: orNull(values.name),
    dateRequired: orNull(values.dateRequired),
    rush: values.rush === 'on',
    firmRush: values.firmRush === 'on',
    isCushion: values.isCushion === 'on',
    quoteStatus: orNull(values.quoteStatus) as WorkOrderFields['quoteStatus'],
    storageTime: orNull(values.storageTime) as WorkOrderFields['storageTime'],
    rackLocation: orNull(values.rackLocation),
    repairsNeeded: values.repairsNeeded === 'on',
    returnStatus: orNull(values.returnStatus) as WorkOrderFields['returnStatus'],
    returnTo: orNull(values.returnTo),
    finalLocation: orNull(values.finalLocation),
    specialInstructions: values.specialInstructions?.trim() ? (values.specialInstructions ?? null) : null,
  }
  if (mode === 'new' && values.dateIn) fields.dateIn = values.dateIn
  return { errors, customerId, fields, items }
}
