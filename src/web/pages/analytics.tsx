import type { FastifyInstance, FastifyRequest } from 'fastify'
import { MANAGERS } from '../../auth/access.js'
import { isCalendarDate, shopToday } from '../../domain/shop-date.js'
import type { AnalyticsService } from '../../services/analytics.js'
import {
  CustomerCharts,
  DailyCharts,
  type Figures,
  Kpis,
  MonthlyCharts,
  ProductChart,
  TurnaroundChart,
} from '../components/analytics/figures.js'
import { Field } from '../components/field.js'
import { fmtWhole } from '../components/manage/format.js'
import { ScrollBox } from '../components/manage/scroll.js'
import { StatusBadge } from '../components/status-badge.js'
import type { FormState } from '../form.js'
import { isHtmx, sendFragment, sendPage } from '../render.js'
import { signedInUser } from '../session.js'

type FilterField = 'from' | 'to' | 'sourceId'
const MAX_DAYS = 730 // the API's limit for the daily series

export interface Range {
  from: string
  to: string
  sourceId?: number | undefined
}

const dayMs = 86_400_000
const daysBetween = (from: string, to: string) => Math.round((Date.parse(to) - Date.parse(from)) / dayMs)
const monthIndex = (day: string) => Number(day.slice(0, 4)) * 12 + Number(day.slice(5, 7))

/** Reads the filter form; the default range is the last 12 months to today. */
export function readRange(query: Record<string, string | undefined>, today: string, sourceIds: Set<number>) {
  const yearAgo = new Date(Date.parse(today) - 364 * dayMs).toISOString().slice(0, 10)
  const values = {
    from: query.from?.trim() || yearAgo,
    to: query.to?.trim() || today,
    sourceId: query.sourceId?.trim() ?? '',
  }
  const state: FormState<FilterField> = { values, errors: {} }
  for (const key of ['from', 'to'] as const)
    if (!isCalendarDate(values[key])) state.errors[key] = 'Enter a date as YYYY-MM-DD'
  if (!state.errors.from && !state.errors.to) {
    if (values.from > values.to) state.errors.to = 'The end date is before the start date'
    else if (monthIndex(values.to) - monthIndex(values.from) >= 120)
      state.errors.from = 'Choose a range of at most 10 years'
  }
  const sourceId = values.sourceId ? Number(values.sourceId) : undefined
  if (values.sourceId && !sourceIds.has(sourceId ?? 0))
    state.errors.sourceId = 'Choose a source from the list'
  const range: Range = { from: values.from, to: values.to, ...(sourceId ? { sourceId } : {}) }
  return { state, range }
}

/** Every analytics figure for the range, through the same service (and cache) as the API. */
export async function loadFigures(analytics: AnalyticsService, r: Range): Promise<Figures> {
  const months = monthIndex(r.to) - monthIndex(r.from) + 1
  const days = Math.min(MAX_DAYS, daysBetween(r.from, r.to) + 1)
  const filter = { from: r.from, to: r.to, ...(r.sourceId ? { sourceId: r.sourceId } : {}) }
  const scope = { until: r.to, ...(r.sourceId ? { sourceId: r.sourceId } : {}) }
  const [summary, trends, throughput, backlog, products, turnaround, customers, now] = await Promise.all([
    analytics.summary(filter),
    analytics.trends({ months, ...scope }),
    analytics.throughput({ days, ...scope }),
    analytics.backlog({ days, ...scope }),
    analytics.revenueByProduct(filter),
    analytics.turnaround({ ...filter, bucketDays: 7 }),
    analytics.customers({ months, top: 10, ...scope }),
    analytics.dashboard({ dueWithinDays: 7, recent: 1 }),
  ])
  return {
    summary: summary.value,
    trends: trends.value.data,
    throughput: throughput.value.data,
    backlog: backlog.value.data,
    products: products.value,
    turnaround: turnaround.value,
    customers: customers.value,
    now: now.value,
  }
}

function FilterForm({
  state,
  sources,
}: {
  state: FormState<FilterField>
  sources: { id: number; name: string }[]
}) {
  const error = state.errors.sourceId
  return (
    <form
      method="get"
      action="/analytics"
      class="filters"
      novalidate
      hx-get="/analytics"
      hx-target="#analytics-body"
      hx-swap="outerHTML"
      hx-push-url="true"
    >
      <Field name="from" label="Received from" type="date" state={state} />
      <Field name="to" label="Received to" type="date" state={state} />
      <div class={error ? 'field field-error' : 'field'}>
        <label for="f-sourceId">Source</label>
        {error && (
          <p class="error-message" id="f-sourceId-error">
            {error}
          </p>
        )}
        <select id="f-sourceId" name="sourceId" aria-describedby={error ? 'f-sourceId-error' : undefined}>
          <option value="">All sources</option>
          {sources.map((s) => (
            <option value={String(s.id)} selected={String(s.id) === state.values.sourceId}>
              {s.name}
            </option>
          ))}
        </select>
      </div>
      <div class="filter-buttons">
        <button type="submit">Show</button>
        <a href="/analytics">Last 12 months</a>
      </div>
    </form>
  )
}

