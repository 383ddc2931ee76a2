import type { Role } from '../models/users.js'
import type { QuoteStatus, WorkOrderStatus } from '../models/work-orders.js'

export type { QuoteStatus }

/**
 * The life of a work order (docs/WORK-ORDERS.md): received → queued → in_progress → cleaned → treated →
 * packaged → completed, with treatment optional, cancellation by a manager from any open state, and
 * reopening of a cancelled order. Status is explicit and every change is validated here.
 */
const TRANSITIONS: Record<WorkOrderStatus, readonly WorkOrderStatus[]> = {
  received: ['queued', 'cancelled'],
  queued: ['in_progress', 'cleaned', 'cancelled'],
  in_progress: ['cleaned', 'queued', 'cancelled'],
  cleaned: ['treated', 'packaged', 'completed', 'cancelled'],
  treated: ['packaged', 'completed', 'cancelled'],
  packaged: ['completed', 'cancelled'],
  completed: [],
  cancelled: ['received'],
}

/** Steps the shop floor records; completing, cancelling and reopening are for managers and admins. */
const STAFF_TARGETS: ReadonlySet<WorkOrderStatus> = new Set([
  'queued',
  'in_progress',
  'cleaned',
  'treated',
  'packaged',
])

/** Which date column a transition stamps (with the day it happened) when it is still empty. */
const DATE_OF: Partial<
  Record<WorkOrderStatus, 'dateCleaned' | 'dateTreated' | 'datePackaged' | 'dateCompleted'>
> = {
  cleaned: 'dateCleaned',
  treated: 'dateTreated',
  packaged: 'datePackaged',
  completed: 'dateCompleted',
}

export type TransitionRefusal =
  | { code: 'work_order.invalid_transition'; message: string }
  | { code: 'work_order.quote_not_approved'; message: string }
  | { code: 'auth.forbidden'; message: string }

export interface TransitionInput {
  from: WorkOrderStatus
  to: WorkOrderStatus
  role: Role
  quoteStatus: QuoteStatus | null
  /** The shop's local date, YYYY-MM-DD. */
  today: string
  dates: {
    dateCleaned: string | null
    dateTreated: string | null
    datePackaged: string | null
    dateCompleted: string | null
  }
}

export type TransitionResult =
  | {
      ok: true
      set: Partial<Record<'dateCleaned' | 'dateTreated' | 'datePackaged' | 'dateCompleted', string | null>>
    }
  | ({ ok: false } & TransitionRefusal)

export function allowedNextStatuses(from: WorkOrderStatus): readonly WorkOrderStatus[] {
  return TRANSITIONS[from]
}

export function planTransition(input: TransitionInput): TransitionResult {
  const { from, to, role } = input
  if (!TRANSITIONS[from].includes(to)) {
    const next = TRANSITIONS[from]
    return {
      ok: false,
      code: 'work_order.invalid_transition',
      message: `A ${from} order cannot become ${to}${next.length ? ` (next: ${next.join(', ')})` : ''}`,
    }
  }
  if (role === 'staff' && !STAFF_TARGETS.has(to)) {
    return { ok: false, code: 'auth.forbidden', message: `Only a manager or admin can mark an order ${to}` }
  }
  if (to === 'queued' && (input.quoteStatus === 'pending' || input.quoteStatus === 'declined')) {
    return {
      ok: false,
      code: 'work_order.quote_not_approved',
      message: `Only approved orders enter the cleaning queue (the quote is ${input.quoteStatus})`,
    }
  }
  const set: Extract<TransitionResult, { ok: true }>['set'] = {}
  const column = DATE_OF[to]
  if (column && !input.dates[column]) set[column] = input.today
  // Reopening clears the completion the cancellation never had; nothing else is erased.
  if (to === 'received' && from === 'cancelled') set.dateCompleted = null
  return { ok: true, set }
}

export function isOpen(status: WorkOrderStatus): boolean {
  return status !== 'completed' && status !== 'cancelled'
}

/** The statuses this role may move an order to from `from`: what a page offers as buttons. */
export function nextStatusesFor(role: Role, from: WorkOrderStatus): WorkOrderStatus[] {
  return TRANSITIONS[from].filter((to) => role !== 'staff' || STAFF_TARGETS.has(to))
}

/** How a status reads to the shop, on the pages and on printed orders. */
export const WORK_ORDER_STATUS_LABELS: Record<WorkOrderStatus, string> = {
  received: 'Received',
  queued: 'Queued',
  in_progress: 'In progress',
  cleaned: 'Cleaned',
  treated: 'Treated',
  packaged: 'Packaged (ready)',
  completed: 'Completed',
  cancelled: 'Cancelled',
}
