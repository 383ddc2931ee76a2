import { cpSync, mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import type { SQL } from 'drizzle-orm'
import pg from 'pg'
import { inject } from 'vitest'
import { type DatabaseConfig, loadConfig } from '../../src/config.js'
import { type Database, type DatabaseOptions, type Db, openDatabase } from '../../src/db/index.js'

export const onPostgres = !!process.env.TEST_DATABASE_URL

/** A SECRET_KEY for configs that name a server database. */
export const TEST_SECRET_KEY = 'test-secret-key-0123456789-abcdefghijklmnop'

export const quietLog = { warn() {}, error() {} }

/** The rows of a raw statement: `execute` is typed per driver, and both drivers answer `{ rows }`. */
export async function queryRows<T>(db: Db, query: SQL): Promise<T[]> {
  return ((await db.execute(query)) as unknown as { rows: T[] }).rows
}

/** A new temp directory inside the run's scratch directory (removed when the run ends). */
export function tempDir(prefix = 'awning-test-'): string {
  return mkdtempSync(path.join(inject('scratchDir') ?? tmpdir(), prefix))
}

export interface TestDatabase {
  config: DatabaseConfig
  /** DATABASE_URL for a child process, or undefined for the embedded database in dataDir. */
  url: string | undefined
  dataDir: string
  open(options?: DatabaseOptions): Promise<Database>
  dispose(): Promise<void>
}

/**
 * A DATA_DIR holding an embedded cluster that is initialized but not migrated (a copy of the run's
 * template), whatever TEST_DATABASE_URL says: for server processes started on the embedded database.
 */
export function embeddedDataDir(): string {
  const dataDir = tempDir()
  const templates = inject('pgliteTemplates')
  if (templates)
    cpSync(path.join(templates, 'empty', 'pglite'), path.join(dataDir, 'pglite'), { recursive: true })
  return dataDir
}

export interface TestDatabaseOptions {
  /** Start at the schema's head (a copy of the run's migrated template) instead of empty. */
  migrated?: boolean
}

/**
 * A fresh database for one test file, empty unless options.migrated: a new database on the
 * TEST_DATABASE_URL server, or embedded PGlite in a new temp directory. Both are copies of templates
 * the global setup (./templates.ts) made once, not a new initdb and migration run per file.
 */
export async function createTestDatabase(options: TestDatabaseOptions = {}): Promise<TestDatabase> {
  const dataDir = tempDir()
  const serverUrl = process.env.TEST_DATABASE_URL
  if (!serverUrl) {
    const templates = inject('pgliteTemplates')
    if (templates) {
      const from = path.join(templates, options.migrated ? 'migrated' : 'empty', 'pglite')
      cpSync(from, path.join(dataDir, 'pglite'), { recursive: true })
    }
    return {
      config: { kind: 'embedded', dataDir },
      url: undefined,
      dataDir,
      open: (openOptions) => openDatabase({ kind: 'embedded', dataDir }, quietLog, openOptions),
      async dispose() {
        rmSync(dataDir, { recursive: true, force: true })
      },
    }
  }
  const name = `awning_t_${process.pid}_${Math.random().toString(36).slice(2, 8)}`
  const admin = new pg.Client({ connectionString: serverUrl })
  await admin.connect()
  const template = options.migrated ? inject('postgresTemplate') : undefined
  await admin.query(`CREATE DATABASE ${name}${template ? ` TEMPLATE ${template}` : ''}`)
  await admin.end()
  const url = new URL(serverUrl)
  url.pathname = `/${name}`
  const config = loadConfig({
    DATABASE_URL: url.toString(),
    DB_POOL_MAX: '20',
    SECRET_KEY: TEST_SECRET_KEY,
  }).database
  return {
    config,
    url: url.toString(),
    dataDir,
    open: (openOptions) => openDatabase(config, quietLog, openOptions),
    async dispose() {
      const client = new pg.Client({ connectionString: serverUrl })
      await client.connect()
      await client.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`)
      await client.end()
      rmSync(dataDir, { recursive: true, force: true })
    },
  }
}