function RightNow({
  now,
  cache,
}: {
  now: Figures['now']
  cache?: ReturnType<AnalyticsService['cacheStats']> | undefined
}) {
  const statuses = Object.entries(now.countsByStatus)
  return (
    <section aria-labelledby="right-now">
      <h2 id="right-now">Right now (every source, not the range)</h2>
      <p>{`Cleaning queue: ${fmtWhole(now.queueLength)} orders. Rush orders due within 7 days: ${now.rushDueSoon.length}.`}</p>
      <ScrollBox label="Orders per status">
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
            {statuses.map(([status, n]) => (
              <tr>
                <th scope="row">
                  <StatusBadge status={status} />
                </th>
                <td class="num">{fmtWhole(n)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </ScrollBox>
      {cache && (
        <details>
          <summary>Analytics cache on this instance (admins)</summary>
          <p>{`Hits ${cache.hits}, misses ${cache.misses}, invalidations ${cache.invalidations}, entries ${cache.size}; other instances: ${cache.crossInstance}; replica: ${cache.replica}.`}</p>
        </details>
      )}
    </section>
  )
}

interface BodyProps {
  state: FormState<FilterField>
  sources: { id: number; name: string }[]
  figures: Figures | null
  range: Range
  cache?: ReturnType<AnalyticsService['cacheStats']> | undefined
}

/** The filter and everything it selects: htmx swaps this whole block, so the form keeps its errors too. */
function AnalyticsBody({ state, sources, figures, range, cache }: BodyProps) {
  const source = sources.find((s) => s.id === range.sourceId)?.name ?? 'all sources'
  const clipped = daysBetween(range.from, range.to) + 1 > MAX_DAYS
  return (
    <div id="analytics-body">
      <FilterForm state={state} sources={sources} />
      {!figures ? (
        <p class="error-message" role="alert">
          Correct the filter above to see the figures.
        </p>
      ) : (
        <div id="analytics-content">
          <p role="status">{`Orders received ${range.from} to ${range.to}, ${source}.`}</p>
          <Kpis s={figures.summary} />
          <div class="charts">
            <MonthlyCharts trends={figures.trends} />
            <ProductChart products={figures.products} />
            <TurnaroundChart turnaround={figures.turnaround} />
            <DailyCharts
              throughput={figures.throughput}
              backlog={figures.backlog}
              {...(clipped ? { note: `The daily charts show the last ${MAX_DAYS} days of the range.` } : {})}
            />
            <CustomerCharts customers={figures.customers} />
          </div>
          <RightNow now={figures.now} cache={cache} />
        </div>
      )}
    </div>
  )
}

/** Analytics (managers and admins): the figures of every analytics endpoint, filtered by date in and source. */
export default async function analyticsPages(app: FastifyInstance) {
  app.get<{ Querystring: Record<string, string | undefined> }>(
    '/analytics',
    { config: { access: MANAGERS } },
    async (request: FastifyRequest<{ Querystring: Record<string, string | undefined> }>, reply) => {
      const list = await app.sourcesService.list({ page: 1, pageSize: 200, sort: 'name', filters: {} })
      const sources = list.data.map((s) => ({ id: s.id, name: s.name }))
      const today = shopToday(app.config.shopTimezone)
      const { state, range } = readRange(request.query, today, new Set(sources.map((s) => s.id)))
      const valid = Object.keys(state.errors).length === 0
      const figures = valid ? await loadFigures(app.analyticsService, range) : null
      const cache = signedInUser(request).role === 'admin' ? app.analyticsService.cacheStats() : undefined
      const body = (
        <AnalyticsBody state={state} sources={sources} figures={figures} range={range} cache={cache} />
      )
      const status = valid ? 200 : 422
      if (isHtmx(request)) return sendFragment(reply, body, status)
      return sendPage(request, reply, {
        title: 'Analytics',
        status,
        styles: ['manage.css', 'uplot.css'],
        scripts: ['uplot.js', 'analytics.js'],
        body: (
          <section>
            <h1>Analytics</h1>
            {body}
          </section>
        ),
      })
    },
  )
}
