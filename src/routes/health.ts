import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { HealthResponse } from '../schemas/health.js'
import { createHealthCheck } from '../services/health.js'
import { version } from '../version.js'

const PING_TIMEOUT_MS = 2000
const RESULT_REUSE_MS = 1000

/** The load balancer's probe (unauthenticated). 503 when the database cannot answer within ~2 s. */
const healthRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const databaseIsUp = createHealthCheck(app.database, {
    timeoutMs: PING_TIMEOUT_MS,
    cacheMs: RESULT_REUSE_MS,
  })

  app.get(
    '/health',
    {
      config: { access: 'public' },
      schema: {
        tags: ['health'],
        summary: 'Liveness and database connectivity',
        response: { 200: HealthResponse, 503: HealthResponse },
      },
    },
    async (_request, reply) => {
      const up = await databaseIsUp()
      return reply.code(up ? 200 : 503).send({
        status: up ? 'healthy' : 'unhealthy',
        database: up ? 'connected' : 'disconnected',
        timestamp: new Date().toISOString(),
        version,
        uptimeSeconds: Math.round(process.uptime()),
        ...replicaDetail(app.analytics.replicaStatus()),
      })
    },
  )
}

function replicaDetail(status: string) {
  return status === 'not configured' ? {} : { analyticsReplica: status as 'connected' | 'unavailable' }
}

export default healthRoutes
