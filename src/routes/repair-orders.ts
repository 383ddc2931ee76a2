import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { Type } from 'typebox'
import { ANY_ROLE, MANAGERS } from '../auth/access.js'
import { REPAIR_ORDER_FILTERS } from '../domain/list-fields.js'
import { ErrorRef } from '../schemas/common.js'
import { ListQuery, listParams, PageOf } from '../schemas/list.js'
import {
  CreateRepairOrderBody,
  LinkBody,
  RepairItemParams,
  RepairOrderDetailSchema,
  RepairOrderNoParams,
  RepairOrderRowSchema,
  RepairStatusBody,
  UpdateRepairOrderBody,
} from '../schemas/repair-orders.js'
import { ItemBody, UpdateItemBody } from '../schemas/work-orders.js'
import { writeContext } from './context.js'

const errors = { 400: ErrorRef, 401: ErrorRef, 403: ErrorRef }

/**
 * Repair orders (docs/REPAIR-ORDERS.md). Everyone reads them and records the shop-floor steps (to and back
 * from the subcontractor, repaired); managers create, edit, link, complete and delete.
 */
const repairOrderRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const tags = ['repair-orders']
  const detail = { 200: RepairOrderDetailSchema, 404: ErrorRef, ...errors }
  const service = app.repairOrdersService

  app.get(
    '/api/repair-orders',
    {
      config: { access: ANY_ROLE },
      schema: {
        tags,
        summary: 'List repair orders with customer, work order number, item count and total',
        querystring: ListQuery(REPAIR_ORDER_FILTERS),
        response: { 200: PageOf(RepairOrderRowSchema), ...errors },
      },
    },
    async (request) => service.list(listParams(request.query)),
  )
  app.get(
    '/api/repair-orders/:no',
    { config: { access: ANY_ROLE }, schema: { tags, params: RepairOrderNoParams, response: detail } },
    async (request) => service.detail(request.params.no),
  )
  app.post(
    '/api/repair-orders',
    {
      config: { access: MANAGERS },
      schema: {
        tags,
        body: CreateRepairOrderBody,
        response: { 201: RepairOrderDetailSchema, 404: ErrorRef, 409: ErrorRef, ...errors },
      },
    },
    async (request, reply) => reply.code(201).send(await service.create(writeContext(request), request.body)),
  )
  app.patch(
    '/api/repair-orders/:no',
    {
      config: { access: MANAGERS },
      schema: { tags, params: RepairOrderNoParams, body: UpdateRepairOrderBody, response: detail },
    },
    async (request) => service.update(writeContext(request), request.params.no, request.body),
  )
  app.post(
    '/api/repair-orders/:no/status',
    {
      config: { access: ANY_ROLE },
      schema: {
        tags,
        summary: 'Move the repair order to another status (validated; staff record shop-floor steps only)',
        params: RepairOrderNoParams,
        body: RepairStatusBody,
        response: { ...detail, 409: ErrorRef },
      },
    },
    async (request) =>
      service.changeStatus(writeContext(request), request.params.no, request.body.to, request.body.note),
  )
  app.put(
    '/api/repair-orders/:no/work-order',
    {
      config: { access: MANAGERS },
      schema: {
        tags,
        summary: 'Link a work order (409 when either side is already linked)',
        params: RepairOrderNoParams,
        body: LinkBody,
        response: { ...detail, 409: ErrorRef },
      },
    },
    async (request) => service.link(writeContext(request), request.params.no, request.body.workOrderNo),
  )
  app.delete(
    '/api/repair-orders/:no/work-order',
    {
      config: { access: MANAGERS },
      schema: {
        tags,
        summary: 'Unlink its work order (nothing to do is not an error)',
        params: RepairOrderNoParams,
        response: detail,
      },
    },
    async (request) => service.unlink(writeContext(request), request.params.no),
  )
  app.delete(
    '/api/repair-orders/:no',
    {
      config: { access: MANAGERS },
      schema: { tags, params: RepairOrderNoParams, response: { 204: Type.Null(), 404: ErrorRef, ...errors } },
    },
    async (request, reply) => {
      await service.remove(writeContext(request), request.params.no)
      return reply.code(204).send(null)
    },
  )
  app.post(
    '/api/repair-orders/:no/items',
    {
      config: { access: MANAGERS },
      schema: {
        tags,
        summary: 'Add an item (typed, or picked from the catalog)',
        params: RepairOrderNoParams,
        body: ItemBody,
        response: detail,
      },
    },
    async (request) => service.addItem(writeContext(request), request.params.no, request.body),
  )
  app.patch(
    '/api/repair-orders/:no/items/:itemId',
    {
      config: { access: MANAGERS },
      schema: { tags, params: RepairItemParams, body: UpdateItemBody, response: detail },
    },
    async (request) =>
      service.updateItem(writeContext(request), request.params.no, request.params.itemId, request.body),
  )
  app.delete(
    '/api/repair-orders/:no/items/:itemId',
    { config: { access: MANAGERS }, schema: { tags, params: RepairItemParams, response: detail } },
    async (request) => service.removeItem(writeContext(request), request.params.no, request.params.itemId),
  )
}

export default repairOrderRoutes
