/**
 * Errors that mean "the database is unreachable right now" (down, restarting, failing over, or out of
 * connections) rather than "this request is wrong". They become 503 + Retry-After, never 500.
 * Drizzle wraps driver errors, so the whole `cause` chain is inspected.
 */
const CONNECTION_SQLSTATES = new Set([
  '57P01', // admin_shutdown: backend terminated
  '57P02', // crash_shutdown
  '57P03', // cannot_connect_now: starting up or shutting down
  '53300', // too_many_connections
  '57014', // query_canceled: statement_timeout hit under overload
])
const NODE_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ETIMEDOUT',
  'EPIPE',
  'ENOTFOUND',
  'EAI_AGAIN',
  'EHOSTUNREACH',
])
const MESSAGES = [
  /connection terminated/i,
  /timeout exceeded when trying to connect/i,
  /not queryable/i,
  /connection (is )?closed/i,
  /database ping timed out/i,
  /the database system is (starting up|shutting down)/i,
]

export function isConnectionError(err: unknown): boolean {
  const seen = new Set<unknown>()
  let current: unknown = err
  while (current && typeof current === 'object' && !seen.has(current)) {
    seen.add(current)
    const { code, message } = current as { code?: unknown; message?: unknown }
    if (
      typeof code === 'string' &&
      (code.startsWith('08') || CONNECTION_SQLSTATES.has(code) || NODE_CODES.has(code))
    ) {
      return true
    }
    if (typeof message === 'string' && MESSAGES.some((re) => re.test(message))) return true
    // AggregateError (e.g. ECONNREFUSED on both ::1 and 127.0.0.1) carries its reasons in `errors`.
    const nested = (current as { errors?: unknown[] }).errors
    if (Array.isArray(nested) && nested.some(isConnectionError)) return true
    current = (current as { cause?: unknown }).cause
  }
  return false
}

export class PingTimeoutError extends Error {
  override name = 'PingTimeoutError'
  constructor(ms: number) {
    super(`database ping timed out after ${ms} ms`)
  }
}

/** Rejects with PingTimeoutError if the promise has not settled in ms. */
export async function withTimeout<T>(promise: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new PingTimeoutError(ms)), ms)
  })
  try {
    return await Promise.race([promise, timeout])
  } finally {
    clearTimeout(timer)
  }
}
