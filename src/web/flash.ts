import type { FastifyReply, FastifyRequest } from 'fastify'

/** A one-time message shown on the next page (after a redirect): "Signed out", "Password changed". */
export interface Flash {
  kind: 'success' | 'info' | 'error'
  text: string
}

const COOKIE = 'ams_flash'
const KINDS = new Set(['success', 'info', 'error'])

/** Carried in a short-lived cookie, so it survives the redirect and any instance can show it. */
export function setFlash(reply: FastifyReply, flash: Flash) {
  reply.setCookie(COOKIE, JSON.stringify(flash), {
    path: '/',
    httpOnly: true,
    sameSite: 'lax',
    maxAge: 60,
  })
}

/**
 * Reads and clears the flash. The cookie is the user's own (they could forge one for themselves only) and
 * its text is escaped like any other, so it needs no signature.
 */
export function takeFlash(request: FastifyRequest, reply: FastifyReply): Flash | null {
  const raw = request.cookies[COOKIE]
  if (raw === undefined) return null
  reply.clearCookie(COOKIE, { path: '/' })
  try {
    const value = JSON.parse(raw) as Partial<Flash>
    if (typeof value.text !== 'string' || !KINDS.has(value.kind ?? '')) return null
    return { kind: value.kind as Flash['kind'], text: value.text.slice(0, 500) }
  } catch {
    return null
  }
}
