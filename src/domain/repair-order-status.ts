import type { RepairOrderStatus } from '../models/repair-orders.js'
import type { Role } from '../models/users.js'
import type { QuoteStatus } from '../models/work-orders.js'

/**
 * The life of a repair order (docs/REPAIR-ORDERS.md): received → (quoted →) approved → (at the
 * subcontractor → back from the subcontractor →) repaired → completed; cancellation by a manager from any
 * open state, and reopening of a cancelled order. Pure: the service locks the row and applies the plan.
 */
const TRANSITIONS: Record<RepairOrderStatus, readonly RepairOrderStatus[]> = {
  received: ['quoted', 'approved', 'cancelled'],
  quoted: ['approved', 'cancelled'],
  approved: ['at_subcontractor', 'repaired', 'cancelled'],
  at_subcontractor: ['back_from_sub', 'cancelled'],
  back_from_sub: ['repaired', 'at_subcontractor', 'cancelled'],
  repaired: ['completed', 'cancelled'],
  completed: [],
  cancelled: ['received'],
}

/** What the shop floor records; quoting, approving, completing, cancelling and reopening are for managers. */
const STAFF_TARGETS: ReadonlySet<RepairOrderStatus> = new Set([
  'at_subcontractor',
  'back_from_sub',
  'repaired',
])

type DateColumn = 'dateToSub' | 'dateBackFromSub' | 'dateCompleted'

/** Which date a transition stamps with the shop's today when it is still empty. */
const DATE_OF: Partial<Record<RepairOrderStatus, DateColumn>> = {
  at_subcontractor: 'dateToSub',
  back_from_sub: 'dateBackFromSub',
  completed: 'dateCompleted',
}

export const OPEN_REPAIR_STATUSES: readonly RepairOrderStatus[] = Object.keys(TRANSITIONS).filter(
  (s) => s !== 'completed' && s !== 'cancelled',
) as RepairOrderStatus[]

export type RepairTransitionRefusal =
  | { code: 'repair_order.invalid_transition'; message: string }
  | { code: 'auth.forbidden'; message: string }

export interface RepairTransitionInput {
  from: RepairOrderStatus
  to: RepairOrderStatus
  role: Role
  quoteStatus: QuoteStatus | null
  /** The shop's local date, YYYY-MM-DD. */
  today: string
  dates: Record<DateColumn, string | null>
}

export type RepairTransitionResult =
  | { ok: true; set: Partial<Record<DateColumn, string | null>> & { quoteStatus?: QuoteStatus } }
  | ({ ok: false } & RepairTransitionRefusal)

export function planRepairTransition(input: RepairTransitionInput): RepairTransitionResult {
  const { from, to, role } = input
  const next = TRANSITIONS[from]
  if (!next.includes(to)) {
    return {
      ok: false,
      code: 'repair_order.invalid_transition',
      message: `A ${from} repair order cannot become ${to}${next.length ? ` (next: ${next.join(', ')})` : ''}`,
    }
  }
  if (role === 'staff' && !STAFF_TARGETS.has(to))
    return {
      ok: false,
      code: 'auth.forbidden',
      message: `Only a manager or admin can mark a repair order ${to}`,
    }
  const set: Extract<RepairTransitionResult, { ok: true }>['set'] = {}
  const column = DATE_OF[to]
  if (column && !input.dates[column]) set[column] = input.today
  // The quote follows the steps that speak about it; an order with no quote may be approved as it is.
  if (to === 'quoted' && input.quoteStatus === null) set.quoteStatus = 'pending'
  if (to === 'approved' && input.quoteStatus !== null) set.quoteStatus = 'approved'
  if (to === 'received' && from === 'cancelled') set.dateCompleted = null
  return { ok: true, set }
}

export function isRepairOpen(status: RepairOrderStatus): boolean {
  return status !== 'completed' && status !== 'cancelled'
}

/** The statuses this role may move a repair order to from `from`: one button each on the page. */
export function nextRepairStatusesFor(role: Role, from: RepairOrderStatus): RepairOrderStatus[] {
  return TRANSITIONS[from].filter((to) => role !== 'staff' || STAFF_TARGETS.has(to))
}

export function allowedNextRepairStatuses(from: RepairOrderStatus): readonly RepairOrderStatus[] {
  return TRANSITIONS[from]
}

/** How a status reads to the shop, on the pages and on printed repair orders. */
export const REPAIR_ORDER_STATUS_LABELS: Record<RepairOrderStatus, string> = {
  received: 'Received',
  quoted: 'Quoted',
  approved: 'Approved',
  at_subcontractor: 'At subcontractor',
  back_from_sub: 'Back from subcontractor',
  repaired: 'Repaired',
  completed: 'Completed',
  cancelled: 'Cancelled',
}
