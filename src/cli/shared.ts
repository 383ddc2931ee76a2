import { type DatabaseConfig, loadConfig } from '../config.js'
import { type Database, describeDatabase, openDatabase } from '../db/index.js'
import { createMigrator } from '../db/migrator.js'

/** Database problems reach the operator's terminal, not a log. */
export const consoleDbLog = {
  warn: (_obj: object, msg: string) => console.warn(`warning: ${msg}`),
  error: (_obj: object, msg: string) => console.error(`error: ${msg}`),
}

/**
 * Every command's first line (docs/RUNBOOK.md): which database it is about to use, printed before it
 * connects so that a wrong DATABASE_URL or an unexpected embedded DATA_DIR shows even when connecting fails.
 */
export function printDatabaseLine(
  cfg: DatabaseConfig,
  note?: string,
  print: (line: string) => void = console.log,
): void {
  print(`database: ${describeDatabase(cfg)}${note ? ` (${note})` : ''}`)
}

/**
 * Opens the configured database (DATABASE_URL / RDS_* or the embedded one in DATA_DIR) for a command,
 * migrating it first where the server would (MIGRATE_ON_START), and always closes it. The database line
 * goes to `print` (stderr for a command whose stdout carries data).
 */
export async function withDatabase<T>(
  fn: (database: Database) => Promise<T>,
  print: (line: string) => void = console.log,
): Promise<T> {
  const config = loadConfig(process.env, { requireSecretKey: false })
  printDatabaseLine(config.database, undefined, print)
  const database = await openDatabase(config.database, consoleDbLog)
  try {
    if (config.migrateOnStart) await createMigrator(database).upgrade()
    return await fn(database)
  } finally {
    await database.close()
  }
}

/** Runs a command's main, turning any error into one line on stderr and exit code 1. */
export async function runCommand(main: () => Promise<void>): Promise<void> {
  try {
    await main()
  } catch (err) {
    console.error(`error: ${(err as Error).message}`)
    process.exit(1)
  }
}
