import type { Role } from '../../../models/index.js'
import type { CheckInsService } from '../../../services/check-ins.js'
import type { FilesService } from '../../../services/files.js'
import { ConfirmDelete } from '../confirm-delete.js'
import { ScrollBox } from '../manage/scroll.js'
import { StatusBadge } from '../status-badge.js'
import { money, rushText, squareFeet } from '../work-orders/order-bits.js'

export type CheckInDetail = Awaited<ReturnType<CheckInsService['detail']>>
export type CheckInPage = Awaited<ReturnType<CheckInsService['list']>>
type CheckInFile = Awaited<ReturnType<FilesService['checkIn']['list']>>[number]

const STATE_LABELS: Record<string, string> = {
  pending: 'Pending',
  converted: 'Converted',
  cancelled: 'Cancelled',
}

export function CheckInState({ state }: { state: string }) {
  return (
    <StatusBadge status={state === 'converted' ? 'completed' : state} label={STATE_LABELS[state] ?? state} />
  )
}

const storageText = (s: string | null) =>
  s === 'seasonal' ? 'Seasonal' : s === 'temporary' ? 'Temporary' : null

function Facts({ checkIn }: { checkIn: CheckInDetail }) {
  const rows: [string, string | null][] = [
    ['Date in', checkIn.dateIn],
    ['Date required', checkIn.dateRequired],
    ['Rush', rushText(checkIn) || 'No'],
    ['Storage', storageText(checkIn.storageTime)],
    ['Rack location', checkIn.rackLocation],
    ['Repairs needed', checkIn.repairsNeeded ? 'Yes' : 'No'],
  ]
  return (
    <dl class="facts">
      <dt>Customer</dt>
      <dd>
        <a href={`/customers/${checkIn.customer.id}`}>{checkIn.customer.name}</a>
      </dd>
      {rows.map(([label, value]) => (
        <>
          <dt>{label}</dt>
          <dd>{value ?? '—'}</dd>
        </>
      ))}
      <dt>Special instructions</dt>
      <dd class="pre">{checkIn.specialInstructions ?? '—'}</dd>
    </dl>
  )
}

function Items({ checkIn }: { checkIn: CheckInDetail }) {
  const quoted = checkIn.items.reduce((sum, i) => sum + i.quantity * (i.unitPrice ?? 0), 0)
  return (
    <ScrollBox label="Items dropped off">
      <table class="items">
        <caption>Items dropped off</caption>
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
              Quoted price
            </th>
          </tr>
        </thead>
        <tbody>
          {checkIn.items.length === 0 && (
            <tr>
              <td colSpan={8}>No items.</td>
            </tr>
          )}
          {checkIn.items.map((item) => (
            <tr>
              <td>{item.description}</td>
              <td>{item.material ?? ''}</td>
              <td>{item.color ?? ''}</td>
              <td>{item.condition ?? ''}</td>
              <td>{item.sizeText ?? ''}</td>
              <td class="num">{squareFeet(item.squareFeet)}</td>
              <td class="num">{String(item.quantity)}</td>
              <td class="num">{money(item.unitPrice)}</td>
            </tr>
          ))}
        </tbody>
        <tfoot>
          <tr>
            <th scope="row" colSpan={7}>
              Quoted total
            </th>
            <td class="num">{money(quoted)}</td>
          </tr>
        </tfoot>
      </table>
    </ScrollBox>
  )
}

const isImage = (file: CheckInFile) => file.contentType.startsWith('image/')

function Photos({ checkIn, files, role }: { checkIn: CheckInDetail; files: CheckInFile[]; role: Role }) {
  const base = `/check-ins/${checkIn.id}/files`
  const fileUrl = (f: CheckInFile) => `/api/check-ins/${checkIn.id}/files/${f.id}`
  const pending = checkIn.state === 'pending'
  return (
    <section aria-labelledby="files-h">
      <h2 id="files-h">Photos</h2>
      {files.length === 0 && <p>No photos yet.</p>}
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
            {pending && role !== 'staff' && (
              <ConfirmDelete action={`${base}/${file.id}/delete`} what={file.originalName} />
            )}
          </li>
        ))}
      </ul>
      {pending && (
        <form method="post" action={base} enctype="multipart/form-data" class="upload">
          <div class="field">
            <label for="f-file">Take or add a photo</label>
            <p class="hint" id="f-file-hint">
              On a phone this opens the camera. One photo per upload.
            </p>
            <input
              id="f-file"
              name="file"
              type="file"
              accept="image/*"
              capture="environment"
              aria-describedby="f-file-hint"
              required
            />
          </div>
          <button type="submit">Upload photo</button>
        </form>
      )}
    </section>
  )
}

