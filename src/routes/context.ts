import type { FastifyRequest } from 'fastify'
import type { Role } from '../models/index.js'
import type { StatusContext } from '../services/work-orders.js'

/** The signed-in actor and request, for audited writes. */
export function writeContext(request: FastifyRequest): StatusContext {
  const auth = request.auth
  if (!auth) throw new Error('writeContext on a route without authentication')
  return {
    actor: { id: auth.user.id, username: auth.user.username },
    role: auth.user.role as Role,
    requestId: request.id,
    ip: request.ip,
  }
}
