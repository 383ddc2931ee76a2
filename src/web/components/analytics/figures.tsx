import type { AnalyticsService } from '../../../services/analytics.js'
import { fmtMoney, fmtNumber, fmtOptional, fmtPercent, fmtWhole } from '../manage/format.js'
import { ScrollBox } from '../manage/scroll.js'
import { Chart, NumbersTable } from './chart.js'

type Value<K extends keyof AnalyticsService> = AnalyticsService[K] extends (...a: never[]) => Promise<infer R>
  ? R extends { value: infer V }
    ? V
    : never
  : never

export interface Figures {
  summary: Value<'summary'>
  trends: Value<'trends'>['data']
  throughput: Value<'throughput'>['data']
  backlog: Value<'backlog'>['data']
  products: Value<'revenueByProduct'>
  turnaround: Value<'turnaround'>
  customers: Value<'customers'>
  now: Value<'dashboard'>
}

const PRODUCT_WORDS: Record<string, string> = { awning: 'Awnings', sail: 'Sails', cushion: 'Cushions' }

/** The headline numbers of the range (GET /api/analytics/summary). */
export function Kpis({ s }: { s: Figures['summary'] }) {
  const items: [string, string][] = [
    ['Orders received', fmtWhole(s.ordersTotal)],
    ['Still open', fmtWhole(s.ordersOpen)],
    ['Completed', fmtWhole(s.ordersCompleted)],
    ['Completion rate', fmtPercent(s.completionRate)],
    ['Revenue, completed orders', fmtMoney(s.revenueCompleted)],
    ['Revenue, all orders', fmtMoney(s.revenueAll)],
    ['Average order value', fmtMoney(s.averageOrderValue)],
    ['Customers', fmtWhole(s.uniqueCustomers)],
    ['Square feet completed', fmtWhole(s.squareFeetCompleted)],
    ['Sq ft per day, last 7 days', fmtNumber(s.squareFeetCompletedDailyAvg7d)],
    ['Backlog (sq ft open)', fmtWhole(s.backlogSquareFeet)],
    ['Rush share', fmtPercent(s.rushShare)],
    ['Turnaround, median', fmtOptional(s.turnaroundMedianDays, ' days')],
    ['Turnaround, 90th percentile', fmtOptional(s.turnaroundP90Days, ' days')],
  ]
  return (
    <dl class="kpis" id="kpis">
      {items.map(([label, value]) => (
        <div>
          <dt>{label}</dt>
          <dd>{value}</dd>
        </div>
      ))}
    </dl>
  )
}

export function MonthlyCharts({ trends }: { trends: Figures['trends'] }) {
  const x = trends.map((m) => m.month)
  return (
    <>
      <Chart
        id="chart-orders"
        title="Orders per month"
        spec={{
          kind: 'time',
          x,
          unit: 'orders',
          series: [
            { label: 'Received', values: trends.map((m) => m.ordersIn) },
            { label: 'Completed', values: trends.map((m) => m.ordersCompleted) },
          ],
        }}
      >
        <NumbersTable
          caption="Orders per month"
          rows={trends}
          columns={[
            { label: 'Month', cell: (m) => m.month },
            { label: 'Received', cell: (m) => fmtWhole(m.ordersIn), numeric: true },
            { label: 'Completed', cell: (m) => fmtWhole(m.ordersCompleted), numeric: true },
          ]}
        />
      </Chart>
      <Chart
        id="chart-revenue"
        title="Revenue of completed orders per month"
        spec={{
          kind: 'time',
          x,
          unit: 'dollars',
          series: [{ label: 'Revenue', values: trends.map((m) => m.revenue), bars: true }],
        }}
      >
        <NumbersTable
          caption="Revenue and square feet completed per month"
          rows={trends}
          columns={[
            { label: 'Month', cell: (m) => m.month },
            { label: 'Revenue', cell: (m) => fmtMoney(m.revenue), numeric: true },
            { label: 'Square feet', cell: (m) => fmtWhole(m.squareFeet), numeric: true },
          ]}
        />
      </Chart>
    </>
  )
}

export function DailyCharts({
  throughput,
  backlog,
  note,
}: Pick<Figures, 'throughput' | 'backlog'> & { note?: string }) {
  return (
    <>
      <Chart
        id="chart-throughput"
        title="Square feet completed per day"
        {...(note ? { note } : {})}
        spec={{
          kind: 'time',
          x: throughput.map((d) => d.day),
          unit: 'square feet',
          series: [
            { label: 'Completed', values: throughput.map((d) => d.squareFeet) },
            { label: '7-day average', values: throughput.map((d) => d.rollingAvg7) },
          ],
        }}
      >
        <NumbersTable
          caption="Square feet completed per day"
          rows={throughput}
          columns={[
            { label: 'Day', cell: (d) => d.day },
            { label: 'Completed', cell: (d) => fmtWhole(d.squareFeet), numeric: true },
            { label: '7-day average', cell: (d) => fmtNumber(d.rollingAvg7), numeric: true },
          ]}
        />
      </Chart>
      <Chart
        id="chart-backlog"
        title="Backlog: square feet received and not yet completed"
        spec={{
          kind: 'time',
          x: backlog.map((d) => d.day),
          unit: 'square feet',
          series: [{ label: 'Backlog', values: backlog.map((d) => d.backlog) }],
        }}
      >
        <NumbersTable
          caption="Square feet in, out and open per day"
          rows={backlog}
          columns={[
            { label: 'Day', cell: (d) => d.day },
            { label: 'In', cell: (d) => fmtWhole(d.squareFeetIn), numeric: true },
            { label: 'Out', cell: (d) => fmtWhole(d.squareFeetOut), numeric: true },
            { label: 'Backlog', cell: (d) => fmtWhole(d.backlog), numeric: true },
          ]}
        />
      </Chart>
    </>
  )
}

