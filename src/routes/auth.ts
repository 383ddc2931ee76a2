import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import type { FastifyRequest } from 'fastify'
import { Type } from 'typebox'
import { ANY_ROLE, NO_STORE } from '../auth/access.js'
import { LoginBody, LoginResponse, MeResponse, RegisterBody, RegisterResponse } from '../schemas/auth.js'
import { ErrorRef } from '../schemas/common.js'

export function requestContext(request: FastifyRequest) {
  const userAgent = request.headers['user-agent']
  return { ip: request.ip, requestId: request.id, ...(userAgent ? { userAgent } : {}) }
}

/** Sign in (cookie + bearer token), sign out, who am I, and register with an invite. */
const authRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const loginLimit = { max: app.config.auth.loginRateLimitPerMin, timeWindow: 60_000 }
  const { name: cookieName, options: cookieOptions } = app.sessionCookie

  app.post(
    '/auth/login',
    {
      config: { access: 'public', rateLimit: loginLimit },
      schema: {
        tags: ['auth'],
        summary: 'Sign in; sets the session cookie and returns a bearer token',
        body: LoginBody,
        response: {
          200: LoginResponse,
          400: ErrorRef,
          401: ErrorRef,
          403: ErrorRef,
          423: ErrorRef,
          429: ErrorRef,
        },
      },
    },
    async (request, reply) => {
      reply.header('cache-control', NO_STORE) // the answer holds a bearer token
      const replacesToken = request.cookies[cookieName]
      const result = await app.authService.login({ ...request.body, replacesToken }, requestContext(request))
      reply.setCookie(cookieName, result.token, cookieOptions)
      return { user: result.user, token: result.token, expiresAt: result.expiresAt }
    },
  )

  app.post(
    '/auth/logout',
    {
      config: { access: ANY_ROLE },
      schema: {
        tags: ['auth'],
        summary: 'End this session (cookie or bearer)',
        response: { 204: Type.Null(), 401: ErrorRef, 403: ErrorRef },
      },
    },
    async (request, reply) => {
      const auth = request.auth
      if (auth) await app.authService.logout(auth.sessionId, auth.user, requestContext(request))
      reply.clearCookie(cookieName, { path: '/' })
      return reply.code(204).send(null)
    },
  )

  app.get(
    '/auth/me',
    {
      config: { access: ANY_ROLE },
      schema: { tags: ['auth'], summary: 'The signed-in user', response: { 200: MeResponse, 401: ErrorRef } },
    },
    async (request) => {
      const auth = request.auth
      if (!auth) throw new Error('auth hook did not run')
      return { user: auth.user, via: auth.via }
    },
  )

  app.post(
    '/auth/register',
    {
      config: { access: 'public', rateLimit: loginLimit },
      schema: {
        tags: ['auth'],
        summary: 'Create an account with a one-time invite token',
        body: RegisterBody,
        response: { 201: RegisterResponse, 400: ErrorRef, 409: ErrorRef, 429: ErrorRef },
      },
    },
    async (request, reply) => {
      const user = await app.authService.register(request.body, requestContext(request))
      return reply.code(201).header('cache-control', NO_STORE).send({ user })
    },
  )
}

export default authRoutes
