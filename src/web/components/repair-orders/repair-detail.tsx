import { nextRepairStatusesFor, REPAIR_ORDER_STATUS_LABELS } from '../../../domain/repair-order-status.js'
import type { RepairOrderStatus, Role } from '../../../models/index.js'
import type { RepairOrderDetail } from '../../../services/repair-orders.js'
import { ConfirmDelete } from '../confirm-delete.js'
import { StatusBadge } from '../status-badge.js'
import { money, rushText, STATUS_LABELS } from '../work-orders/order-bits.js'
import { Attachments, Items, type OrderFile, Timeline } from '../work-orders/order-detail.js'

export const REPAIR_STATUS_LABELS = REPAIR_ORDER_STATUS_LABELS

/** The verb on each status button. */
const ACTIONS: Record<RepairOrderStatus, string> = {
  received: 'Reopen',
  quoted: 'Mark quoted',
  approved: 'Approve',
  at_subcontractor: 'Send to subcontractor',
  back_from_sub: 'Back from subcontractor',
  repaired: 'Mark repaired',
  completed: 'Complete',
  cancelled: 'Cancel repair',
}

export function RepairStatus({ status }: { status: RepairOrderStatus }) {
  return <StatusBadge status={status} label={REPAIR_STATUS_LABELS[status]} />
}

const words = (v: string | null) => (v ? v.replace(/_/g, ' ') : '—')

function Facts({ order }: { order: RepairOrderDetail }) {
  const rows: [string, string | null][] = [
    ['Order name', order.name],
    ['Date in', order.dateIn],
    ['Date required', order.dateRequired],
    ['Rush', rushText(order) || 'No'],
    ['Item type', order.itemType],
    ['Type of repair', order.repairType],
    ['Repairs done by', order.repairsDoneBy],
    ['Quote', words(order.quoteStatus)],
    ['Repair price', order.repairPrice === null ? null : money(order.repairPrice)],
    ['Price note', order.priceNote],
    ['Sent to subcontractor', order.dateToSub],
    ['Back from subcontractor', order.dateBackFromSub],
    ['Completed', order.dateCompleted],
    ['Location', order.location],
    ['Rack', order.rackLocation],
    ['Storage', words(order.storageTime)],
    ['Return', words(order.returnStatus)],
    ['Return to', order.returnTo],
    ['Return date', order.returnDate],
  ]
  return (
    <dl class="facts">
      <dt>Customer</dt>
      <dd>
        <a href={`/customers/${order.customer.id}`}>{order.customer.name}</a>
      </dd>
      {rows.map(([label, value]) => (
        <>
          <dt>{label}</dt>
          <dd>{value ?? '—'}</dd>
        </>
      ))}
      <dt>Material list</dt>
      <dd class="pre">{order.materialList ?? '—'}</dd>
      <dt>Special instructions</dt>
      <dd class="pre">{order.specialInstructions ?? '—'}</dd>
    </dl>
  )
}

/** The work order this repair belongs with: a link, and for managers link/unlink forms. */
function WorkOrderLink({
  order,
  manager,
  linkError,
}: {
  order: RepairOrderDetail
  manager: boolean
  linkError?: string | undefined
}) {
  const base = `/repair-orders/${order.repairOrderNo}/work-order`
  return (
    <section aria-labelledby="wo-link-h" class="wo-link">
      <h2 id="wo-link-h">Work order</h2>
      {order.workOrder ? (
        <p>
          <a href={`/work-orders/${order.workOrder.workOrderNo}`}>
            {`Work order #${order.workOrder.workOrderNo}${order.workOrder.name ? ` ${order.workOrder.name}` : ''}`}
          </a>
          {` (${STATUS_LABELS[order.workOrder.status] ?? order.workOrder.status})`}
        </p>
      ) : (
        <p>Not linked to a work order.</p>
      )}
      {order.workOrderNote && <p class="hint">{`Legacy note: ${order.workOrderNote}`}</p>}
      {manager && order.workOrder && (
        <form method="post" action={`${base}/unlink`}>
          <button type="submit" class="secondary">
            Unlink the work order
          </button>
        </form>
      )}
      {manager && !order.workOrder && (
        <form method="post" action={base} class="link-form">
          <div class={linkError ? 'field field-error' : 'field'}>
            <label for="f-workOrderNo">Work order number</label>
            {linkError && (
              <p class="error-message" id="f-workOrderNo-error">
                <span class="visually-hidden">Error: </span>
                {linkError}
              </p>
            )}
            <input
              id="f-workOrderNo"
              name="workOrderNo"
              inputMode="numeric"
              aria-describedby={linkError ? 'f-workOrderNo-error' : undefined}
              aria-invalid={linkError ? 'true' : undefined}
            />
          </div>
          <button type="submit">Link</button>
        </form>
      )}
    </section>
  )
}

function StatusButtons({ order, role }: { order: RepairOrderDetail; role: Role }) {
  const next = nextRepairStatusesFor(role, order.status)
  if (next.length === 0) return null
  return (
    <form method="post" action={`/repair-orders/${order.repairOrderNo}/status`} class="status-form">
      <h2>Change status</h2>
      <div class="field">
        <label for="f-note">Note (optional)</label>
        <input id="f-note" name="note" maxLength={1000} />
      </div>
      <div class="button-row">
        {next.map((to) => (
          <button type="submit" name="to" value={to} class={to === 'cancelled' ? 'danger' : undefined}>
            {ACTIONS[to]}
          </button>
        ))}
      </div>
    </form>
  )
}

export interface RepairDetailProps {
  order: RepairOrderDetail
  files: OrderFile[]
  role: Role
  names: Map<number, string>
  linkError?: string | undefined
}

export function RepairOrderDetailPage({ order, files, role, names, linkError }: RepairDetailProps) {
  const manager = role !== 'staff'
  const path = `/repair-orders/${order.repairOrderNo}`
  return (
    <article class="order">
      <div class="page-head">
        <h1>{`Repair order RO #${order.repairOrderNo}`}</h1>
        <RepairStatus status={order.status} />
        <a class="button" href={`/api/repair-orders/${order.repairOrderNo}/pdf`}>
          Print / PDF
        </a>
        <a class="button" href={`/api/repair-orders/${order.repairOrderNo}/pdf?download=1`} download>
          Download PDF
        </a>
        {manager && (
          <a class="button" href={`${path}/edit`}>
            Edit
          </a>
        )}
      </div>
      <div class="order-grid">
        <div>
          <Facts order={order} />
        </div>
        <div>
          <WorkOrderLink order={order} manager={manager} linkError={linkError} />
          <StatusButtons order={order} role={role} />
          <Timeline order={order} names={names} labels={REPAIR_STATUS_LABELS} />
        </div>
      </div>
      <Items order={order} />
      <Attachments path={path} files={files} role={role} />
      {manager && (
        <section aria-labelledby="danger-h" class="danger-zone">
          <h2 id="danger-h">Delete</h2>
          <ConfirmDelete action={`${path}/delete`} what={`repair order RO #${order.repairOrderNo}`} />
        </section>
      )}
    </article>
  )
}