export function ProductChart({ products }: { products: Figures['products'] }) {
  return (
    <Chart
      id="chart-products"
      title="Revenue by product"
      note="Completed orders received in the range; an order with several kinds of items counts for each."
      spec={{
        kind: 'bars',
        x: products.products.map((p) => PRODUCT_WORDS[p.product] ?? p.product),
        xLabel: 'Product',
        unit: 'dollars',
        series: [{ label: 'Revenue', values: products.products.map((p) => p.revenue), bars: true }],
      }}
    >
      <NumbersTable
        caption="Revenue by product"
        rows={products.products}
        columns={[
          { label: 'Product', cell: (p) => PRODUCT_WORDS[p.product] ?? p.product },
          { label: 'Revenue', cell: (p) => fmtMoney(p.revenue), numeric: true },
          { label: 'Item lines', cell: (p) => fmtWhole(p.items), numeric: true },
          { label: 'Orders', cell: (p) => fmtWhole(p.orders), numeric: true },
        ]}
        foot={[
          'All completed orders',
          fmtMoney(products.totals.revenue),
          '',
          fmtWhole(products.totals.orders),
        ]}
      />
    </Chart>
  )
}

export function TurnaroundChart({ turnaround }: { turnaround: Figures['turnaround'] }) {
  const label = (b: { fromDays: number; toDays: number }) => `${b.fromDays}–${b.toDays}`
  return (
    <Chart
      id="chart-turnaround"
      title="Turnaround: days from in to completed"
      note={`Median ${fmtOptional(turnaround.median, ' days')}, 90th percentile ${fmtOptional(turnaround.p90, ' days')}.`}
      spec={{
        kind: 'bars',
        x: turnaround.buckets.map(label),
        xLabel: 'Days',
        unit: 'orders',
        series: [{ label: 'Orders', values: turnaround.buckets.map((b) => b.orders), bars: true }],
      }}
    >
      <NumbersTable
        caption="Completed orders by turnaround"
        rows={turnaround.buckets}
        columns={[
          { label: 'Days', cell: label },
          { label: 'Orders', cell: (b) => fmtWhole(b.orders), numeric: true },
        ]}
      />
    </Chart>
  )
}

export function CustomerCharts({ customers }: { customers: Figures['customers'] }) {
  return (
    <>
      <Chart
        id="chart-customers"
        title="New and returning customers per month"
        spec={{
          kind: 'time',
          x: customers.monthly.map((m) => m.month),
          unit: 'customers',
          series: [
            { label: 'New', values: customers.monthly.map((m) => m.newCustomers) },
            { label: 'Returning', values: customers.monthly.map((m) => m.returningCustomers) },
          ],
        }}
      >
        <NumbersTable
          caption="New and returning customers per month"
          rows={customers.monthly}
          columns={[
            { label: 'Month', cell: (m) => m.month },
            { label: 'New', cell: (m) => fmtWhole(m.newCustomers), numeric: true },
            { label: 'Returning', cell: (m) => fmtWhole(m.returningCustomers), numeric: true },
          ]}
        />
      </Chart>
      <section class="chart" aria-labelledby="top-customers">
        <h2 id="top-customers">Top customers by revenue</h2>
        <ScrollBox label="Top customers">
          <table>
            <caption class="visually-hidden">Top customers by revenue in the range</caption>
            <thead>
              <tr>
                <th scope="col">Customer</th>
                <th scope="col" class="num">
                  Revenue
                </th>
                <th scope="col" class="num">
                  Orders
                </th>
              </tr>
            </thead>
            <tbody>
              {customers.top.length === 0 && (
                <tr>
                  <td colSpan={3}>No orders in this range.</td>
                </tr>
              )}
              {customers.top.map((c) => (
                <tr>
                  <th scope="row">
                    <a href={`/customers/${c.customerId}`}>{`${c.name} (#${c.customerNo})`}</a>
                  </th>
                  <td class="num">{fmtMoney(c.revenue)}</td>
                  <td class="num">{fmtWhole(c.orders)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </ScrollBox>
      </section>
    </>
  )
}
