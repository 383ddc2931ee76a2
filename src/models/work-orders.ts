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
import { sources } from './sources.js'
import { users } from './users.js'

/** Explicit status (the legacy system inferred it from dates); transitions are validated by the service. */
export const workOrderStatus = pgEnum('work_order_status', [
  'received',
  'queued',
  'in_progress',
  'cleaned',
  'treated',
  'packaged',
  'completed',
  'cancelled',
])
export const quoteStatus = pgEnum('quote_status', ['pending', 'approved', 'declined'])
export const storageTime = pgEnum('storage_time', ['seasonal', 'temporary'])
export const returnStatus = pgEnum('return_status', ['ship', 'deliver', 'pickup', 'rehang', 'unknown'])

export const workOrderNumberSeq = pgSequence('work_order_number_seq', { startWith: 1 })

export const workOrders = pgTable(
  'work_orders',
  {
    id: id(),
    workOrderNo: integer('work_order_no').notNull().default(sql`nextval('work_order_number_seq')`),
    customerId: integer('customer_id')
      .notNull()
      .references(() => customers.id, { onDelete: 'restrict' }),
    name: text('name'),
    status: workOrderStatus('status').notNull().default('received'),
    quoteStatus: quoteStatus('quote_status'),
    dateIn: date('date_in', { mode: 'string' }).notNull().defaultNow(),
    dateRequired: date('date_required', { mode: 'string' }),
    dateCleaned: date('date_cleaned', { mode: 'string' }),
    dateTreated: date('date_treated', { mode: 'string' }),
    datePackaged: date('date_packaged', { mode: 'string' }),
    dateCompleted: date('date_completed', { mode: 'string' }),
    rush: boolean('rush').notNull().default(false),
    firmRush: boolean('firm_rush').notNull().default(false),
    isCushion: boolean('is_cushion').notNull().default(false),
    storageTime: storageTime('storage_time'),
    rackLocation: text('rack_location'),
    specialInstructions: text('special_instructions'),
    repairsNeeded: boolean('repairs_needed').notNull().default(false),
    returnStatus: returnStatus('return_status'),
    returnTo: text('return_to'),
    shipToSourceId: integer('ship_to_source_id').references(() => sources.id, { onDelete: 'set null' }),
    queuePosition: integer('queue_position'),
    finalLocation: text('final_location'),
    ...timestamps,
  },
  (t) => [
    uniqueIndex('work_orders_work_order_no_key').on(t.workOrderNo),
    index('work_orders_customer_id_idx').on(t.customerId),
    // A status tab by date in (the list's usual view), newest first by a backward scan: the page comes
    // straight off this index. It also serves plain status filters.
    index('work_orders_status_date_in_idx').on(t.status, t.dateIn, t.id),
    // One per sort the list offers (src/repositories/work-orders.ts), so a page is the first rows of an
    // index, never a sort of the table. The list's tiebreaker (id) follows the sort's direction, so a NOT
    // NULL column's index serves both directions read backwards; a nullable one, whose nulls sort last in
    // both directions, needs a second index for descending. The unique work_order_no and date_completed
    // indexes serve their sorts with an incremental sort on id (groups of one order, or one day's).
    index('work_orders_date_in_idx').on(t.dateIn, t.id),
    index('work_orders_date_completed_idx').on(t.dateCompleted),
    index('work_orders_date_completed_desc_idx').on(
      t.dateCompleted.desc().nullsLast(),
      t.id.desc().nullsFirst(),
    ),
    index('work_orders_date_required_idx').on(t.dateRequired, t.id),
    index('work_orders_date_required_desc_idx').on(
      t.dateRequired.desc().nullsLast(),
      t.id.desc().nullsFirst(),
    ),
    index('work_orders_name_idx').on(t.name, t.id),
    index('work_orders_name_desc_idx').on(t.name.desc().nullsLast(), t.id.desc().nullsFirst()),
    index('work_orders_status_id_idx').on(t.status, t.id),
    index('work_orders_quote_status_idx').on(t.quoteStatus, t.id),
    index('work_orders_quote_status_desc_idx').on(t.quoteStatus.desc().nullsLast(), t.id.desc().nullsFirst()),
    index('work_orders_rush_idx').on(t.rush, t.id),
    index('work_orders_firm_rush_idx').on(t.firmRush, t.id),
    index('work_orders_rack_location_idx').on(t.rackLocation, t.id),
    index('work_orders_rack_location_desc_idx').on(
      t.rackLocation.desc().nullsLast(),
      t.id.desc().nullsFirst(),
    ),
    index('work_orders_ship_to_source_id_idx').on(t.shipToSourceId),
    index('work_orders_queue_idx').on(t.status, t.queuePosition),
    index('work_orders_name_trgm_idx').using('gin', sql`lower(${t.name}) gin_trgm_ops`),
    // Analytics: open orders (backlog), rush orders due soon (dashboard), customers' first orders.
    index('work_orders_open_date_in_idx')
      .on(t.dateIn)
      .where(sql`${t.status} NOT IN ('completed', 'cancelled')`),
    index('work_orders_rush_due_idx')
      .on(t.dateRequired)
      .where(sql`(${t.rush} OR ${t.firmRush}) AND ${t.status} NOT IN ('completed', 'cancelled')`),
    index('work_orders_customer_date_in_idx').on(t.customerId, t.dateIn),
  ],
)

