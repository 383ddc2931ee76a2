import cookie from '@fastify/cookie'
import type { FastifyReply, FastifyRequest } from 'fastify'
import fp from 'fastify-plugin'
import { type Access, NO_STORE } from '../../auth/access.js'
import { secretsEqual } from '../../auth/tokens.js'
import type { Role } from '../../models/index.js'
import { AuthErrors } from '../../services/auth.errors.js'

export interface RequestAuth {
  sessionId: number
  user: { id: number; username: string; email: string | null; role: Role }
  via: 'cookie' | 'bearer'
}

export interface RouteAccess {
  method: string
  url: string
  access: Access
}

declare module 'fastify' {
  interface FastifyInstance {
    /** Every route with its access decision, as registered (the role-matrix test walks it). */
    routeAccess: RouteAccess[]
    sessionCookie: { name: string; options: import('@fastify/cookie').CookieSerializeOptions }
  }
  interface FastifyRequest {
    auth: RequestAuth | null
  }
}

const UNSAFE_METHODS = new Set(['POST', 'PUT', 'PATCH', 'DELETE'])
/** Routes registered by @fastify/swagger-ui: the documentation is public. */
const DOCS_PREFIX = '/docs'

function bearerToken(request: FastifyRequest): string | undefined {
  const header = request.headers.authorization
  if (!header) return undefined
  const match = /^Bearer\s+(\S+)$/i.exec(header)
  return match?.[1]
}

/**
 * Authentication (session cookie or bearer token, both server-side sessions), authorization by the route's
 * declared access, CSRF defence for cookie-authenticated writes, and the cron secret. Registered before
 * any route, so every route passes through onRoute and must declare `config.access`.
 */
export default fp(
  async (app) => {
    const { auth: cfg } = app.config
    const cookieName = cfg.cookieSecure ? '__Host-ams_session' : 'ams_session'

    await app.register(cookie)
    app.decorate('sessionCookie', {
      name: cookieName,
      options: {
        httpOnly: true,
        secure: cfg.cookieSecure,
        sameSite: 'lax',
        path: '/',
        maxAge: cfg.sessionMaxAgeS,
      },
    })
    app.decorate('routeAccess', [] as RouteAccess[])
    app.decorateRequest('auth', null)

    app.addHook('onRoute', (route) => {
      route.config ??= {}
      const config = route.config as { access?: Access }
      if (route.url.startsWith(DOCS_PREFIX)) config.access ??= 'public'
      if (config.access === undefined) {
        throw new Error(
          `Route ${route.method} ${route.url} declares no access (config.access): every route must`,
        )
      }
      for (const method of [route.method].flat()) {
        if (method !== 'HEAD') app.routeAccess.push({ method, url: route.url, access: config.access })
      }
    })

    function sameSite(request: FastifyRequest): boolean {
      const site = request.headers['sec-fetch-site']
      if (site) return site === 'same-origin' || site === 'none'
      const origin = request.headers.origin
      if (!origin) return false
      try {
        const { host, origin: normalized } = new URL(origin)
        return host === request.host || cfg.allowedOrigins.includes(normalized)
      } catch {
        return false
      }
    }

    async function authenticate(request: FastifyRequest, access: readonly Role[]) {
      const bearer = bearerToken(request)
      const cookieToken = request.cookies[cookieName]
      const token = bearer ?? cookieToken
      if (!token) throw AuthErrors.required()
      const via = bearer ? 'bearer' : 'cookie'
      // Browsers attach cookies to cross-site requests; bearer tokens are never sent implicitly.
      if (via === 'cookie' && UNSAFE_METHODS.has(request.method) && !sameSite(request))
        throw AuthErrors.csrf()
      const session = await app.authService.authenticate(token)
      if (!session) throw AuthErrors.sessionInvalid()
      request.auth = { sessionId: session.sessionId, user: session.user, via }
      if (!access.includes(session.user.role)) throw AuthErrors.forbidden(session.user.role)
    }

    function checkCron(request: FastifyRequest) {
      if (!cfg.cronSecret) throw AuthErrors.cronNotConfigured()
      const given = request.headers['x-cron-secret']
      if (typeof given !== 'string' || !secretsEqual(given, cfg.cronSecret)) throw AuthErrors.cronInvalid()
    }

    /** The route's access rule; a promise only when a session has to be looked up. */
    function checkAccess(request: FastifyRequest): Promise<void> | undefined {
      const access = request.routeOptions.config.access
      if (access === undefined) return // no route matched: the 404 handler answers
      if (access === 'public') {
        // Login itself is a write: refuse it cross-site so a hostile page cannot sign a browser in.
        if (UNSAFE_METHODS.has(request.method) && request.headers['sec-fetch-site'] === 'cross-site') {
          throw AuthErrors.csrf()
        }
        return
      }
      if (access === 'cron') {
        checkCron(request)
        return
      }
      if ('cronOr' in access) {
        if (request.headers['x-cron-secret'] === undefined) return authenticate(request, access.cronOr)
        checkCron(request)
        return
      }
      return authenticate(request, access)
    }

    // A callback hook: public routes (the load balancer's /health among them) pay for no promise.
    app.addHook('onRequest', (request: FastifyRequest, reply: FastifyReply, done) => {
      const access = request.routeOptions.config.access
      // What a session or the cron secret opens is personal: no browser or proxy keeps a copy, errors included.
      if (access !== undefined && access !== 'public') reply.header('cache-control', NO_STORE)
      let pending: Promise<void> | undefined
      try {
        pending = checkAccess(request)
      } catch (error) {
        return done(error as Error)
      }
      if (pending) pending.then(() => done(), done)
      else done()
    })
  },
  { name: 'auth', dependencies: ['config', 'services'] },
)
