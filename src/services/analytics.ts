import type { CachedQueries } from '../cache/analytics-cache.js'
import { shopToday } from '../domain/shop-date.js'
import { type AnalyticsRepository, createAnalyticsRepository } from '../repositories/analytics.js'
import { AnalyticsErrors } from './analytics.errors.js'

type Filter = Omit<NonNullable<Parameters<AnalyticsRepository['summary']>[0]>, 'today'>
type Without<K extends keyof AnalyticsRepository> = Omit<Parameters<AnalyticsRepository[K]>[0], 'today'>

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

  return {
    summary(filter: Filter) {
      const params = { ...filter, today: today() }
      return serve('summary', params, (repo) => repo.summary(params))
    },
    trends({ months }: { months: number }) {
      const params = { months, today: today() }
      return serve('trends', params, async (repo) => ({ data: await repo.trends(params) }))
    },
    throughput({ days }: { days: number }) {
      const params = { days, today: today() }
      return serve('throughput', params, async (repo) => ({ data: await repo.throughput(params) }))
    },
    backlog({ days }: { days: number }) {
      const params = { days, today: today() }
      return serve('backlog', params, async (repo) => ({ data: await repo.backlog(params) }))
    },
    revenueByProduct: (filter: Filter) =>
      serve('revenue-by-product', filter, (repo) => repo.revenueByProduct(filter)),
    turnaround: (query: Without<'turnaround'>) =>
      serve('turnaround', query, (repo) => repo.turnaround(query)),
    customers(query: Without<'customers'>) {
      const params = { ...query, today: today() }
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
