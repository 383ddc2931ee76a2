import type { QueueService } from '../../../services/queue.js'
import type { Flash } from '../../flash.js'
import { FlashMessage } from '../flash.js'
import { StatusBadge } from '../status-badge.js'

export type Queue = Awaited<ReturnType<QueueService['list']>>
type Entry = Queue['data'][number]

/** Which orders the page shows: the two toggles, as the queue service's view takes them. */
export interface QueueToggles {
  hideSails: boolean
  hideCushions: boolean
}

export function queueQuery(view: QueueToggles): string {
  const params = new URLSearchParams()
  if (view.hideSails) params.set('hideSails', '1')
  if (view.hideCushions) params.set('hideCushions', '1')
  const query = params.toString()
  return query ? `?${query}` : ''
}

/** Words for every flag (never colour alone). */
function Flags({ entry }: { entry: Entry }) {
  const any =
    entry.firmRush ||
    entry.rush ||
    entry.dueSoon ||
    entry.sail ||
    entry.cushion ||
    entry.manual ||
    entry.repairNotFinished
  if (!any && entry.status !== 'in_progress') return null
  return (
    <span class="flags">
      {entry.firmRush && <span class="badge badge-firm-rush">Firm rush</span>}
      {entry.rush && !entry.firmRush && <span class="badge badge-rush">Rush</span>}
      {entry.dueSoon && <span class="badge badge-due">Due soon</span>}
      {entry.status === 'in_progress' && <StatusBadge status="in_progress" label="In progress" />}
      {entry.sail && <span class="badge">Sail</span>}
      {entry.cushion && <span class="badge">Cushion</span>}
      {entry.manual && <span class="badge badge-manual">Placed by hand</span>}
      {entry.repairNotFinished && (
        <a class="badge badge-repair" href={`/repair-orders/${entry.repairOrderNo}`}>
          {`Repair not finished (RO #${entry.repairOrderNo})`}
        </a>
      )}
    </span>
  )
}

function EntryText({ entry }: { entry: Entry }) {
  const label = entry.name ? `#${entry.workOrderNo} ${entry.name}` : `#${entry.workOrderNo}`
  return (
    <div class="queue-text">
      <span class="queue-pos" title="Place in the whole queue">
        {entry.position}
      </span>
      <div>
        <a href={`/work-orders/${entry.workOrderNo}`} class="queue-title">
          {label}
        </a>
        <span class="queue-customer">{entry.customerName}</span>
        <Flags entry={entry} />
        <span class="queue-facts">
          {`In ${entry.dateIn}`}
          {entry.dateRequired ? ` · required ${entry.dateRequired}` : ''}
          {` · ${entry.itemCount} item${entry.itemCount === 1 ? '' : 's'}`}
          {entry.squareFeet > 0 ? ` · ${Math.round(entry.squareFeet)} sq ft` : ''}
        </span>
      </div>
    </div>
  )
}

/** Move buttons beside the drag handle: the keyboard way to reorder (and the way without JavaScript). */
function MoveButtons({ entry, first, last }: { entry: Entry; first: boolean; last: boolean }) {
  const no = entry.workOrderNo
  return (
    <div class="queue-move">
      <span class="drag-handle" aria-hidden="true" title="Drag to reorder">
        ⠿
      </span>
      <button type="submit" name="move" value={`${no}:up`} disabled={first} aria-label={`Move #${no} up`}>
        ↑ Up
      </button>
      <button type="submit" name="move" value={`${no}:down`} disabled={last} aria-label={`Move #${no} down`}>
        ↓ Down
      </button>
    </div>
  )
}

/**
 * "Start cleaning" for a queued order (any role: it goes onto the board). Inside the managers' reorder form
 * it is that form's button with its own action (forms cannot nest); elsewhere a form of its own.
 */
