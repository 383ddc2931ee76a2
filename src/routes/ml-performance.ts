import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { MANAGERS } from '../auth/access.js'
import { ErrorRef } from '../schemas/common.js'
import { PerformanceQuery, PerformanceSchema } from '../schemas/ml-performance.js'

/** How the recorded predictions turned out (issue 19; docs/ML.md "Tracking"). */
const mlPerformanceRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.get(
    '/ml/performance',
    {
      config: { access: MANAGERS },
      schema: {
        tags: ['ml'],
        summary: 'Live MAE and interval coverage of recorded predictions, beside the holdout MAE',
        querystring: PerformanceQuery,
        response: { 200: PerformanceSchema, 400: ErrorRef, 401: ErrorRef, 403: ErrorRef },
      },
    },
    async (request) => app.mlService.snapshots.performance(request.query.days),
  )
}

export default mlPerformanceRoutes
