import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import type { FastifyReply } from 'fastify'
import type { Static } from 'typebox'
import { MANAGERS } from '../auth/access.js'
import { parseSquareFeet } from '../domain/square-feet.js'
import { ErrorRef } from '../schemas/common.js'
import {
  PredictBody,
  PredictionSchema,
  RetrainBody,
  RetrainResultSchema,
  RunAcceptedSchema,
  RunParams,
  RunSchema,
  RunsSchema,
  StatusSchema,
  WorkOrderNoParams,
} from '../schemas/ml.js'
import mlPerformanceRoutes from './ml-performance.js'

const err = (...codes: number[]) => Object.fromEntries(codes.map((c) => [c, ErrorRef]))
const retrainResponses = {
  200: RetrainResultSchema,
  202: RunAcceptedSchema,
  ...err(400, 401, 403, 409, 422, 500, 503, 504),
}

/** Turnaround and price predictions, the model registry, and (re)training. docs/ML.md explains the model. */
const mlRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const tags = ['ml']
  await app.register(mlPerformanceRoutes)

  async function retrain(body: Static<typeof RetrainBody>, reply: FastifyReply, triggeredBy: string) {
    const started = await app.mlService.retrain({ config: body.config ?? 'auto', triggeredBy })
    if (body.async) {
      // The run is recorded; the outcome (or the failure) lands on it. Nothing is left unhandled.
      started.done.catch(() => undefined)
      return reply
        .code(202)
        .send({ status: 'running', runId: started.runId, poll: `/ml/runs/${started.runId}` })
    }
    return started.done
  }

  app.post(
    '/ml/cron/retrain',
    {
      config: { access: 'cron' },
      schema: {
        tags,
        summary: 'Nightly retrain (X-Cron-Secret)',
        body: RetrainBody,
        response: retrainResponses,
      },
    },
    (request, reply) => retrain(request.body, reply, 'cron'),
  )

  app.post(
    '/ml/train',
    {
      config: { access: MANAGERS },
      schema: { tags, summary: 'Retrain now', body: RetrainBody, response: retrainResponses },
    },
    (request, reply) => retrain(request.body, reply, `user:${request.auth?.user.id}`),
  )

  app.get(
    '/ml/runs',
    {
      config: { access: MANAGERS },
      schema: { tags, summary: 'Recent training runs', response: { 200: RunsSchema, ...err(401, 403) } },
    },
    async () => ({ data: await app.mlService.runs() }),
  )

  app.get(
    '/ml/runs/:id',
    {
      config: { access: { cronOr: MANAGERS } },
      schema: {
        tags,
        summary: 'One training run (X-Cron-Secret or a manager session)',
        params: RunParams,
        response: { 200: RunSchema, ...err(400, 401, 403, 404, 503) },
      },
    },
    async (request) => app.mlService.run(request.params.id),
  )

  app.get(
    '/ml/status',
    {
      config: { access: MANAGERS },
      schema: {
        tags,
        summary: 'Active model and registry',
        response: { 200: StatusSchema, ...err(401, 403) },
      },
    },
    async () => app.mlService.status(),
  )

  app.post(
    '/ml/predict',
    {
      config: { access: MANAGERS },
      schema: {
        tags,
        summary: 'Predict turnaround and price of a draft order',
        body: PredictBody,
        response: { 200: PredictionSchema, ...err(400, 401, 403, 404, 409) },
      },
    },
    async (request) => {
      const { items, ...order } = request.body
      return app.mlService.predictions.predictDraft({
        ...order,
        dateRequired: order.dateRequired ?? null,
        rush: order.rush ?? false,
        firmRush: order.firmRush ?? false,
        repairsNeeded: order.repairsNeeded ?? false,
        isCushion: order.isCushion ?? false,
        storageTime: order.storageTime ?? null,
        specialInstructions: order.specialInstructions ?? null,
        items: items.map((i) => ({
          description: i.description,
          material: i.material ?? null,
          quantity: i.quantity ?? 1,
          sizeText: i.sizeText ?? null,
          squareFeet: parseSquareFeet(i.sizeText),
          condition: i.condition ?? null,
          color: i.color ?? null,
        })),
      })
    },
  )

  app.get(
    '/ml/predict/:workOrderNo',
    {
      config: { access: MANAGERS },
      schema: {
        tags,
        summary: 'Predict turnaround and price of a work order, as of today',
        params: WorkOrderNoParams,
        response: { 200: PredictionSchema, ...err(400, 401, 403, 404, 409) },
      },
    },
    async (request) => app.mlService.predictions.predictOrder(request.params.workOrderNo),
  )
}

export default mlRoutes
