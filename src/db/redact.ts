/**
 * Database errors without the data in them, for logs (issue 15, item 6). A failed statement is logged
 * with its text, never with its parameter values: those are customers' names, addresses and phones.
 *
 * - Drizzle's DrizzleQueryError carries `params` and repeats them in its message ("Failed query: …
 *   params: …") and so in its stack.
 * - PostgreSQL's error carries row values in `detail` ("Key (name)=(Acme) already exists", "Failing row
 *   contains (…)"), JSON input in `where`, and for a bad value (class 22, data exception) the value itself
 *   in the message: `invalid input syntax for type integer: "…"`.
 */

const REDACTED = '[Redacted]'
const PARAMS_IN_MESSAGE = /(Failed query: [\s\S]*?)\nparams: [\s\S]*$/
const QUOTED = /"(?:[^"]|"")*"/g
/** PostgreSQL error fields that may quote data (node-postgres and PGlite name them alike). */
const DATA_FIELDS = ['detail', 'where', 'internalQuery'] as const
/** Fields that name what failed, never hold data. */
const NAMING_FIELDS = ['constraint', 'table', 'column'] as const
const SQLSTATE = /^[0-9A-Z]{5}$/

type ErrorLike = { message: string; stack?: string; cause?: unknown; [key: string]: unknown }

function isErrorLike(value: unknown): value is ErrorLike {
  return typeof value === 'object' && value !== null && typeof (value as ErrorLike).message === 'string'
}

/** SQLSTATE class 22: the message quotes the offending value. */
function isDataException(err: ErrorLike): boolean {
  return typeof err.code === 'string' && SQLSTATE.test(err.code) && err.code.startsWith('22')
}

function redactMessage(err: ErrorLike, message: string): string {
  const withoutParams = message.replace(PARAMS_IN_MESSAGE, `$1\nparams: ${REDACTED}`)
  return isDataException(err) ? withoutParams.replace(QUOTED, `"${REDACTED}"`) : withoutParams
}

/**
 * A copy of the error (same prototype, so its type name stays) whose message, stack, parameters, data
 * fields and causes hold no values. Anything that is not error-like is returned as it is.
 */
export function redactDatabaseError<T>(err: T, depth = 0): T {
  if (!isErrorLike(err) || depth > 8) return err
  const copy = Object.assign(Object.create(Object.getPrototypeOf(err)), err) as ErrorLike
  copy.message = redactMessage(err, err.message)
  if (typeof err.stack === 'string') {
    // The stack starts with "Name: message"; its frames follow on lines starting with "    at ".
    const frames = err.stack.indexOf('\n    at ')
    const name = (err as { name?: unknown }).name ?? 'Error'
    copy.stack = `${String(name)}: ${copy.message}${frames >= 0 ? err.stack.slice(frames) : ''}`
  }
  if (Array.isArray(err.params)) copy.params = `[${err.params.length} values redacted]`
  for (const field of DATA_FIELDS) if (err[field] !== undefined) copy[field] = REDACTED
  if (err.cause !== undefined) {
    copy.cause = redactDatabaseError(err.cause, depth + 1)
    // Log serializers keep only a cause's message: lift what names the failure (not its values).
    const cause = err.cause
    if (isErrorLike(cause) && typeof cause.code === 'string' && SQLSTATE.test(cause.code)) {
      copy.sqlState = cause.code
      for (const key of NAMING_FIELDS) if (typeof cause[key] === 'string') copy[key] = cause[key]
    }
  }
  return copy as T
}
