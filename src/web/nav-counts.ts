import type { FastifyInstance, FastifyRequest } from 'fastify'

declare module 'fastify' {
  interface FastifyRequest {
    /** Numbers shown beside navigation items, by the item's href (pending check-ins on "Check-ins"). */
    navCounts?: Record<string, number>
  }
}

/**
 * The navigation's counts for a whole page. The pending check-ins are the check-in list's total for
 * state=pending, answered from the list-totals cache (cleared on every committed write, on every instance),
 * so most pages pay a map lookup; after a write, the first page pays one count off a partial index.
 */
export async function loadNavCounts(app: FastifyInstance, request: FastifyRequest) {
  request.navCounts = { '/check-ins': await app.checkInsService.pendingCount() }
}