function Actions({ checkIn, role }: { checkIn: CheckInDetail; role: Role }) {
  if (checkIn.state === 'converted')
    return (
      <p class="converted">
        {checkIn.workOrderNo ? (
          <>
            {'Converted into '}
            <a href={`/work-orders/${checkIn.workOrderNo}`}>{`work order #${checkIn.workOrderNo}`}</a>.
          </>
        ) : checkIn.repairOrderNo ? (
          <>
            {'Converted into '}
            <a
              href={`/repair-orders/${checkIn.repairOrderNo}`}
            >{`repair order RO #${checkIn.repairOrderNo}`}</a>
            .
          </>
        ) : (
          'Converted into an order that has since been deleted.'
        )}
      </p>
    )
  if (checkIn.state !== 'pending') return <p>This check-in was cancelled.</p>
  if (role === 'staff')
    return <p class="hint">A manager converts this check-in into a work order or a repair order.</p>
  return (
    <div class="actions">
      <form method="post" action={`/check-ins/${checkIn.id}/convert`} class="inline">
        <input type="hidden" name="into" value="work-order" />
        <button type="submit">Convert to work order</button>
      </form>
      <form method="post" action={`/check-ins/${checkIn.id}/convert`} class="inline">
        <input type="hidden" name="into" value="repair-order" />
        <button type="submit">Convert to repair order</button>
      </form>
      <form
        method="post"
        action={`/check-ins/${checkIn.id}/cancel`}
        class="inline"
        data-confirm={`Cancel check-in #${checkIn.id}?`}
      >
        <button type="submit" class="danger">
          Cancel check-in
        </button>
      </form>
    </div>
  )
}

export function CheckInDetailPage(props: { checkIn: CheckInDetail; files: CheckInFile[]; role: Role }) {
  const { checkIn } = props
  return (
    <section>
      <h1>
        {`Check-in #${checkIn.id} `}
        <CheckInState state={checkIn.state} />
      </h1>
      <Actions checkIn={checkIn} role={props.role} />
      <Facts checkIn={checkIn} />
      <Items checkIn={checkIn} />
      <Photos {...props} />
    </section>
  )
}

const TABS: [string, string][] = [
  ['pending', 'Pending'],
  ['converted', 'Converted'],
  ['cancelled', 'Cancelled'],
  ['all', 'All'],
]

/** The list: pending first (the default tab), a search on customer or number, pages of 50. */
export function CheckInList({ page, state, q }: { page: CheckInPage; state: string; q: string }) {
  const link = (changes: Record<string, string | number>) => {
    const params = new URLSearchParams({
      state,
      q,
      ...Object.fromEntries(Object.entries(changes).map(([k, v]) => [k, String(v)])),
    })
    for (const [k, v] of [...params]) if (!v) params.delete(k)
    return `/check-ins?${params}`
  }
  return (
    <section>
      <h1>Check-ins</h1>
      <p>
        <a class="button" href="/check-ins/new">
          New check-in
        </a>
      </p>
      <nav aria-label="Check-in states" class="tabs">
        <ul>
          {TABS.map(([value, label]) => (
            <li>
              <a href={link({ state: value, page: '' })} aria-current={state === value ? 'page' : undefined}>
                {label}
              </a>
            </li>
          ))}
        </ul>
      </nav>
      <form method="get" action="/check-ins" class="search">
        <input type="hidden" name="state" value={state} />
        <label for="f-q">Search by customer or number</label>
        <input id="f-q" name="q" type="search" value={q} />
        <button type="submit">Search</button>
      </form>
      <ScrollBox label="Check-ins">
        <table>
          <caption>{`${page.total} check-in${page.total === 1 ? '' : 's'}`}</caption>
          <thead>
            <tr>
              <th scope="col">Number</th>
              <th scope="col">Customer</th>
              <th scope="col">Date in</th>
              <th scope="col">Required</th>
              <th scope="col" class="num">
                Items
              </th>
              <th scope="col">State</th>
            </tr>
          </thead>
          <tbody>
            {page.data.length === 0 && (
              <tr>
                <td colSpan={6}>No check-ins here.</td>
              </tr>
            )}
            {page.data.map((row) => (
              <tr>
                <td>
                  <a href={`/check-ins/${row.id}`}>{`#${row.id}`}</a>
                </td>
                <td>{row.customerName}</td>
                <td>{row.dateIn}</td>
                <td>
                  {row.dateRequired ?? '—'}
                  {rushText(row) ? ` (${rushText(row)})` : ''}
                </td>
                <td class="num">{String(row.itemCount)}</td>
                <td>
                  <CheckInState state={row.state} />
                  {row.workOrderNo ? (
                    <>
                      {' '}
                      <a href={`/work-orders/${row.workOrderNo}`}>{`#${row.workOrderNo}`}</a>
                    </>
                  ) : row.repairOrderNo ? (
                    <>
                      {' '}
                      <a href={`/repair-orders/${row.repairOrderNo}`}>{`RO #${row.repairOrderNo}`}</a>
                    </>
                  ) : null}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </ScrollBox>
      {page.pageCount > 1 && (
        <nav aria-label="Pages" class="pager">
          {page.page > 1 && <a href={link({ page: page.page - 1 })}>Previous page</a>}
          <span>{` Page ${page.page} of ${page.pageCount} `}</span>
          {page.page < page.pageCount && <a href={link({ page: page.page + 1 })}>Next page</a>}
        </nav>
      )}
    </section>
  )
}
