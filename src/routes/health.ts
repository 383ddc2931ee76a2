import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { HealthResponse } from '../schemas/health.js'

/** The load balancer's probe (unauthenticated). 503 when the database cannot answer within ~2 s. */
const healthRoutes: FastifyPluginAsyncTypebox = async (app) => {
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
      const health = await app.healthService.check()
      return reply.code(health.status === 'healthy' ? 200 : 503).send(health)
    },
  )
}

export default healthRoutes
