import type { FastifyInstance, FastifyRequest } from 'fastify'
import type { RequestAuth } from '../plugins/app/access.js'

export type SessionUser = RequestAuth['user']

/**
 * The signed-in user on a page whose access is 'public' (the auth hook looks up sessions only for routes
 * that need one): the start page and the sign-in page change with it.
 */
export async function optionalUser(
  app: FastifyInstance,
  request: FastifyRequest,
): Promise<SessionUser | null> {
  if (request.auth) return request.auth.user
  const token = request.cookies[app.sessionCookie.name]
  if (!token) return null
  const session = await app.authService.authenticate(token)
  return session?.user ?? null
}

/** The user of a page that declared a role access: the auth hook has already refused everyone else. */
export function signedInUser(request: FastifyRequest): SessionUser {
  if (!request.auth) throw new Error('page route without a role access rule')
  return request.auth.user
}

/**
 * Where to go after signing in: a path on this site only (`/x`, never `//evil.example` or `/\evil`),
 * so the sign-in link cannot be turned into an open redirect.
 */
export function safeNext(next: unknown): string {
  if (typeof next !== 'string' || !next.startsWith('/') || next.startsWith('//') || next.startsWith('/\\'))
    return '/'
  return next.length > 1000 ? '/' : next
}
