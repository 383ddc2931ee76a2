import { nextStatusesFor } from '../../../domain/work-order-status.js'
import type { Role, WorkOrderStatus } from '../../../models/index.js'
import type { FilesService } from '../../../services/files.js'
import type { WorkOrdersService } from '../../../services/work-orders.js'
import { ConfirmDelete } from '../confirm-delete.js'
import { money, OrderStatus, rushText, STATUS_LABELS, squareFeet } from './order-bits.js'

export type OrderDetail = Awaited<ReturnType<WorkOrdersService['detail']>>
export type OrderFile = Awaited<ReturnType<FilesService['list']>>[number]

/** The verb on each status button: what the user does, not the state's name. */
const ACTIONS: Record<WorkOrderStatus, string> = {
  received: 'Reopen',
  queued: 'Put in the queue',
  in_progress: 'Start cleaning',
  cleaned: 'Mark cleaned',
  treated: 'Mark treated',
  packaged: 'Mark packaged',
  completed: 'Complete',
  cancelled: 'Cancel order',
}

const yesNo = (b: boolean) => (b ? 'Yes' : 'No')
const words = (v: string | null) => (v ? v.replace(/_/g, ' ') : '—')

function Facts({ order }: { order: OrderDetail }) {
  const rows: [string, string | null][] = [
    ['Order name', order.name],
    ['Date in', order.dateIn],
    ['Date required', order.dateRequired],
    ['Rush', rushText(order) || 'No'],
    ['Cushion', yesNo(order.isCushion)],
    ['Quote', words(order.quoteStatus)],
    ['Storage', words(order.storageTime)],
    ['Rack', order.rackLocation],
    ['Repairs needed', yesNo(order.repairsNeeded)],
    ['Return', words(order.returnStatus)],
    ['Return to', order.returnTo],
    ['Ship to', order.shipTo?.name ?? null],
    ['Cleaned', order.dateCleaned],
    ['Treated', order.dateTreated],
    ['Packaged', order.datePackaged],
    ['Completed', order.dateCompleted],
    ['Final location', order.finalLocation],
  ]
  return (
    <dl class="facts">
      <dt>Customer</dt>
      <dd>
        <a href={`/customers/${order.customer.id}`}>{order.customer.name}</a>
        {order.customer.source ? ` (source: ${order.customer.source.name})` : ''}
      </dd>
      {rows.map(([label, value]) => (
        <>
          <dt>{label}</dt>
          <dd>{value ?? '—'}</dd>
        </>
      ))}
      <dt>Repair order</dt>
      <dd>
        {order.repairOrder ? (
          <a href={`/repair-orders/${order.repairOrder.repairOrderNo}`}>
            {`RO #${order.repairOrder.repairOrderNo} (${words(order.repairOrder.status)})`}
          </a>
        ) : (
          '—'
        )}
      </dd>
      <dt>Special instructions</dt>
      <dd class="pre">{order.specialInstructions ?? '—'}</dd>
    </dl>
  )
}

/** An item row as both order kinds store it (work order and repair order items share the shape). */
export type ItemRow = Pick<
  OrderDetail['items'][number],
  | 'description'
  | 'material'
  | 'color'
  | 'condition'
  | 'sizeText'
  | 'sizeWarning'
  | 'squareFeet'
  | 'quantity'
  | 'unitPrice'
>

/** The items table of an order page (work orders and repair orders). */
export function Items({ order }: { order: { items: ItemRow[] } }) {
  const total = order.items.reduce((sum, i) => sum + i.quantity * (i.unitPrice ?? 0), 0)
  const feet = order.items.reduce((sum, i) => sum + i.quantity * (i.squareFeet ?? 0), 0)
  return (
    <div class="table-scroll">
      <table class="items">
        <caption>Items</caption>
        <thead>
          <tr>
            <th scope="col">Description</th>
            <th scope="col">Material</th>
            <th scope="col">Color</th>
            <th scope="col">Condition</th>
            <th scope="col">Size</th>
            <th scope="col" class="num">
              Square feet
            </th>
            <th scope="col" class="num">
              Qty
            </th>
            <th scope="col" class="num">
              Unit price
            </th>
            <th scope="col" class="num">
              Line total
            </th>
          </tr>
        </thead>
        <tbody>
          {order.items.length === 0 && (
            <tr>
              <td colSpan={9}>No items yet.</td>
            </tr>
          )}
          {order.items.map((item) => (
            <tr>
              <td>{item.description}</td>
              <td>{item.material ?? ''}</td>
              <td>{item.color ?? ''}</td>
              <td>{item.condition ?? ''}</td>
              <td>
                {item.sizeText ?? ''}
                {item.sizeWarning && <span class="warning">{` (${item.sizeWarning})`}</span>}
              </td>
              <td class="num">{squareFeet(item.squareFeet)}</td>
              <td class="num">{String(item.quantity)}</td>
              <td class="num">{money(item.unitPrice)}</td>
              <td class="num">{item.unitPrice === null ? '—' : money(item.quantity * item.unitPrice)}</td>
            </tr>
          ))}
        </tbody>
        <tfoot>
          <tr>
            <th scope="row" colSpan={5}>
              Totals
            </th>
            <td class="num">{squareFeet(Math.round(feet * 100) / 100)}</td>
            <td />
            <td />
            <td class="num">{money(total)}</td>
          </tr>
        </tfoot>
      </table>
    </div>
  )
}

