import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { Type } from 'typebox'
import { ANY_ROLE, MANAGERS } from '../auth/access.js'
import { WORK_ORDER_FILTERS } from '../domain/list-fields.js'
import { ErrorRef } from '../schemas/common.js'
import { ListQuery, listParams, PageOf } from '../schemas/list.js'
import {
  CreateWorkOrderBody,
  ItemBody,
  ItemParams,
  StatusBody,
  UpdateItemBody,
  UpdateWorkOrderBody,
  WorkOrderDetailSchema,
  WorkOrderNoParams,
  WorkOrderRowSchema,
} from '../schemas/work-orders.js'
import { writeContext } from './context.js'

const errors = { 400: ErrorRef, 401: ErrorRef, 403: ErrorRef }

/**
 * Work orders and their items. Everyone reads and records shop-floor steps; managers create, edit,
 * complete and delete (the status rules per role live in src/domain/work-order-status.ts).
 */
const workOrderRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const tags = ['work-orders']
  const detail = { 200: WorkOrderDetailSchema, 404: ErrorRef, ...errors }

  app.get(
    '/api/work-orders',
    {
      config: { access: ANY_ROLE },
      schema: {
        tags,
        summary: 'List work orders with customer, source, item count, total and square feet',
        querystring: ListQuery(WORK_ORDER_FILTERS),
        response: { 200: PageOf(WorkOrderRowSchema), ...errors },
      },
    },
    async (request) => app.workOrdersService.list(listParams(request.query)),
  )
  app.get(
    '/api/work-orders/:no',
    { config: { access: ANY_ROLE }, schema: { tags, params: WorkOrderNoParams, response: detail } },
    async (request) => app.workOrdersService.detail(request.params.no),
  )
  app.post(
    '/api/work-orders',
    {
      config: { access: MANAGERS },
      schema: { tags, body: CreateWorkOrderBody, response: { 201: WorkOrderDetailSchema, ...errors } },
    },
    async (request, reply) =>
      reply.code(201).send(await app.workOrdersService.create(writeContext(request), request.body)),
  )
  app.patch(
    '/api/work-orders/:no',
    {
      config: { access: MANAGERS },
      schema: { tags, params: WorkOrderNoParams, body: UpdateWorkOrderBody, response: detail },
    },
    async (request) => app.workOrdersService.update(writeContext(request), request.params.no, request.body),
  )
  app.post(
    '/api/work-orders/:no/status',
    {
      config: { access: ANY_ROLE },
      schema: {
        tags,
        summary: 'Move the order to another status (validated; staff record shop-floor steps only)',
        params: WorkOrderNoParams,
        body: StatusBody,
        response: { ...detail, 409: ErrorRef },
      },
    },
    async (request) =>
      app.workOrdersService.changeStatus(
        writeContext(request),
        request.params.no,
        request.body.to,
        request.body.note,
        request.body.finalLocation,
      ),
  )
  app.delete(
    '/api/work-orders/:no',
    {
      config: { access: MANAGERS },
      schema: { tags, params: WorkOrderNoParams, response: { 204: Type.Null(), 404: ErrorRef, ...errors } },
    },
    async (request, reply) => {
      await app.workOrdersService.remove(writeContext(request), request.params.no)
      return reply.code(204).send(null)
    },
  )
  app.post(
    '/api/work-orders/:no/items',
    {
      config: { access: MANAGERS },
      schema: {
        tags,
        summary: 'Add an item (typed, or picked from the catalog)',
        params: WorkOrderNoParams,
        body: ItemBody,
        response: detail,
      },
    },
    async (request) => app.workOrdersService.addItem(writeContext(request), request.params.no, request.body),
  )
  app.patch(
    '/api/work-orders/:no/items/:itemId',
    {
      config: { access: MANAGERS },
      schema: { tags, params: ItemParams, body: UpdateItemBody, response: detail },
    },
    async (request) =>
      app.workOrdersService.updateItem(
        writeContext(request),
        request.params.no,
        request.params.itemId,
        request.body,
      ),
  )
  app.delete(
    '/api/work-orders/:no/items/:itemId',
    { config: { access: MANAGERS }, schema: { tags, params: ItemParams, response: detail } },
    async (request) =>
      app.workOrdersService.removeItem(writeContext(request), request.params.no, request.params.itemId),
  )
}

export default workOrderRoutes
