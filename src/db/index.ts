import path from 'node:path'
import { type DatabaseConfig, redactUrl } from '../config.js'
import { createEmbeddedDatabase } from './embedded.js'
import { createPostgresDatabase } from './postgres.js'
import type { Database, DatabaseOptions, DbLogger } from './types.js'

export type { Database, DatabaseOptions, Db, DbLogger, SqlSession } from './types.js'

export async function openDatabase(
  cfg: DatabaseConfig,
  log: DbLogger,
  options: DatabaseOptions = {},
): Promise<Database> {
  return cfg.kind === 'embedded'
    ? createEmbeddedDatabase(cfg.dataDir, log, options)
    : createPostgresDatabase(cfg, log, options)
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
