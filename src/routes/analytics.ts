import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import type { FastifyReply } from 'fastify'
import { ADMIN, MANAGERS } from '../auth/access.js'
import type { Db } from '../db/index.js'
import { shopToday } from '../domain/shop-date.js'
import { AppError } from '../errors.js'
import { createAnalyticsRepository } from '../repositories/analytics.js'
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

type Repo = ReturnType<typeof createAnalyticsRepository>
const errors = { 400: ErrorRef, 401: ErrorRef, 403: ErrorRef }

/** The dashboard's numbers: managers and admins only, computed in SQL, served through the analytics cache. */
const analyticsRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const tags = ['analytics']
  const access = { access: MANAGERS }
  const today = () => shopToday(app.config.shopTimezone)

  /** One cached query; `x-cache` says whether it was a hit, a miss or bypassed. */
  async function serve<T extends object>(
    reply: FastifyReply,
    endpoint: string,
    params: Record<string, unknown>,
    run: (repo: Repo) => Promise<T>,
  ) {
    const { value, cache } = await app.analytics
      .cached(endpoint, params, (db: Db) => run(createAnalyticsRepository(db)))
      .catch((err: unknown) => {
        // The repository checks its parameters (an impossible date, an id out of range) before any SQL.
        if (err instanceof RangeError) throw new AppError(400, 'analytics.invalid_parameter', err.message)
        throw err
      })
    reply.header('x-cache', cache)
    return value
  }

  app.get(
    '/api/analytics/summary',
    {
      config: access,
      schema: { tags, querystring: FilterQuery, response: { 200: SummarySchema, ...errors } },
    },
    async (request, reply) => {
      const params = { ...request.query, today: today() }
      return serve(reply, 'summary', params, (repo) => repo.summary(params))
    },
  )
  app.get(
    '/api/analytics/trends',
    {
      config: access,
      schema: { tags, querystring: MonthsQuery, response: { 200: TrendsSchema, ...errors } },
    },
    async (request, reply) => {
      const params = { months: request.query.months, today: today() }
      return serve(reply, 'trends', params, async (repo) => ({ data: await repo.trends(params) }))
    },
  )
  app.get(
    '/api/analytics/throughput',
    {
      config: access,
      schema: {
        tags,
        summary: 'Daily square feet completed, with a 7-day rolling mean',
        querystring: DaysQuery,
        response: { 200: ThroughputSchema, ...errors },
      },
    },
    async (request, reply) => {
      const params = { days: request.query.days, today: today() }
      return serve(reply, 'throughput', params, async (repo) => ({ data: await repo.throughput(params) }))
    },
  )
  app.get(
    '/api/analytics/backlog',
    {
      config: access,
      schema: {
        tags,
        summary: 'Daily cumulative square feet in minus out',
        querystring: DaysQuery,
        response: { 200: BacklogSchema, ...errors },
      },
    },
    async (request, reply) => {
      const params = { days: request.query.days, today: today() }
      return serve(reply, 'backlog', params, async (repo) => ({ data: await repo.backlog(params) }))
    },
  )
  app.get(
    '/api/analytics/revenue-by-product',
    {
      config: access,
      schema: { tags, querystring: FilterQuery, response: { 200: RevenueByProductSchema, ...errors } },
    },
    async (request, reply) =>
      serve(reply, 'revenue-by-product', request.query, (repo) => repo.revenueByProduct(request.query)),
  )
  app.get(
    '/api/analytics/turnaround',
    {
      config: access,
      schema: { tags, querystring: TurnaroundQuery, response: { 200: TurnaroundSchema, ...errors } },
    },
    async (request, reply) =>
      serve(reply, 'turnaround', request.query, (repo) => repo.turnaround(request.query)),
  )
  app.get(
    '/api/analytics/customers',
    {
      config: access,
      schema: {
        tags,
        summary: 'New vs returning customers per month; top customers by revenue',
        querystring: CustomersQuery,
        response: { 200: CustomersSchema, ...errors },
      },
    },
    async (request, reply) => {
      const params = { ...request.query, today: today() }
      return serve(reply, 'customers', params, (repo) => repo.customers(params))
    },
  )
  app.get(
    '/api/dashboard',
    {
      config: access,
      schema: {
        tags,
        summary: 'Recent orders, counts per status, queue length, rush orders due soon',
        querystring: DashboardQuery,
        response: { 200: DashboardSchema, ...errors },
      },
    },
    async (request, reply) => {
      const params = { ...request.query, today: today() }
      return serve(reply, 'dashboard', params, (repo) => repo.dashboard(params))
    },
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
    async () => ({ ...app.analytics.stats(), replica: app.analytics.replicaStatus() }),
  )
}

export default analyticsRoutes
