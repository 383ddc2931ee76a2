import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { ANY_ROLE, MANAGERS } from '../auth/access.js'
import { ErrorRef } from '../schemas/common.js'
import { QueueQuery, QueueSchema, ReorderBody } from '../schemas/queue.js'
import { writeContext } from './context.js'

const errors = { 400: ErrorRef, 401: ErrorRef, 403: ErrorRef }

/** The cleaning queue: everyone reads it; managers reorder it by hand (docs/WORK-ORDERS.md). */
const queueRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const tags = ['queue']

  app.get(
    '/api/queue',
    {
      config: { access: ANY_ROLE },
      schema: {
        tags,
        summary: 'The cleaning queue in working order, with its version for a reorder',
        querystring: QueueQuery,
        response: { 200: QueueSchema, ...errors },
      },
    },
    async (request) => app.queueService.list(request.query),
  )
  app.put(
    '/api/queue/order',
    {
      config: { access: MANAGERS },
      schema: {
        tags,
        summary: 'Reorder the whole queue by hand (409 if it changed since the given version)',
        body: ReorderBody,
        response: { 200: QueueSchema, 409: ErrorRef, ...errors },
      },
    },
    async (request) => app.queueService.reorder(writeContext(request), request.body),
  )
}

export default queueRoutes
