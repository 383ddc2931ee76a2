import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify'
import { AppError } from '../errors.js'
import { logClientError, toClientError } from '../plugins/infra/errors.js'
import { ErrorBody } from './components/error-pages.js'
import { isHtmx, sendPage } from './render.js'
import { optionalUser, type SessionUser } from './session.js'

/** Paths that belong to the API: their unknown URLs keep the API's JSON 404. */
const API_PREFIXES = ['/api/', '/auth/', '/ml/', '/docs', '/health', '/assets/']

const HEADINGS: Record<number, string> = {
  400: 'That request could not be read',
  403: 'Not allowed',
  404: 'Page not found',
  409: 'That conflicts with the current data',
  413: 'That is too large',
  423: 'Locked',
  429: 'Too many attempts',
  503: 'The shop system is unavailable',
}

export function signInUrl(next: string): string {
  return `/sign-in?next=${encodeURIComponent(next)}`
}

/** 401 on a page: back to the sign-in page, then here again (a full page load for htmx too). */
function toSignIn(request: FastifyRequest, reply: FastifyReply) {
  const next = request.method === 'GET' ? request.url : (request.headers['hx-current-url'] as string) || '/'
  // The query stays: a form's page keeps its draft there (`/work-orders/new?draft=…`).
  const path = next.startsWith('http') ? new URL(next).pathname + new URL(next).search : next
  const target = signInUrl(path)
  if (isHtmx(request)) return reply.code(401).header('hx-redirect', target).send()
  return reply.redirect(target, 303)
}

function errorPage(
  request: FastifyRequest,
  reply: FastifyReply,
  status: number,
  message: string,
  user?: SessionUser | null,
) {
  return sendPage(request, reply, {
    ...(user !== undefined ? { user } : {}),
    title: HEADINGS[status] ?? 'Something went wrong',
    status,
    body: (
      <ErrorBody
        heading={HEADINGS[status] ?? 'Something went wrong'}
        message={message}
        {...(status >= 500 ? { requestId: request.id } : {})}
      />
    ),
  })
}

/** What a page says, by the API's classification of the error, where the API's message is not for people. */
const PAGE_MESSAGES: Record<string, string> = {
  database_unavailable: 'The database cannot be reached just now. Try again in a moment.',
  internal_error: 'Something went wrong on our side. Try again; if it persists, tell an admin.',
}

/**
 * The pages' error handler (their context only): the API's own classification (toClientError: status,
 * code, headers, logging) shown as an HTML page, never a JSON body, never a stack. Forms catch their own
 * expected errors and re-render; what reaches here is the rest.
 */
export function pageErrorHandler(err: FastifyError | AppError, request: FastifyRequest, reply: FastifyReply) {
  const mapped = toClientError(err)
  if (mapped.status === 401) return toSignIn(request, reply)
  logClientError(request, err, mapped)
  if (mapped.headers) reply.headers(mapped.headers)
  const message =
    PAGE_MESSAGES[mapped.code] ??
    (err instanceof AppError ? mapped.message : 'Check the address and try again.')
  return errorPage(request, reply, mapped.status, message)
}

/**
 * Unknown URLs a browser navigates to answer an HTML 404 (with the navigation when signed in). Everything else
 * (API paths, clients that do not ask for HTML) gets the API's JSON 404 from the root handler, as before.
 */
export function notFoundRoute(app: FastifyInstance) {
  app.get('/*', { config: { access: 'public' }, schema: { hide: true } }, async (request, reply) => {
    const path = request.url.split('?')[0] ?? '/'
    const wantsHtml = request.headers.accept?.includes('text/html') ?? false
    if (!wantsHtml || API_PREFIXES.some((prefix) => path.startsWith(prefix))) return reply.callNotFound()
    const user = await optionalUser(app, request)
    const message = 'There is no page at this address. It may have moved, or the link is wrong.'
    return errorPage(request, reply, 404, message, user)
  })
}
