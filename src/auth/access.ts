import { type Role, userRole } from '../models/users.js'

export type { Role }

/**
 * Every route states who may call it, in `config.access`. A route without one fails at startup.
 * - 'public': anyone (health, docs, login, register)
 * - 'cron': whoever presents X-Cron-Secret
 * - a list of roles: a signed-in user with one of them
 * - { cronOr: roles }: either of the two (a run started by cron, polled by cron or by a manager)
 */
export type Access = 'public' | 'cron' | readonly Role[] | { readonly cronOr: readonly Role[] }

/** The roles a signed-in caller needs, or undefined for public and cron-only routes. */
export function rolesOf(access: Access): readonly Role[] | undefined {
  if (typeof access === 'string') return undefined
  return 'cronOr' in access ? access.cronOr : access
}

/** Cache-Control of every response behind a session, and of login's (its body holds the token). */
export const NO_STORE = 'no-store'

export const ADMIN: readonly Role[] = ['admin']
export const MANAGERS: readonly Role[] = ['admin', 'manager']
/** Every signed-in user. */
export const ANY_ROLE: readonly Role[] = userRole.enumValues

declare module 'fastify' {
  interface FastifyContextConfig {
    access?: Access
  }
}

export function describeAccess(access: Access): string {
  if (typeof access === 'string') return access
  if ('cronOr' in access) return `cron or ${describeAccess(access.cronOr)}`
  if (access.length === ANY_ROLE.length) return 'signed-in'
  return access.join(', ')
}
