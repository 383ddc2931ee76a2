import type { FastifyReply, FastifyRequest } from 'fastify'
import type { ComponentChildren, VNode } from 'preact'
import { renderToString } from 'preact-render-to-string'
import { NO_STORE } from '../auth/access.js'
import type { AssetName } from './assets.js'
import { Layout, type PageContext } from './components/layout.js'
import { takeFlash } from './flash.js'
import type { SessionUser } from './session.js'

const HTML = 'text/html; charset=utf-8'

/** Preact escapes every text child and attribute value; raw HTML needs `dangerouslySetInnerHTML`, which we never use. */
export function toHtml(node: VNode): string {
  return renderToString(node)
}

/** True when htmx sent the request: answer with the fragment it swaps, not the whole page. */
export function isHtmx(request: FastifyRequest): boolean {
  return request.headers['hx-request'] === 'true'
}

export function pageContext(
  request: FastifyRequest,
  reply: FastifyReply,
  user: SessionUser | null,
): PageContext {
  return {
    user,
    flash: takeFlash(request, reply),
    path: request.url.split('?')[0] ?? '/',
    counts: request.navCounts ?? {},
  }
}

export interface PageOptions {
  title: string
  body: ComponentChildren
  /** 200 unless said: 422 for a form with errors, 404/403 for the error pages. */
  status?: number
  /** Defaults to the session's user (request.auth); public pages pass what optionalUser found. */
  user?: SessionUser | null
  scripts?: AssetName[]
  styles?: AssetName[]
}

/** Sends a whole page in the layout. */
export function sendPage(request: FastifyRequest, reply: FastifyReply, options: PageOptions) {
  const user = options.user === undefined ? (request.auth?.user ?? null) : options.user
  const page = (
    <Layout
      ctx={pageContext(request, reply, user)}
      title={options.title}
      scripts={options.scripts ?? []}
      styles={options.styles ?? []}
    >
      {options.body}
    </Layout>
  )
  return reply
    .code(options.status ?? 200)
    .header('cache-control', NO_STORE) // pages hold personal data and one-time messages
    .type(HTML)
    .send(`<!doctype html>${toHtml(page)}`)
}

/** Sends a fragment for htmx to swap in (a table body, a form with its errors). */
export function sendFragment(reply: FastifyReply, node: VNode, status = 200) {
  return reply.code(status).header('cache-control', NO_STORE).type(HTML).send(toHtml(node))
}
