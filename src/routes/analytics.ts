import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import type { FastifyReply } from 'fastify'
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
  const access = { access: MANAGERS }
  /** `x-cache` says whether the analytics cache had the answer (hit), computed it (miss) or was bypassed. */
  const send = <T>(reply: FastifyReply, { value, cache }: { value: T; cache: string }) => {
    reply.header('x-cache', cache)
    return value
  }
  const analytics = app.analyticsService

  app.get(
    '/api/analytics/summary',
    {
      config: access,
      schema: { tags, querystring: FilterQuery, response: { 200: SummarySchema, ...errors } },
    },
    async (request, reply) => send(reply, await analytics.summary(request.query)),
  )
  app.get(
    '/api/analytics/trends',
    {
      config: access,
      schema: { tags, querystring: MonthsQuery, response: { 200: TrendsSchema, ...errors } },
    },
    async (request, reply) => send(reply, await analytics.trends(request.query)),
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
    async (request, reply) => send(reply, await analytics.throughput(request.query)),
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
    async (request, reply) => send(reply, await analytics.backlog(request.query)),
  )
  app.get(
    '/api/analytics/revenue-by-product',
    {
      config: access,
      schema: { tags, querystring: FilterQuery, response: { 200: RevenueByProductSchema, ...errors } },
    },
    async (request, reply) => send(reply, await analytics.revenueByProduct(request.query)),
  )
  app.get(
    '/api/analytics/turnaround',
    {
      config: access,
      schema: { tags, querystring: TurnaroundQuery, response: { 200: TurnaroundSchema, ...errors } },
    },
    async (request, reply) => send(reply, await analytics.turnaround(request.query)),
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
    async (request, reply) => send(reply, await analytics.customers(request.query)),
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
    async (request, reply) => send(reply, await analytics.dashboard(request.query)),
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
