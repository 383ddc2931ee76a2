import type { FastifyReply, FastifyRequest } from 'fastify'
import { QUEUE_STATUSES } from '../../domain/queue.js'
import { shopToday } from '../../domain/shop-date.js'
import { workOrderStatus } from '../../models/work-orders.js'
import { listUrl } from '../components/paged-table.js'
import { StatusBadge } from '../components/status-badge.js'
import { sendPage } from '../render.js'
import type { SessionUser } from '../session.js'

type Status = (typeof workOrderStatus.enumValues)[number]
const OPEN: readonly Status[] = ['received', 'queued', 'in_progress', 'cleaned', 'treated', 'packaged']
const CLOSED: readonly Status[] = ['completed', 'cancelled']
const RUSH_WINDOW_DAYS = 7
/** Packaged orders wait on the rack for the customer (docs/WORK-ORDERS.md). */
const READY: Status = 'packaged'

/**
 * Links into the work-order list page with the API's list parameters (src/routes/work-orders.ts). The API
 * filters one status at a time; "open" (neither completed nor cancelled) is the list's open=true (issue 17, page 5).
 */
export const workOrdersLink = (filters: Record<string, string | undefined>) =>
  listUrl('/work-orders', {}, filters)

function addDays(day: string, days: number): string {
  const date = new Date(`${day}T00:00:00Z`)
  date.setUTCDate(date.getUTCDate() + days)
  return date.toISOString().slice(0, 10)
}

interface DashboardData {
  perStatus: { status: Status; count: number }[]
  rushDue: number
  rushBefore: string
  queueLength: number
  newest: {
    workOrderNo: number
    customerName: string
    status: string
    dateIn: string
    rush: boolean
  }[]
}

/** The numbers, from the same services as the API; counts are the lists' totals, cached until a write. */
async function loadDashboard(request: FastifyRequest): Promise<DashboardData> {
  const { workOrdersService, config } = request.server
  const count = (filters: Record<string, string>) => workOrdersService.count({ filters })
  const rushBefore = addDays(shopToday(config.shopTimezone), RUSH_WINDOW_DAYS)
  const rush = { rush: 'true', dateRequired: `..${rushBefore}` }
  const [perStatus, rushAll, rushClosed, newest] = await Promise.all([
    Promise.all(
      workOrderStatus.enumValues.map(async (status) => ({ status, count: await count({ status }) })),
    ),
    count(rush),
    // The API filters one status at a time: open = all minus the two closed states.
    Promise.all(CLOSED.map((status) => count({ ...rush, status }))),
    workOrdersService.list({ page: 1, pageSize: 10, sort: '-workOrderNo', filters: {} }),
  ])
  return {
    perStatus,
    rushDue: rushAll - rushClosed.reduce((a, b) => a + b, 0),
    rushBefore,
    // The queue is every order in a queue status (src/domain/queue.ts), so its length is their count.
    queueLength: perStatus.filter((s) => QUEUE_STATUSES.includes(s.status)).reduce((a, s) => a + s.count, 0),
    newest: newest.data,
  }
}

function Tile({ label, value, href, hint }: { label: string; value: number; href: string; hint: string }) {
  return (
    <li class="tile">
      <a href={href}>
        <span class="tile-value">{value.toLocaleString('en-US')}</span>
        <span class="tile-label">{label}</span>
      </a>
      <p class="hint">{hint}</p>
    </li>
  )
}

const statusLabel = (status: string) => status.replace(/_/g, ' ')

function Dashboard({ data }: { data: DashboardData }) {
  const open = data.perStatus.filter((s) => OPEN.includes(s.status)).reduce((a, s) => a + s.count, 0)
  const ready = data.perStatus.find((s) => s.status === READY)?.count ?? 0
  return (
    <section>
      <h1>Dashboard</h1>
      <ul class="tiles" aria-label="The shop today">
        <Tile
          label="Open orders"
          value={open}
          href="/work-orders?open=true"
          hint="Not completed or cancelled"
        />
        <Tile
          label="Rush orders due within 7 days"
          value={data.rushDue}
          href={workOrdersLink({ open: 'true', rush: 'true', dateRequired: `..${data.rushBefore}` })}
          hint="Open, required within 7 days (overdue included)"
        />
        <Tile
          label="In the cleaning queue"
          value={data.queueLength}
          href="/queue"
          hint="Queued or being cleaned"
        />
        <Tile
          label="Ready for pickup"
          value={ready}
          href={workOrdersLink({ status: READY })}
          hint="Packaged, waiting for the customer"
        />
      </ul>
      <div class="dashboard-columns">
        <div class="table-scroll">
          <table>
            <caption>Orders per status</caption>
            <thead>
              <tr>
                <th scope="col">Status</th>
                <th scope="col" class="num">
                  Orders
                </th>
              </tr>
            </thead>
            <tbody>
              {data.perStatus.map(({ status, count }) => (
                <tr>
                  <th scope="row">
                    <StatusBadge status={status} />
                  </th>
                  <td class="num">
                    <a href={workOrdersLink({ status })}>
                      {count.toLocaleString('en-US')}
                      <span class="visually-hidden">{` ${statusLabel(status)} orders`}</span>
                    </a>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
        <div class="table-scroll">
          <table>
            <caption>
              The 10 newest orders (<a href={workOrdersLink({ sort: '-workOrderNo' })}>all orders</a>)
            </caption>
            <thead>
              <tr>
                <th scope="col">Order</th>
                <th scope="col">Customer</th>
                <th scope="col">In</th>
                <th scope="col">Status</th>
              </tr>
            </thead>
            <tbody>
              {data.newest.length === 0 && (
                <tr>
                  <td colSpan={4}>No orders yet.</td>
                </tr>
              )}
              {data.newest.map((order) => (
                <tr>
                  <td>
                    <a href={`/work-orders/${order.workOrderNo}`}>{`#${order.workOrderNo}`}</a>
                    {order.rush && <span class="tag">rush</span>}
                  </td>
                  <td>{order.customerName}</td>
                  <td>{order.dateIn}</td>
                  <td>
                    <StatusBadge status={order.status} />
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </div>
    </section>
  )
}

/** The signed-in start page (home.tsx calls it for `/`): the shop's numbers, each a link to its list. */
export async function renderDashboard(request: FastifyRequest, reply: FastifyReply, user: SessionUser) {
  const data = await loadDashboard(request)
  return sendPage(request, reply, { title: 'Dashboard', user, body: <Dashboard data={data} /> })
}
