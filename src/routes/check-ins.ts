import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { ANY_ROLE, MANAGERS } from '../auth/access.js'
import { CHECK_IN_FILTERS } from '../domain/list-fields.js'
import {
  CheckInDetailSchema,
  CheckInParams,
  CheckInRowSchema,
  ConvertBody,
  ConvertResultSchema,
  CreateCheckInBody,
  UpdateCheckInBody,
} from '../schemas/check-ins.js'
import { ErrorRef } from '../schemas/common.js'
import { ListQuery, listParams, PageOf } from '../schemas/list.js'
import { writeContext } from './context.js'

const err = (...codes: number[]) => Object.fromEntries(codes.map((c) => [c, ErrorRef]))

/**
 * Check-ins (docs/CHECK-INS.md): everyone at the counter records and edits what was dropped off; a
 * manager converts it into a work order (as only managers create orders) or cancels it.
 */
const checkInRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const tags = ['check-ins']
  const detail = { 200: CheckInDetailSchema, ...err(400, 401, 403, 404) }

  app.get(
    '/api/check-ins',
    {
      config: { access: ANY_ROLE },
      schema: {
        tags,
        summary: 'List check-ins (pending first, oldest first unless sorted)',
        querystring: ListQuery(CHECK_IN_FILTERS),
        response: { 200: PageOf(CheckInRowSchema), ...err(400, 401, 403) },
      },
    },
    async (request) => app.checkInsService.list(listParams(request.query)),
  )
  app.get(
    '/api/check-ins/:id',
    { config: { access: ANY_ROLE }, schema: { tags, params: CheckInParams, response: detail } },
    async (request) => app.checkInsService.detail(request.params.id),
  )
  app.post(
    '/api/check-ins',
    {
      config: { access: ANY_ROLE },
      schema: {
        tags,
        summary: 'Record items dropped off (items from the catalog or typed)',
        body: CreateCheckInBody,
        response: { 201: CheckInDetailSchema, ...err(400, 401, 403) },
      },
    },
    async (request, reply) =>
      reply.code(201).send(await app.checkInsService.create(writeContext(request), request.body)),
  )
  app.patch(
    '/api/check-ins/:id',
    {
      config: { access: ANY_ROLE },
      schema: {
        tags,
        summary: 'Edit a pending check-in',
        params: CheckInParams,
        body: UpdateCheckInBody,
        response: { ...detail, ...err(409) },
      },
    },
    async (request) => app.checkInsService.update(writeContext(request), request.params.id, request.body),
  )
  app.post(
    '/api/check-ins/:id/cancel',
    {
      config: { access: MANAGERS },
      schema: {
        tags,
        summary: 'Cancel a pending check-in',
        params: CheckInParams,
        response: { ...detail, ...err(409) },
      },
    },
    async (request) => app.checkInsService.cancel(writeContext(request), request.params.id),
  )
  app.post(
    '/api/check-ins/:id/convert',
    {
      config: { access: MANAGERS },
      schema: {
        tags,
        summary: 'Convert a pending check-in into a work order, in one transaction',
        description:
          'Once only: a second conversion is 409 check_in.already_converted. into="repair-order" makes a repair order instead of a work order.',
        params: CheckInParams,
        body: ConvertBody,
        response: { 201: ConvertResultSchema, ...err(400, 401, 403, 404, 409) },
      },
    },
    async (request, reply) =>
      reply
        .code(201)
        .send(await app.checkInsService.convert(writeContext(request), request.params.id, request.body.into)),
  )
}

export default checkInRoutes
