import path from 'node:path'
import { type DatabaseConfig, redactUrl } from '../config.js'
import type { Database, DatabaseOptions, DbLogger } from './types.js'

export type { Database, DatabaseOptions, Db, DbLogger, SqlSession } from './types.js'

export async function openDatabase(
  cfg: DatabaseConfig,
  log: DbLogger,
  options: DatabaseOptions = {},
): Promise<Database> {
  // Each driver is loaded only when used: a start skips compiling the other one (node-postgres or PGlite).
  if (cfg.kind === 'embedded') {
    const { createEmbeddedDatabase } = await import('./embedded.js')
    return createEmbeddedDatabase(cfg.dataDir, log, options)
  }
  const { createPostgresDatabase } = await import('./postgres.js')
  return createPostgresDatabase(cfg, log, options)
}

/**
 * The database a configuration names, as the opened database describes itself (never a password): what
 * a command prints before it connects, or instead of connecting (`check config`).
 */
export function describeDatabase(cfg: DatabaseConfig): string {
  return cfg.kind === 'embedded'
    ? `embedded PGlite in ${path.join(cfg.dataDir, 'pglite')}`
    : redactUrl(cfg.url)
}
