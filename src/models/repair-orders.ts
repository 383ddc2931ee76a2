import { sql } from 'drizzle-orm'
import {
  boolean,
  check,
  date,
  index,
  integer,
  numeric,
  pgEnum,
  pgSequence,
  pgTable,
  text,
  timestamp,
  uniqueIndex,
} from 'drizzle-orm/pg-core'
import { customerItems } from './catalog.js'
import { id, timestamps } from './columns.js'
import { customers } from './customers.js'
import { users } from './users.js'
import { quoteStatus, returnStatus, storageTime, workOrders } from './work-orders.js'

/** The life of a repair (docs/REPAIR-ORDERS.md); transitions are validated by src/domain/repair-order-status.ts. */
export const repairOrderStatus = pgEnum('repair_order_status', [
  'received',
  'quoted',
  'approved',
  'at_subcontractor',
  'back_from_sub',
  'repaired',
  'completed',
  'cancelled',
])

/** Repair orders have their own numbers, from their own sequence (safe with several instances). */
export const repairOrderNumberSeq = pgSequence('repair_order_number_seq', { startWith: 1 })

export const repairOrders = pgTable(
  'repair_orders',
  {
    id: id(),
    repairOrderNo: integer('repair_order_no').notNull().default(sql`nextval('repair_order_number_seq')`),
    customerId: integer('customer_id')
      .notNull()
      .references(() => customers.id, { onDelete: 'restrict' }),
    // At most one repair order per work order (unique), and deleting the work order keeps the repair
    // (the repair is its own job with its own price and subcontractor): the link is just cleared.
    workOrderId: integer('work_order_id').references(() => workOrders.id, { onDelete: 'set null' }),
    name: text('name'),
    status: repairOrderStatus('status').notNull().default('received'),
    quoteStatus: quoteStatus('quote_status'),
    dateIn: date('date_in', { mode: 'string' }).notNull().defaultNow(),
    dateRequired: date('date_required', { mode: 'string' }),
    dateToSub: date('date_to_sub', { mode: 'string' }),
    dateBackFromSub: date('date_back_from_sub', { mode: 'string' }),
    returnDate: date('return_date', { mode: 'string' }),
    dateCompleted: date('date_completed', { mode: 'string' }),
    rush: boolean('rush').notNull().default(false),
    firmRush: boolean('firm_rush').notNull().default(false),
    repairPrice: numeric('repair_price', { precision: 10, scale: 2, mode: 'number' }),
    /** What the legacy CUSTOMERPRICE said when it was not a price ("call", "TBD"). */
    priceNote: text('price_note'),
    repairsDoneBy: text('repairs_done_by'),
    materialList: text('material_list'),
    itemType: text('item_type'),
    repairType: text('repair_type'),
    location: text('location'),
    rackLocation: text('rack_location'),
    storageTime: storageTime('storage_time'),
    specialInstructions: text('special_instructions'),
    returnStatus: returnStatus('return_status'),
    returnTo: text('return_to'),
    /** The legacy SEECLEAN text when it named no work order that could be linked. */
    workOrderNote: text('work_order_note'),
    ...timestamps,
  },
  (t) => [
    uniqueIndex('repair_orders_repair_order_no_key').on(t.repairOrderNo),
    uniqueIndex('repair_orders_work_order_id_key').on(t.workOrderId),
    index('repair_orders_customer_id_idx').on(t.customerId),
    index('repair_orders_status_date_in_idx').on(t.status, t.dateIn, t.id),
    index('repair_orders_date_in_idx').on(t.dateIn, t.id),
    index('repair_orders_date_required_idx').on(t.dateRequired, t.id),
    index('repair_orders_date_completed_idx').on(t.dateCompleted, t.id),
    index('repair_orders_name_trgm_idx').using('gin', sql`lower(${t.name}) gin_trgm_ops`),
    check('repair_orders_repair_price_nonnegative', sql`${t.repairPrice} >= 0`),
  ],
)

/** The same shape as work order items (src/schemas/items.ts), on a repair order. */
export const repairOrderItems = pgTable(
  'repair_order_items',
  {
    id: id(),
    repairOrderId: integer('repair_order_id')
      .notNull()
      .references(() => repairOrders.id, { onDelete: 'cascade' }),
    catalogItemId: integer('catalog_item_id').references(() => customerItems.id, { onDelete: 'set null' }),
    description: text('description').notNull(),
    material: text('material'),
    quantity: integer('quantity').notNull().default(1),
    condition: text('condition'),
    color: text('color'),
    sizeText: text('size_text'),
    squareFeet: numeric('square_feet', { precision: 10, scale: 2, mode: 'number' }),
    unitPrice: numeric('unit_price', { precision: 10, scale: 2, mode: 'number' }),
    ...timestamps,
  },
  (t) => [
    index('repair_order_items_repair_order_id_idx').on(t.repairOrderId),
    index('repair_order_items_catalog_item_id_idx').on(t.catalogItemId),
    check('repair_order_items_quantity_positive', sql`${t.quantity} > 0`),
    check('repair_order_items_unit_price_nonnegative', sql`${t.unitPrice} >= 0`),
  ],
)

export const repairOrderStatusHistory = pgTable(
  'repair_order_status_history',
  {
    id: id(),
    repairOrderId: integer('repair_order_id')
      .notNull()
      .references(() => repairOrders.id, { onDelete: 'cascade' }),
    fromStatus: repairOrderStatus('from_status'),
    toStatus: repairOrderStatus('to_status').notNull(),
    changedBy: integer('changed_by').references(() => users.id, { onDelete: 'set null' }),
    note: text('note'),
    changedAt: timestamp('changed_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('repair_order_status_history_repair_order_idx').on(t.repairOrderId, t.changedAt)],
)

export type RepairOrder = typeof repairOrders.$inferSelect
export type NewRepairOrder = typeof repairOrders.$inferInsert
export type RepairOrderItem = typeof repairOrderItems.$inferSelect
export type NewRepairOrderItem = typeof repairOrderItems.$inferInsert
export type RepairOrderStatus = (typeof repairOrderStatus.enumValues)[number]
