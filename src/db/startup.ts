import { existsSync } from 'node:fs'
import path from 'node:path'
import type { Config } from '../config.js'
import { openDatabase } from './index.js'
import { createMigrator } from './migrator.js'
import type { Database, DbLogger } from './types.js'

/** What start-up reports through: pino's and Fastify's loggers both fit. */
export interface StartupLog extends DbLogger {
  info(obj: object, msg: string): void
  info(msg: string): void
}

/** PGlite's initdb, measured by `npm run bench:start`: the one slow step of a first start. */
const FIRST_START_HINT = 'first start: about 10 s, longer on a busy machine'

/**
 * Opens the configured database and applies pending migrations when MIGRATE_ON_START says so, saying
 * what it does while it does it: a first start on the embedded database creates a cluster (PGlite's
 * initdb), which is slow enough that a silent terminal looks hung. The caller owns closing it.
 */
export async function openAndMigrate(config: Config, log: StartupLog): Promise<Database> {
  const started = performance.now()
  const seconds = () => Number(((performance.now() - started) / 1000).toFixed(1))
  if (config.database.kind === 'embedded') {
    const dir = path.join(config.database.dataDir, 'pglite')
    // PGlite runs initdb when the directory has no PG_VERSION, as PostgreSQL's own tools decide.
    if (!existsSync(path.join(dir, 'PG_VERSION')))
      log.info(`creating the embedded database in ${dir} (${FIRST_START_HINT})…`)
  }
  const database = await openDatabase(config.database, log)
  log.info({ database: database.description, seconds: seconds() }, 'database opened')
  if (!config.migrateOnStart) return database
  try {
    const migrator = createMigrator(database, {
      info: (msg) => log.info(msg),
      warn: (msg) => log.warn({}, msg),
    })
    const applied = await migrator.upgrade()
    if (applied.length) log.info({ applied, seconds: seconds() }, 'migrations applied')
    return database
  } catch (err) {
    await database.close().catch(() => {})
    throw err
  }
}
