import type { ComponentChildren } from 'preact'
import type { WorkOrdersService } from '../../../services/work-orders.js'
import type { Flash } from '../../flash.js'
import { FlashMessage } from '../flash.js'

type Page = Awaited<ReturnType<WorkOrdersService['list']>>
type Card = Page['data'][number]

/** The shop-floor statuses the board shows, in the order work moves through them. */
export const BOARD_COLUMNS = [
  { status: 'in_progress', title: 'In progress' },
  { status: 'cleaned', title: 'Cleaned' },
  { status: 'treated', title: 'Treated' },
  { status: 'packaged', title: 'Packaged' },
] as const
export type BoardStatus = (typeof BOARD_COLUMNS)[number]['status']

export type BoardSort = 'date' | 'source'
export interface BoardQuery {
  q: string
  sort: BoardSort
}

/** A final location typed on a card that came back with a message (kept, shown beside its field). */
export interface CardError {
  no: number
  finalLocation: string
  message: string
}

export interface BoardProps {
  columns: Record<BoardStatus, Page>
  query: BoardQuery
  canComplete: boolean
  message?: Flash | null
  cardError?: CardError | null
}

/** The hidden fields that keep the search and sort across an advance. */
function KeepQuery({ query }: { query: BoardQuery }) {
  return (
    <>
      <input type="hidden" name="q" value={query.q} />
      <input type="hidden" name="sort" value={query.sort} />
    </>
  )
}

function Advance({
  card,
  to,
  label,
  query,
  children,
}: {
  card: Card
  to: string
  label: string
  query: BoardQuery
  children?: ComponentChildren
}) {
  const action = `/board/${card.workOrderNo}/status`
  return (
    <form
      method="post"
      action={action}
      class="advance"
      hx-post={action}
      hx-target="#board"
      hx-swap="outerHTML"
    >
      <input type="hidden" name="to" value={to} />
      <KeepQuery query={query} />
      {children}
      <button type="submit" aria-label={`${label}: #${card.workOrderNo}`}>
        {label}
      </button>
    </form>
  )
}

/** The packaged step asks where the order goes; the message of a refused value stays beside the field. */
function PackageForm({ card, query, error }: { card: Card; query: BoardQuery; error: CardError | null }) {
  const id = `loc-${card.workOrderNo}`
  const errorId = `${id}-error`
  return (
    <Advance card={card} to="packaged" label="Mark packaged" query={query}>
      <div class={error ? 'field field-error' : 'field'}>
        <label for={id}>Final location</label>
        {error && (
          <p class="error-message" id={errorId}>
            {error.message}
          </p>
        )}
        <input
          id={id}
          name="finalLocation"
          type="text"
          maxLength={200}
          value={error ? error.finalLocation : (card.finalLocation ?? '')}
          aria-invalid={error ? 'true' : undefined}
          aria-describedby={error ? errorId : undefined}
        />
      </div>
    </Advance>
  )
}

function Actions({ card, props }: { card: Card; props: BoardProps }) {
  const { query, canComplete } = props
  const error = props.cardError?.no === card.workOrderNo ? props.cardError : null
  switch (card.status) {
    case 'in_progress':
      return <Advance card={card} to="cleaned" label="Mark cleaned" query={query} />
    case 'cleaned':
      return (
        <>
          <Advance card={card} to="treated" label="Mark treated" query={query} />
          <PackageForm card={card} query={query} error={error} />
        </>
      )
    case 'treated':
      return <PackageForm card={card} query={query} error={error} />
    case 'packaged':
      return canComplete ? (
        <Advance card={card} to="completed" label="Complete" query={query} />
      ) : (
        <p class="hint">A manager completes it.</p>
      )
    default:
      return null
  }
}

function BoardCard({ card, props }: { card: Card; props: BoardProps }) {
  const title = card.name ? `#${card.workOrderNo} ${card.name}` : `#${card.workOrderNo}`
  return (
    <li class="card" id={`card-${card.workOrderNo}`}>
      <h3>
        <a href={`/work-orders/${card.workOrderNo}`}>{title}</a>
      </h3>
      <p class="card-who">
        {card.customerName}
        {card.sourceName ? ` · ${card.sourceName}` : ''}
      </p>
      {(card.firmRush || card.rush || card.isCushion) && (
        <p class="flags">
          {card.firmRush && <span class="badge badge-firm-rush">Firm rush</span>}
          {card.rush && !card.firmRush && <span class="badge badge-rush">Rush</span>}
          {card.isCushion && <span class="badge">Cushion</span>}
        </p>
      )}
      <dl class="card-dates">
        <dt>In</dt>
        <dd>{card.dateIn}</dd>
        {card.dateRequired && (
          <>
            <dt>Required</dt>
            <dd>{card.dateRequired}</dd>
          </>
        )}
        {card.dateCleaned && (
          <>
            <dt>Cleaned</dt>
            <dd>{card.dateCleaned}</dd>
          </>
        )}
        {card.dateTreated && (
          <>
            <dt>Treated</dt>
            <dd>{card.dateTreated}</dd>
          </>
        )}
        {card.finalLocation && (
          <>
            <dt>Location</dt>
            <dd>{card.finalLocation}</dd>
          </>
        )}
      </dl>
      <div class="card-actions">
        <Actions card={card} props={props} />
      </div>
    </li>
  )
}

/** The four columns: the part htmx swaps after a search, a sort or an advance (`#board`). */
export function BoardColumns(props: BoardProps) {
  return (
    <div id="board">
      <FlashMessage flash={props.message ?? null} />
      <div class="board">
        {BOARD_COLUMNS.map(({ status, title }) => {
          const page = props.columns[status]
          return (
            <section class="board-column" aria-labelledby={`col-${status}`}>
              <h2 id={`col-${status}`}>
                {title} <span class="count">({page.total})</span>
              </h2>
              {page.data.length === 0 ? (
                <p class="hint">None.</p>
              ) : (
                <ul class="cards">
                  {page.data.map((card) => (
                    <BoardCard card={card} props={props} />
                  ))}
                </ul>
              )}
              {page.total > page.data.length && (
                <p class="hint">{`Showing ${page.data.length} of ${page.total}: search to narrow.`}</p>
              )}
            </section>
          )
        })}
      </div>
    </div>
  )
}

/** The page: search and sort above the columns. */
export function BoardPage(props: BoardProps) {
  const { query } = props
  return (
    <section class="board-page">
      <h1>In-progress board</h1>
      <form
        method="get"
        action="/board"
        class="board-filter"
        hx-get="/board"
        hx-target="#board"
        hx-swap="outerHTML"
        hx-push-url="true"
        hx-trigger="input changed delay:300ms from:#board-q, search from:#board-q, change from:#board-sort, submit"
      >
        <div class="field">
          <label for="board-q">Search by number, name or customer</label>
          <input id="board-q" name="q" type="search" value={query.q} maxLength={200} />
        </div>
        <div class="field">
          <label for="board-sort">Sort by</label>
          <select id="board-sort" name="sort">
            <option value="date" selected={query.sort === 'date'}>
              Date in, oldest first
            </option>
            <option value="source" selected={query.sort === 'source'}>
              Source, then date in
            </option>
          </select>
        </div>
        <button type="submit">Search</button>
      </form>
      <BoardColumns {...props} />
    </section>
  )
}
