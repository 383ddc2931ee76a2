import { sql } from 'drizzle-orm'
import {
  boolean,
  check,
  date,
  index,
  integer,
  numeric,
  pgEnum,
  pgTable,
  text,
  timestamp,
  uniqueIndex,
} from 'drizzle-orm/pg-core'
import { customerItems } from './catalog.js'
import { id, timestamps } from './columns.js'
import { customers } from './customers.js'
import { repairOrders } from './repair-orders.js'
import { users } from './users.js'
import { storageTime, workOrders } from './work-orders.js'

/** pending → converted (into a work order) or cancelled; both are final (docs/CHECK-INS.md). */
export const checkInState = pgEnum('check_in_state', ['pending', 'converted', 'cancelled'])

/**
 * Items dropped off at the counter before an order is written. Its fields are the work order's that are
 * known at the counter, so a conversion carries every one of them over (docs/CHECK-INS.md, "Mapping").
 */
export const checkIns = pgTable(
  'check_ins',
  {
    id: id(),
    customerId: integer('customer_id')
      .notNull()
      .references(() => customers.id, { onDelete: 'restrict' }),
    state: checkInState('state').notNull().default('pending'),
    dateIn: date('date_in', { mode: 'string' }).notNull().defaultNow(),
    dateRequired: date('date_required', { mode: 'string' }),
    rush: boolean('rush').notNull().default(false),
    firmRush: boolean('firm_rush').notNull().default(false),
    storageTime: storageTime('storage_time'),
    rackLocation: text('rack_location'),
    repairsNeeded: boolean('repairs_needed').notNull().default(false),
    specialInstructions: text('special_instructions'),
    /**
     * The order it became: a work order or a repair order, never both. Set null if that order is later
     * deleted (the check-in stays converted: its items did go into an order).
     */
    workOrderId: integer('work_order_id').references(() => workOrders.id, { onDelete: 'set null' }),
    repairOrderId: integer('repair_order_id').references(() => repairOrders.id, { onDelete: 'set null' }),
    createdBy: integer('created_by').references(() => users.id, { onDelete: 'set null' }),
    closedAt: timestamp('closed_at', { withTimezone: true }),
    ...timestamps,
  },
  (t) => [
    // The list's default view (pending first, oldest first) and the state filter read this index.
    index('check_ins_state_date_in_idx').on(t.state, t.dateIn, t.id),
    // The navigation badge: one count of pending rows, answered from this small partial index.
    index('check_ins_pending_idx').on(t.id).where(sql`${t.state} = 'pending'`),
    index('check_ins_customer_id_idx').on(t.customerId),
    index('check_ins_date_in_idx').on(t.dateIn, t.id),
    // One check-in per order: a second conversion can never point at the same order either.
    uniqueIndex('check_ins_work_order_id_key').on(t.workOrderId),
    uniqueIndex('check_ins_repair_order_id_key').on(t.repairOrderId),
    check(
      'check_ins_order_only_when_converted',
      sql`(${t.workOrderId} IS NULL AND ${t.repairOrderId} IS NULL) OR ${t.state} = 'converted'`,
    ),
    check('check_ins_one_order', sql`num_nonnulls(${t.workOrderId}, ${t.repairOrderId}) <= 1`),
  ],
)

/** The work order item's shape (src/schemas/items.ts), with the quoted price as its unit price. */
export const checkInItems = pgTable(
  'check_in_items',
  {
    id: id(),
    checkInId: integer('check_in_id')
      .notNull()
      .references(() => checkIns.id, { onDelete: 'cascade' }),
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
    index('check_in_items_check_in_id_idx').on(t.checkInId),
    index('check_in_items_catalog_item_id_idx').on(t.catalogItemId),
    check('check_in_items_quantity_positive', sql`${t.quantity} > 0`),
    check('check_in_items_unit_price_nonnegative', sql`${t.unitPrice} >= 0`),
  ],
)

export type CheckIn = typeof checkIns.$inferSelect
export type NewCheckIn = typeof checkIns.$inferInsert
export type CheckInItem = typeof checkInItems.$inferSelect
export type NewCheckInItem = typeof checkInItems.$inferInsert
export type CheckInState = (typeof checkInState.enumValues)[number]
