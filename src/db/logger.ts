import type { Logger } from 'drizzle-orm/logger'
import type { DatabaseOptions } from './types.js'

/** Drizzle's logger hook, used only when someone listens (it costs a call per statement). */
export function drizzleLogger(options: DatabaseOptions): { logger?: Logger } {
  const onQuery = options.onQuery
  return onQuery ? { logger: { logQuery: (query, params) => onQuery(query, params) } } : {}
}
