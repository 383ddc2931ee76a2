import { shopToday } from '../domain/shop-date.js'
import { AppError } from '../errors.js'
import type { Analytics } from '../plugins/analytics.js'
import { type AnalyticsFilter, createAnalyticsRepository } from '../repositories/analytics.js'

type Repo = ReturnType<typeof createAnalyticsRepository>

/**
 * Where a series ends and which source it covers. The repository takes both; the API's routes leave them
 * out (a window ending today, every source), the analytics page passes the user's range and source.
 */
export interface SeriesScope {
  /** The window's last day (YYYY-MM-DD); the shop's today when absent. */
  until?: string | undefined
  sourceId?: number | undefined
}

/**
 * The dashboard's numbers, computed in SQL and served through the analytics cache (`app.analytics`). Each
 * answer says whether the cache had it (`cache`: hit, miss or bypass). "Today" is the shop's.
 * Same shape as issue 16's analyticsService (branch i16), plus the optional SeriesScope on the series.
 */
export function createAnalyticsService(deps: {
  queries: Pick<Analytics, 'cached' | 'stats' | 'replicaStatus'>
  timeZone: string
}) {
  const today = () => shopToday(deps.timeZone)

  async function serve<T extends object>(
    endpoint: string,
    params: Record<string, unknown>,
    run: (repo: Repo) => Promise<T>,
  ) {
    try {
      return await deps.queries.cached(endpoint, params, (db) => run(createAnalyticsRepository(db)))
    } catch (err) {
      // The repository checks its parameters (an impossible date, an id out of range) before any SQL.
      if (err instanceof RangeError) throw new AppError(400, 'analytics.invalid_parameter', err.message)
      throw err
    }
  }
  /** Undefined values left out, so the cache key is the API's for the same question. */
  const scoped = (scope: SeriesScope) => ({
    today: scope.until ?? today(),
    ...(scope.sourceId !== undefined ? { sourceId: scope.sourceId } : {}),
  })

  return {
    summary(filter: AnalyticsFilter) {
      const params = { ...filter, today: today() }
      return serve('summary', params, (repo) => repo.summary(params))
    },
    trends({ months, ...scope }: { months: number } & SeriesScope) {
      const params = { months, ...scoped(scope) }
      return serve('trends', params, async (repo) => ({ data: await repo.trends(params) }))
    },
    throughput({ days, ...scope }: { days: number } & SeriesScope) {
      const params = { days, ...scoped(scope) }
      return serve('throughput', params, async (repo) => ({ data: await repo.throughput(params) }))
    },
    backlog({ days, ...scope }: { days: number } & SeriesScope) {
      const params = { days, ...scoped(scope) }
      return serve('backlog', params, async (repo) => ({ data: await repo.backlog(params) }))
    },
    revenueByProduct: (filter: AnalyticsFilter) =>
      serve('revenue-by-product', { ...filter }, (repo) => repo.revenueByProduct(filter)),
    turnaround: (query: AnalyticsFilter & { bucketDays: number }) =>
      serve('turnaround', { ...query }, (repo) => repo.turnaround(query)),
    customers({ months, top, ...scope }: { months: number; top: number } & SeriesScope) {
      const params = { months, top, ...scoped(scope) }
      return serve('customers', params, (repo) => repo.customers(params))
    },
    dashboard(query: { dueWithinDays: number; recent: number }) {
      const params = { ...query, today: today() }
      return serve('dashboard', params, (repo) => repo.dashboard(params))
    },
    /** This instance's cache counters and the replica's state. */
    cacheStats: () => ({ ...deps.queries.stats(), replica: deps.queries.replicaStatus() }),
  }
}

export type AnalyticsService = ReturnType<typeof createAnalyticsService>
