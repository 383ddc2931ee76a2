import type { CachedQueries } from '../cache/analytics-cache.js'
import { shopToday } from '../domain/shop-date.js'
import { type AnalyticsRepository, createAnalyticsRepository } from '../repositories/analytics.js'
import { AnalyticsErrors } from './analytics.errors.js'

type Filter = Omit<NonNullable<Parameters<AnalyticsRepository['summary']>[0]>, 'today'>
type Without<K extends keyof AnalyticsRepository> = Omit<Parameters<AnalyticsRepository[K]>[0], 'today'>

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
 * The dashboard's numbers, computed in SQL and served through the analytics cache. Each answer says
 * whether the cache had it (`cache`: hit, miss or bypass). "Today" is the shop's.
 */
export function createAnalyticsService(deps: { queries: CachedQueries; timeZone: string }) {
  const today = () => shopToday(deps.timeZone)

  async function serve<T extends object>(
    endpoint: string,
    params: Record<string, unknown>,
    run: (repo: AnalyticsRepository) => Promise<T>,
  ) {
    try {
      return await deps.queries.cached(endpoint, params, (db) => run(createAnalyticsRepository(db)))
    } catch (err) {
      // The repository checks its parameters (an impossible date, an id out of range) before any SQL.
      if (err instanceof RangeError) throw AnalyticsErrors.invalidParameter(err.message)
      throw err
    }
  }

  /** Undefined values left out, so the cache key is the API's for the same question. */
  const scoped = (scope: SeriesScope) => ({
    today: scope.until ?? today(),
    ...(scope.sourceId !== undefined ? { sourceId: scope.sourceId } : {}),
  })

  return {
    summary(filter: Filter) {
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
    revenueByProduct: (filter: Filter) =>
      serve('revenue-by-product', filter, (repo) => repo.revenueByProduct(filter)),
    turnaround: (query: Without<'turnaround'>) =>
      serve('turnaround', query, (repo) => repo.turnaround(query)),
    customers({ months, top, ...scope }: { months: number; top: number } & SeriesScope) {
      const params = { months, top, ...scoped(scope) }
      return serve('customers', params, (repo) => repo.customers(params))
    },
    dashboard(query: Without<'dashboard'>) {
      const params = { ...query, today: today() }
      return serve('dashboard', params, (repo) => repo.dashboard(params))
    },
    /** This instance's cache counters and the replica's state. */
    cacheStats: () => ({ ...deps.queries.stats(), replica: deps.queries.replicaStatus() }),
  }
}

export type AnalyticsService = ReturnType<typeof createAnalyticsService>