function Estimate({ order }: { order: OrderDetail }) {
  if (order.status === 'completed' || order.status === 'cancelled') return null
  return (
    <section aria-labelledby="estimate-h" class="estimate">
      <h2 id="estimate-h">Estimate</h2>
      {order.estimatedCompletion || order.predictedPrice !== null ? (
        <dl class="facts">
          <dt>Estimated completion</dt>
          <dd>{order.estimatedCompletion ?? '—'}</dd>
          <dt>Predicted price</dt>
          <dd>{money(order.predictedPrice)}</dd>
        </dl>
      ) : (
        <p class="hint">No model is trained yet, so there is no estimate.</p>
      )}
    </section>
  )
}

/** One form, one optional note, one button per move this user's role allows (the service checks again). */
function StatusButtons({ order, role }: { order: OrderDetail; role: Role }) {
  const next = nextStatusesFor(role, order.status)
  if (next.length === 0) return null
  return (
    <form method="post" action={`/work-orders/${order.workOrderNo}/status`} class="status-form">
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

type HistoryRow = OrderDetail['statusHistory'][number]

/** The status history as a timeline; `labels` names the statuses of the order's kind. */
export function Timeline({
  order,
  names,
  labels = STATUS_LABELS,
}: {
  order: {
    statusHistory: (Omit<HistoryRow, 'workOrderId' | 'fromStatus' | 'toStatus'> & {
      fromStatus: string | null
      toStatus: string
    })[]
  }
  names: Map<number, string>
  labels?: Record<string, string>
}) {
  return (
    <section aria-labelledby="history-h">
      <h2 id="history-h">History</h2>
      <ol class="timeline">
        {order.statusHistory.map((change) => (
          <li>
            <time dateTime={new Date(change.changedAt).toISOString()}>
              {new Date(change.changedAt).toISOString().slice(0, 16).replace('T', ' ')}
            </time>{' '}
            {change.fromStatus
              ? `${labels[change.fromStatus]} → ${labels[change.toStatus]}`
              : `Created as ${labels[change.toStatus]}`}
            {change.changedBy !== null && ` by ${names.get(change.changedBy) ?? `user ${change.changedBy}`}`}
            {change.note && <q>{change.note}</q>}
          </li>
        ))}
      </ol>
    </section>
  )
}

const isImage = (file: OrderFile) => file.contentType.startsWith('image/')

/** An order's attachments and the upload form; `path` is the order's page (`/work-orders/12`). */
export function Attachments({ path, files, role }: { path: string; files: OrderFile[]; role: Role }) {
  const base = `${path}/files`
  const fileUrl = (f: OrderFile) => `/api${path}/files/${f.id}`
  return (
    <section aria-labelledby="files-h">
      <h2 id="files-h">Photos and documents</h2>
      {files.length === 0 && <p>No attachments yet.</p>}
      <ul class="attachments">
        {files.map((file) => (
          <li>
            {isImage(file) && (
              <a href={fileUrl(file)}>
                <img src={fileUrl(file)} alt={file.originalName} loading="lazy" />
              </a>
            )}
            <a href={fileUrl(file)} download={file.originalName}>
              {`Download ${file.originalName}`}
            </a>
            <span class="hint">{` ${Math.ceil(file.sizeBytes / 1024)} KB`}</span>
            {role !== 'staff' && (
              <ConfirmDelete action={`${base}/${file.id}/delete`} what={file.originalName} />
            )}
          </li>
        ))}
      </ul>
      <form method="post" action={base} enctype="multipart/form-data" class="upload">
        <div class="field">
          <label for="f-file">Add a photo or PDF</label>
          <p class="hint" id="f-file-hint">
            On a phone this opens the camera.
          </p>
          <input
            id="f-file"
            name="file"
            type="file"
            accept="image/*,application/pdf"
            capture="environment"
            aria-describedby="f-file-hint"
            required
          />
        </div>
        <button type="submit">Upload</button>
      </form>
    </section>
  )
}

export interface DetailProps {
  order: OrderDetail
  files: OrderFile[]
  role: Role
  names: Map<number, string>
}

export function OrderDetailPage({ order, files, role, names }: DetailProps) {
  const manager = role !== 'staff'
  return (
    <article class="order">
      <div class="page-head">
        <h1>{`Work order #${order.workOrderNo}`}</h1>
        <OrderStatus status={order.status} />
        <a class="button" href={`/api/work-orders/${order.workOrderNo}/pdf`}>
          Print / PDF
        </a>
        <a class="button" href={`/api/work-orders/${order.workOrderNo}/pdf?download=1`} download>
          Download PDF
        </a>
        {manager && (
          <a class="button" href={`/work-orders/${order.workOrderNo}/edit`}>
            Edit
          </a>
        )}
      </div>
      {order.warnings.length > 0 && (
        <ul class="warnings">
          {order.warnings.map((w) => (
            <li>{w}</li>
          ))}
        </ul>
      )}
      <div class="order-grid">
        <div>
          <Facts order={order} />
        </div>
        <div>
          <StatusButtons order={order} role={role} />
          <Estimate order={order} />
          <Timeline order={order} names={names} />
        </div>
      </div>
      <Items order={order} />
      <Attachments path={`/work-orders/${order.workOrderNo}`} files={files} role={role} />
      {manager && (
        <section aria-labelledby="danger-h" class="danger-zone">
          <h2 id="danger-h">Delete</h2>
          <ConfirmDelete
            action={`/work-orders/${order.workOrderNo}/delete`}
            what={`work order #${order.workOrderNo}`}
          />
        </section>
      )}
    </article>
  )
}
