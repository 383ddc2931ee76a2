/** The PostgreSQL error behind a Drizzle error, if any (Drizzle wraps the driver's error in `cause`). */
function pgError(err: unknown): { code?: string; constraint?: string } | undefined {
  let current = err as { code?: unknown; cause?: unknown } | undefined
  for (let depth = 0; current && depth < 5; depth++) {
    if (typeof current.code === 'string' && /^[0-9A-Z]{5}$/.test(current.code))
      return current as { code: string }
    current = current.cause as typeof current
  }
  return undefined
}

export const isUniqueViolation = (err: unknown) => pgError(err)?.code === '23505'
/** 23503 for a missing referenced row; 23001 (restrict_violation) when an ON DELETE RESTRICT row still refers. */
export const isForeignKeyViolation = (err: unknown) => ['23503', '23001'].includes(pgError(err)?.code ?? '')
export const constraintOf = (err: unknown) => pgError(err)?.constraint
