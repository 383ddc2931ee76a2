import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import type { Static, TSchema } from 'typebox'
import { ADMIN, MANAGERS } from '../auth/access.js'
import {
  BacklogSchema,
  CacheStatsSchema,
  CustomersQuery,
  CustomersSchema,
  DashboardQuery,
  DashboardSchema,
  DaysQuery,
  FilterQuery,
  MonthsQuery,
  RevenueByProductSchema,
  SummarySchema,
  ThroughputSchema,
  TrendsSchema,
  TurnaroundQuery,
  TurnaroundSchema,
} from '../schemas/analytics.js'
import { ErrorRef } from '../schemas/common.js'

const errors = { 400: ErrorRef, 401: ErrorRef, 403: ErrorRef }

/** The dashboard's numbers: managers and admins only, computed in SQL, served through the analytics cache. */
const analyticsRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const tags = ['analytics']
  const analytics = app.analyticsService

  /** One cached figure; `x-cache` says whether the cache had it (hit), computed it (miss) or was bypassed. */
  function figure<Q extends TSchema>(
    url: string,
    schemas: { querystring: Q; response: TSchema; summary?: string },
    answer: (query: Static<Q>) => Promise<{ value: object; cache: string }>,
  ) {
    const { querystring, response, summary } = schemas
    app.get(
      url,
      {
        config: { access: MANAGERS },
        schema: {
          tags,
          ...(summary ? { summary } : {}),
          querystring,
          response: { 200: response, ...errors },
        },
      },
      async (request, reply) => {
        const { value, cache } = await answer(request.query as Static<Q>)
        reply.header('x-cache', cache)
        return value
      },
    )
  }

  figure('/api/analytics/summary', { querystring: FilterQuery, response: SummarySchema }, analytics.summary)
  figure('/api/analytics/trends', { querystring: MonthsQuery, response: TrendsSchema }, analytics.trends)
  figure(
    '/api/analytics/throughput',
    {
      querystring: DaysQuery,
      response: ThroughputSchema,
      summary: 'Daily square feet completed, with a 7-day rolling mean',
    },
    analytics.throughput,
  )
  figure(
    '/api/analytics/backlog',
    { querystring: DaysQuery, response: BacklogSchema, summary: 'Daily cumulative square feet in minus out' },
    analytics.backlog,
  )
  figure(
    '/api/analytics/revenue-by-product',
    { querystring: FilterQuery, response: RevenueByProductSchema },
    analytics.revenueByProduct,
  )
  figure(
    '/api/analytics/turnaround',
    { querystring: TurnaroundQuery, response: TurnaroundSchema },
    analytics.turnaround,
  )
  figure(
    '/api/analytics/customers',
    {
      querystring: CustomersQuery,
      response: CustomersSchema,
      summary: 'New vs returning customers per month; top customers by revenue',
    },
    analytics.customers,
  )
  figure(
    '/api/dashboard',
    {
      querystring: DashboardQuery,
      response: DashboardSchema,
      summary: 'Recent orders, counts per status, queue length, rush orders due soon',
    },
    analytics.dashboard,
  )

  app.get(
    '/api/analytics/cache-stats',
    {
      config: { access: ADMIN },
      schema: {
        tags,
        summary: "This instance's analytics cache counters",
        response: { 200: CacheStatsSchema, 401: ErrorRef, 403: ErrorRef },
      },
    },
    async () => analytics.cacheStats(),
  )
}

export default analyticsRoutes
