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
export const isForeignKeyViolation = (err: unknown) => pgError(err)?.code === '23503'
export const constraintOf = (err: unknown) => pgError(err)?.constraint
