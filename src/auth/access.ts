import type { Role } from '../models/users.js'

export type { Role }

/**
 * Every route states who may call it, in `config.access`. A route without one fails at startup.
 * - 'public': anyone (health, docs, login, register)
 * - 'cron': whoever presents X-Cron-Secret
 * - a list of roles: a signed-in user with one of them
 */
export type Access = 'public' | 'cron' | readonly Role[]

export const ADMIN: readonly Role[] = ['admin']
export const MANAGERS: readonly Role[] = ['admin', 'manager']
/** Every signed-in user. */
export const ANY_ROLE: readonly Role[] = ['admin', 'manager', 'staff']

declare module 'fastify' {
  interface FastifyContextConfig {
    access?: Access
  }
}

export function describeAccess(access: Access): string {
  if (typeof access === 'string') return access
  if (access.length === ANY_ROLE.length) return 'signed-in'
  return access.join(', ')
}
