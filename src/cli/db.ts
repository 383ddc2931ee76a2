import { existsSync } from 'node:fs'
import path from 'node:path'
import { ConfigError, type DatabaseConfig, loadConfig } from '../config.js'
import { type Database, openDatabase } from '../db/index.js'
import { MigrationFilesError } from '../db/migrations.js'
import { createMigrator, type DowngradeTarget, MigrationError, type UpgradeTarget } from '../db/migrator.js'
import { createRevision } from './revision.js'
import { printDatabaseLine } from './shared.js'

const USAGE = `Usage: npm run db -- <prod|test> <command>

  current                 the newest applied migration ("(head)" when nothing is pending)
  history                 every migration, applied or pending
  upgrade head | +N       apply all pending migrations, or the next N
  downgrade -N            revert the newest N applied migrations
  downgrade <id>          revert down to migration <id> (kept applied), e.g. 0003 or 0003_add_index
  downgrade base          revert every migration
  revision -m <name>      generate a migration from src/models (an empty one if nothing changed)
                          and the down script beside it to fill in

prod uses DATABASE_URL or RDS_* (the embedded database in DATA_DIR when neither is set);
test uses TEST_DATABASE_URL (an embedded database in DATA_DIR/test-db when unset).`

class UsageError extends Error {}

function targetDatabase(env: string): DatabaseConfig {
  const config = loadConfig(process.env, { requireSecretKey: false })
  if (env === 'prod') return config.database
  if (env === 'test') {
    const url = process.env.TEST_DATABASE_URL
    if (!url) return { kind: 'embedded', dataDir: path.join(config.dataDir, 'test-db') }
    return loadConfig({ ...process.env, DATABASE_URL: url }, { requireSecretKey: false }).database
  }
  throw new UsageError(`unknown database "${env}": use prod or test`)
}

function parseUpgrade(arg: string | undefined): UpgradeTarget {
  if (arg === 'head') return { kind: 'head' }
  if (arg && /^\+\d+$/.test(arg)) return { kind: 'steps', steps: Number(arg.slice(1)) }
  throw new UsageError('upgrade takes "head" or "+N"')
}

function parseDowngrade(arg: string | undefined): DowngradeTarget {
  if (arg === 'base') return { kind: 'base' }
  if (arg && /^-\d+$/.test(arg)) return { kind: 'steps', steps: Number(arg.slice(1)) }
  if (arg && /^[\w-]+$/.test(arg)) return { kind: 'tag', tag: arg }
  throw new UsageError('downgrade takes "-N", a migration id, or "base"')
}

const cliLog = {
  info: (msg: string) => console.log(msg),
  warn: (msg: string) => console.warn(`warning: ${msg}`),
}
const dbLog = {
  warn: (_obj: object, msg: string) => console.warn(`warning: ${msg}`),
  error: (_obj: object, msg: string) => console.error(`error: ${msg}`),
}

async function run(env: string, command: string | undefined, args: string[]): Promise<void> {
  if (command === 'revision') {
    const nameIndex = args.indexOf('-m')
    const name = nameIndex >= 0 ? args[nameIndex + 1] : undefined
    if (!name || !/^[a-z0-9_]+$/i.test(name))
      throw new UsageError('revision needs -m <name> (letters, digits, _)')
    const { tag, empty } = createRevision(name)
    console.log(`created drizzle/${tag}.sql${empty ? ' (empty: no schema change found)' : ''}`)
    console.log(`created drizzle/down/${tag}.sql: write the statements that revert it`)
    return
  }
  if (!command || !['current', 'history', 'upgrade', 'downgrade'].includes(command)) {
    throw new UsageError(command ? `unknown command "${command}"` : 'missing command')
  }
  const cfg = targetDatabase(env)
  // The database line first, as every command prints it (docs/RUNBOOK.md), then what opening it does.
  printDatabaseLine(cfg)
  if (cfg.kind === 'embedded' && !existsSync(cfg.dataDir))
    console.log(`creating embedded database in ${cfg.dataDir}`)
  const database: Database = await openDatabase(cfg, dbLog)
  try {
    const migrator = createMigrator(database, cliLog)
    if (command === 'upgrade') {
      const applied = await migrator.upgrade(parseUpgrade(args[0]))
      console.log(applied.length ? `applied ${applied.length}: ${applied.join(', ')}` : 'nothing to apply')
    } else if (command === 'downgrade') {
      const reverted = await migrator.downgrade(parseDowngrade(args[0]))
      console.log(
        reverted.length ? `reverted ${reverted.length}: ${reverted.join(', ')}` : 'nothing to revert',
      )
    }
    const { migrations, unknown } = await migrator.status()
    for (const tag of unknown)
      console.warn(`warning: ${tag} is applied but not in this build's drizzle/ folder`)
    for (const m of migrations.filter((x) => x.modified))
      console.warn(`warning: ${m.tag} was edited after it was applied`)
    if (command === 'history') {
      for (const m of migrations) {
        console.log(
          `${m.applied ? '[x]' : '[ ]'} ${m.tag}${m.appliedAt ? `  applied ${m.appliedAt.toISOString()}` : ''}`,
        )
      }
    }
    const applied = migrations.filter((m) => m.applied)
    const current = applied.at(-1)
    const pending = migrations.length - applied.length
    console.log(
      `current: ${current ? current.tag : '(base)'}${pending === 0 ? ' (head)' : ` (${pending} pending)`}`,
    )
  } finally {
    await database.close()
  }
}

const [env, command, ...args] = process.argv.slice(2)
try {
  if (!env || env === '--help' || env === '-h') throw new UsageError('')
  await run(env, command, args)
} catch (err) {
  if (err instanceof UsageError) {
    if (err.message) console.error(`error: ${err.message}\n`)
    console.error(USAGE)
    process.exit(2)
  }
  if (err instanceof ConfigError || err instanceof MigrationError || err instanceof MigrationFilesError) {
    console.error(`error: ${err.message}`)
    process.exit(1)
  }
  console.error(`error: ${(err as Error).message}`)
  process.exit(1)
}
