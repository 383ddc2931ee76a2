import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { Type } from 'typebox'
import { ANY_ROLE, MANAGERS } from '../auth/access.js'
import { CUSTOMER_FILTERS } from '../domain/list-fields.js'
import { ErrorRef } from '../schemas/common.js'
import {
  CreateCustomerBody,
  CustomerDetailSchema,
  CustomerRowSchema,
  CustomerSchema,
  UpdateCustomerBody,
} from '../schemas/customers.js'
import { IdParams, ListQuery, listParams, PageOf } from '../schemas/list.js'
import { writeContext } from './context.js'

const errors = { 400: ErrorRef, 401: ErrorRef, 403: ErrorRef }

/** Customers and their item catalog. Everyone reads; managers write. */
const customerRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const tags = ['customers']
  app.get(
    '/api/customers',
    {
      config: { access: ANY_ROLE },
      schema: {
        tags,
        summary: 'List customers',
        querystring: ListQuery(CUSTOMER_FILTERS),
        response: { 200: PageOf(CustomerRowSchema), ...errors },
      },
    },
    async (request) => app.customersService.list(listParams(request.query)),
  )
  app.get(
    '/api/customers/:id',
    {
      config: { access: ANY_ROLE },
      schema: {
        tags,
        summary: 'A customer with source, item catalog and recent work orders with their items',
        params: IdParams,
        response: { 200: CustomerDetailSchema, 404: ErrorRef, ...errors },
      },
    },
    async (request) => app.customersService.detail(request.params.id),
  )
  app.post(
    '/api/customers',
    {
      config: { access: MANAGERS },
      schema: { tags, body: CreateCustomerBody, response: { 201: CustomerSchema, ...errors } },
    },
    async (request, reply) =>
      reply.code(201).send(await app.customersService.create(writeContext(request), request.body)),
  )
  app.patch(
    '/api/customers/:id',
    {
      config: { access: MANAGERS },
      schema: {
        tags,
        params: IdParams,
        body: UpdateCustomerBody,
        response: { 200: CustomerSchema, 404: ErrorRef, ...errors },
      },
    },
    async (request) => app.customersService.update(writeContext(request), request.params.id, request.body),
  )
  app.delete(
    '/api/customers/:id',
    {
      config: { access: MANAGERS },
      schema: {
        tags,
        summary: 'Delete a customer without work orders (409 otherwise)',
        params: IdParams,
        response: { 204: Type.Null(), 404: ErrorRef, 409: ErrorRef, ...errors },
      },
    },
    async (request, reply) => {
      await app.customersService.remove(writeContext(request), request.params.id)
      return reply.code(204).send(null)
    },
  )
}

export default customerRoutes
