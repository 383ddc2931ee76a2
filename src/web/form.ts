import type { FastifyInstance } from 'fastify'

/** A form's values as the user typed them, and a message per field (plus one for the whole form). */
export interface FormState<K extends string = string> {
  values: Partial<Record<K, string>>
  errors: Partial<Record<K | 'form', string>>
}

export const emptyForm = <K extends string>(values: Partial<Record<K, string>> = {}): FormState<K> => ({
  values,
  errors: {},
})

export const hasErrors = (state: FormState): boolean => Object.keys(state.errors).length > 0

/**
 * Parses `application/x-www-form-urlencoded` bodies in the pages' context only (the API stays JSON-only).
 * A repeated name becomes an array. NUL is dropped (PostgreSQL text cannot hold it; the API's validator refuses
 * it); lone surrogates cannot occur, since the body is decoded as UTF-8 (invalid bytes become U+FFFD).
 */
export function addFormParser(app: FastifyInstance) {
  app.addContentTypeParser(
    'application/x-www-form-urlencoded',
    { parseAs: 'string', bodyLimit: 256 * 1024 },
    (_request, body, done) => {
      const out: Record<string, string | string[]> = Object.create(null)
      for (const [key, raw] of new URLSearchParams(body as string)) {
        const value = raw.replace(/\0/g, '')
        const prior = out[key]
        out[key] = prior === undefined ? value : [prior, value].flat()
      }
      done(null, out)
    },
  )
}

/**
 * The named fields of a posted body as trimmed strings (a missing or repeated field gives its first value, or
 * ''). Page handlers validate these themselves so a bad value re-renders the form instead of a JSON 400.
 */
export function readFields<K extends string>(body: unknown, names: readonly K[], keepRaw: readonly K[] = []) {
  const source = (body && typeof body === 'object' ? body : {}) as Record<string, unknown>
  const values = {} as Record<K, string>
  for (const name of names) {
    const raw = source[name]
    const first = Array.isArray(raw) ? raw[0] : raw
    const text = typeof first === 'string' ? first : ''
    values[name] = keepRaw.includes(name) ? text : text.trim()
  }
  return values
}
