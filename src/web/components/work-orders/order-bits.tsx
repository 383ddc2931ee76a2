import { WORK_ORDER_STATUS_LABELS } from '../../../domain/work-order-status.js'
import { StatusBadge } from '../status-badge.js'

/** Shared small pieces of the work order pages. */

export const STATUS_LABELS: Record<string, string> = WORK_ORDER_STATUS_LABELS

export const money = (n: number | null | undefined) =>
  n === null || n === undefined
    ? '—'
    : `$${n.toLocaleString('en-US', { minimumFractionDigits: 2, maximumFractionDigits: 2 })}`

export const squareFeet = (n: number | null | undefined) =>
  n === null || n === undefined || n === 0 ? '—' : `${n.toLocaleString('en-US')} sq ft`

export function OrderStatus({ status }: { status: string }) {
  return <StatusBadge status={status} label={STATUS_LABELS[status] ?? status} />
}

/** Rush as words (never colour alone). */
export function rushText(order: { rush: boolean; firmRush: boolean }): string {
  if (order.firmRush) return 'Firm rush'
  return order.rush ? 'Rush' : ''
}
