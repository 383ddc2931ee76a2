import type { DatabaseConfig } from '../config.js'
import { createEmbeddedDatabase } from './embedded.js'
import { createPostgresDatabase } from './postgres.js'
import type { Database, DbLogger } from './types.js'

export type { Database, Db, DbLogger, SqlSession } from './types.js'

export async function openDatabase(cfg: DatabaseConfig, log: DbLogger): Promise<Database> {
  return cfg.kind === 'embedded' ? createEmbeddedDatabase(cfg.dataDir, log) : createPostgresDatabase(cfg, log)
}