export const workOrderItems = pgTable(
  'work_order_items',
  {
    id: id(),
    workOrderId: integer('work_order_id')
      .notNull()
      .references(() => workOrders.id, { onDelete: 'cascade' }),
    catalogItemId: integer('catalog_item_id').references(() => customerItems.id, { onDelete: 'set null' }),
    description: text('description').notNull(),
    material: text('material'),
    quantity: integer('quantity').notNull().default(1),
    condition: text('condition'),
    color: text('color'),
    sizeText: text('size_text'),
    // Parsed from sizeText when written, so analytics never parse at read time; null for sails (weights).
    squareFeet: numeric('square_feet', { precision: 10, scale: 2, mode: 'number' }),
    unitPrice: numeric('unit_price', { precision: 10, scale: 2, mode: 'number' }),
    ...timestamps,
  },
  (t) => [
    index('work_order_items_work_order_id_idx').on(t.workOrderId),
    index('work_order_items_catalog_item_id_idx').on(t.catalogItemId),
    check('work_order_items_quantity_positive', sql`${t.quantity} > 0`),
    check('work_order_items_unit_price_nonnegative', sql`${t.unitPrice} >= 0`),
  ],
)

/** Every status change: who, when, from, to (the legacy system kept no trail). */
export const workOrderStatusHistory = pgTable(
  'work_order_status_history',
  {
    id: id(),
    workOrderId: integer('work_order_id')
      .notNull()
      .references(() => workOrders.id, { onDelete: 'cascade' }),
    fromStatus: workOrderStatus('from_status'),
    toStatus: workOrderStatus('to_status').notNull(),
    changedBy: integer('changed_by').references(() => users.id, { onDelete: 'set null' }),
    note: text('note'),
    changedAt: timestamp('changed_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('work_order_status_history_work_order_idx').on(t.workOrderId, t.changedAt)],
)

export type WorkOrder = typeof workOrders.$inferSelect
export type NewWorkOrder = typeof workOrders.$inferInsert
export type WorkOrderItem = typeof workOrderItems.$inferSelect
export type NewWorkOrderItem = typeof workOrderItems.$inferInsert
export type WorkOrderStatus = (typeof workOrderStatus.enumValues)[number]
export type QuoteStatus = (typeof quoteStatus.enumValues)[number]
export type StorageTime = (typeof storageTime.enumValues)[number]
export type ReturnStatus = (typeof returnStatus.enumValues)[number]