function StartButton({ entry, view, inForm }: { entry: Entry; view: QueueToggles; inForm: boolean }) {
  if (entry.status !== 'queued') return null
  const action = `/queue/${entry.workOrderNo}/start`
  const label = `Start cleaning #${entry.workOrderNo}`
  const htmx = { 'hx-post': action, 'hx-target': '#queue', 'hx-swap': 'outerHTML' }
  if (inForm)
    return (
      <button type="submit" class="secondary" formAction={action} aria-label={label} {...htmx}>
        Start
      </button>
    )
  return (
    <form method="post" action={action} class="queue-start" {...htmx}>
      {view.hideSails && <input type="hidden" name="hideSails" value="1" />}
      {view.hideCushions && <input type="hidden" name="hideCushions" value="1" />}
      <button type="submit" class="secondary" aria-label={label}>
        Start
      </button>
    </form>
  )
}

export interface QueueListProps {
  queue: Queue
  view: QueueToggles
  canReorder: boolean
  /** The outcome of the last reorder (a conflict is an error: the queue shown is the reloaded one). */
  message?: Flash | null
}

/** The queue itself: the part htmx swaps after a reorder or a toggle (`#queue`). */
export function QueueList({ queue, view, canReorder, message }: QueueListProps) {
  const shown = queue.data
  const reorderForm = canReorder && shown.length > 1
  const items = shown.map((entry, i) => (
    <li class="queue-item" data-no={entry.workOrderNo} key={entry.workOrderNo}>
      <EntryText entry={entry} />
      <div class="queue-actions">
        <StartButton entry={entry} view={view} inForm={reorderForm} />
        {reorderForm && <MoveButtons entry={entry} first={i === 0} last={i === shown.length - 1} />}
      </div>
    </li>
  ))
  const list = (
    <ol class="queue-list" id="queue-list" aria-label="Orders in working order">
      {items}
    </ol>
  )
  return (
    <div id="queue" class="queue">
      <FlashMessage flash={message ?? null} />
      <p class="queue-count">
        {shown.length === 0
          ? 'No orders shown in the queue.'
          : `${shown.length} order${shown.length === 1 ? '' : 's'} shown, first to clean at the top.`}
      </p>
      {reorderForm ? (
        <form
          method="post"
          action="/queue/order"
          class="queue-form"
          hx-post="/queue/order"
          hx-target="#queue"
          hx-swap="outerHTML"
        >
          <input type="hidden" name="version" value={queue.version} />
          <input type="hidden" name="shown" value={shown.map((e) => e.workOrderNo).join(',')} />
          <input type="hidden" name="order" value="" />
          {view.hideSails && <input type="hidden" name="hideSails" value="1" />}
          {view.hideCushions && <input type="hidden" name="hideCushions" value="1" />}
          <p class="hint">Drag an order by its handle, or use its Up and Down buttons.</p>
          {list}
        </form>
      ) : (
        list
      )}
    </div>
  )
}

/** The whole page: the toggles, then the queue. */
export function QueuePage(props: QueueListProps) {
  const { view } = props
  return (
    <section class="queue-page">
      <h1>Cleaning queue</h1>
      <p class="hint">
        Firm rush first (by date required), then rush, then regular, each oldest first; a manager's order by
        hand comes first and new arrivals fit in by the same rule.
      </p>
      <form
        method="get"
        action="/queue"
        class="queue-view"
        hx-get="/queue"
        hx-target="#queue"
        hx-swap="outerHTML"
        hx-push-url="true"
        hx-trigger="change"
      >
        <fieldset>
          <legend>Orders to show</legend>
          <label>
            <input type="checkbox" name="hideSails" value="1" checked={view.hideSails} /> Hide sail orders
          </label>
          <label>
            <input type="checkbox" name="hideCushions" value="1" checked={view.hideCushions} /> Hide cushion
            orders
          </label>
          <button type="submit" class="secondary">
            Apply
          </button>
        </fieldset>
      </form>
      <QueueList {...props} />
    </section>
  )
}
