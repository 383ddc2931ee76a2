import type { DatabaseConfig } from '../config.js'
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
