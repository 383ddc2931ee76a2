import type { FastifyRequest } from 'fastify'
import { MANAGERS } from '../../../auth/access.js'
import { HttpErrors } from '../../../errors.js'
import type { SessionUser } from '../../session.js'

const INT4_MAX = 2_147_483_647

/** A path id as the API reads it (digits only, within int4); anything else is the page's HTML 404. */
export function pathId(request: FastifyRequest, name = 'id'): number {
  const raw = (request.params as Record<string, string | undefined>)[name] ?? ''
  const id = /^\d{1,10}$/.test(raw) ? Number(raw) : 0
  if (id < 1 || id > INT4_MAX) throw HttpErrors.pageNotFound()
  return id
}

/** Managers and admins write customers, catalogs and sources (docs/ACCESS.md); staff only read. */
export const canWrite = (user: SessionUser) => MANAGERS.includes(user.role)

/** The first value of a query parameter, or undefined. */
export function queryText(request: FastifyRequest, name: string): string | undefined {
  const value = (request.query as Record<string, unknown> | undefined)?.[name]
  const first = Array.isArray(value) ? value[0] : value
  return typeof first === 'string' ? first : undefined
}
