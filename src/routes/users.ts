import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { ADMIN } from '../auth/access.js'
import { UserSchema } from '../schemas/auth.js'
import { ErrorRef } from '../schemas/common.js'
import {
  AuditListResponse,
  AuditQuery,
  InviteBody,
  InviteResponse,
  UpdateUserBody,
  UserIdParams,
  UserListResponse,
} from '../schemas/users.js'
import { requestContext } from './auth.js'

function actorOf(request: { auth: { user: { id: number; username: string } } | null }) {
  if (!request.auth) throw new Error('auth hook did not run')
  return { id: request.auth.user.id, username: request.auth.user.username }
}

/** Account administration: admin only. */
const userRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const denied = { 401: ErrorRef, 403: ErrorRef }

  app.get(
    '/api/users',
    {
      config: { access: ADMIN },
      schema: { tags: ['users'], summary: 'List users', response: { 200: UserListResponse, ...denied } },
    },
    async () => ({ data: await app.usersService.list() }),
  )

  app.post(
    '/api/users/invites',
    {
      config: { access: ADMIN },
      schema: {
        tags: ['users'],
        summary: 'Invite someone: returns a one-time token (shown once)',
        body: InviteBody,
        response: { 201: InviteResponse, 400: ErrorRef, ...denied },
      },
    },
    async (request, reply) => {
      const { role, email, expiresInDays } = request.body
      const invite = await app.usersService.createInvite(
        actorOf(request),
        { role, email, ttlDays: expiresInDays ?? app.config.auth.inviteTtlDays },
        requestContext(request),
      )
      return reply.code(201).send({ ...invite, registerPath: '/auth/register' })
    },
  )

  app.patch(
    '/api/users/:id',
    {
      config: { access: ADMIN },
      schema: {
        tags: ['users'],
        summary: "Change a user's role or deactivate them (ends their sessions at once)",
        params: UserIdParams,
        body: UpdateUserBody,
        response: { 200: UserSchema, 400: ErrorRef, 404: ErrorRef, 409: ErrorRef, ...denied },
      },
    },
    async (request) =>
      app.usersService.update(actorOf(request), request.params.id, request.body, requestContext(request)),
  )

  app.get(
    '/api/audit-log',
    {
      config: { access: ADMIN },
      schema: {
        tags: ['users'],
        summary: 'Most recent audit entries',
        querystring: AuditQuery,
        response: { 200: AuditListResponse, 400: ErrorRef, ...denied },
      },
    },
    async (request) => ({ data: await app.usersService.recentAudit(request.query.limit) }),
  )
}

export default userRoutes
