import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { Type } from 'typebox'
import { ANY_ROLE, MANAGERS } from '../auth/access.js'
import { SOURCE_FILTERS } from '../domain/list-fields.js'
import { ErrorRef } from '../schemas/common.js'
import { IdParams, ListQuery, listParams, PageOf } from '../schemas/list.js'
import { CreateSourceBody, SourceSchema, UpdateSourceBody } from '../schemas/sources.js'
import { writeContext } from './context.js'

const errors = { 400: ErrorRef, 401: ErrorRef, 403: ErrorRef }

/** Sources: vendors, sail lofts and marinas that send work in. Everyone reads; managers write. */
const sourceRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const tags = ['sources']
  app.get(
    '/api/sources',
    {
      config: { access: ANY_ROLE },
      schema: {
        tags,
        summary: 'List sources',
        querystring: ListQuery(SOURCE_FILTERS),
        response: { 200: PageOf(SourceSchema), ...errors },
      },
    },
    async (request) => app.sourcesService.list(listParams(request.query)),
  )
  app.get(
    '/api/sources/:id',
    {
      config: { access: ANY_ROLE },
      schema: { tags, params: IdParams, response: { 200: SourceSchema, 404: ErrorRef, ...errors } },
    },
    async (request) => app.sourcesService.get(request.params.id),
  )
  app.post(
    '/api/sources',
    {
      config: { access: MANAGERS },
      schema: { tags, body: CreateSourceBody, response: { 201: SourceSchema, 409: ErrorRef, ...errors } },
    },
    async (request, reply) =>
      reply.code(201).send(await app.sourcesService.create(writeContext(request), request.body)),
  )
  app.patch(
    '/api/sources/:id',
    {
      config: { access: MANAGERS },
      schema: {
        tags,
        params: IdParams,
        body: UpdateSourceBody,
        response: { 200: SourceSchema, 404: ErrorRef, 409: ErrorRef, ...errors },
      },
    },
    async (request) => app.sourcesService.update(writeContext(request), request.params.id, request.body),
  )
  app.delete(
    '/api/sources/:id',
    {
      config: { access: MANAGERS },
      schema: {
        tags,
        params: IdParams,
        response: { 204: Type.Null(), 404: ErrorRef, 409: ErrorRef, ...errors },
      },
    },
    async (request, reply) => {
      await app.sourcesService.remove(writeContext(request), request.params.id)
      return reply.code(204).send(null)
    },
  )
}

export default sourceRoutes
