import { createHash } from 'node:crypto'
import {
  cpSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  renameSync,
  rmSync,
} from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import pg from 'pg'
import type { TestProject } from 'vitest/node'
import { createEmbeddedDatabase } from '../../src/db/embedded.js'
import { loadMigrations } from '../../src/db/migrations.js'
import { createMigrator } from '../../src/db/migrator.js'
import { ROOT } from './cli.js'

// Not imported from ./database.js, which reads what this setup provides (vitest's inject) and so belongs to
// the test workers.
const quietLog = { warn() {}, error() {} }
const SECRET_KEY = 'test-secret-key-0123456789-abcdefghijklmnop'

declare module 'vitest' {
  export interface ProvidedContext {
    /** A directory holding `empty/pglite` (just initdb) and `migrated/pglite` (schema at head). */
    pgliteTemplates: string | undefined
    /** On TEST_DATABASE_URL's server: a database at head for `CREATE DATABASE … TEMPLATE`. */
    postgresTemplate: string | undefined
    /** This run's scratch directory: test files' temp directories go inside, and the run removes it. */
    scratchDir: string | undefined
  }
}

/**
 * Vitest's global setup. Most of a test file's start-up used to be PGlite's initdb plus the migrations,
 * paid again by every file: now a cluster is created and migrated once, kept under node_modules/.cache
 * (keyed by the PGlite version and the migrations, so a new migration makes a new one), and each file
 * copies it. On PostgreSQL the same is a template database for the run.
 */
export default async function setup(project: TestProject) {
  // Temp directories of test files (data dirs, uploads, exports) live under one directory per run, so a
  // file that does not clean up after itself, or a run stopped half-way, leaves nothing behind in /tmp.
  const scratchDir = mkdtempSync(path.join(tmpdir(), 'awning-test-run-'))
  project.provide('scratchDir', scratchDir)
  const removeScratch = () => rmSync(scratchDir, { recursive: true, force: true })
  project.provide('pgliteTemplates', await pgliteTemplates())
  const serverUrl = process.env.TEST_DATABASE_URL
  if (!serverUrl) {
    project.provide('postgresTemplate', undefined)
    return removeScratch
  }
  // One per project of the run (vitest.config.ts), since each project runs this setup.
  const name = `awning_tpl_${process.pid}_${project.name.replace(/\W/g, '_')}`
  await adminQuery(serverUrl, `CREATE DATABASE ${name}`)
  const url = new URL(serverUrl)
  url.pathname = `/${name}`
  const { createPostgresDatabase } = await import('../../src/db/postgres.js')
  const { loadConfig } = await import('../../src/config.js')
  const config = loadConfig({ DATABASE_URL: url.toString(), SECRET_KEY }).database
  if (config.kind !== 'postgres') throw new Error('expected a server database')
  const database = await createPostgresDatabase(config, quietLog)
  try {
    await createMigrator(database).upgrade()
  } finally {
    await database.close()
  }
  project.provide('postgresTemplate', name)
  return async () => {
    removeScratch()
    await adminQuery(serverUrl, `DROP DATABASE IF EXISTS ${name} WITH (FORCE)`)
  }
}

async function adminQuery(serverUrl: string, text: string) {
  const admin = new pg.Client({ connectionString: serverUrl })
  await admin.connect()
  try {
    await admin.query(text)
  } finally {
    await admin.end()
  }
}

async function pgliteTemplates(): Promise<string> {
  const pglite = JSON.parse(
    readFileSync(path.join(ROOT, 'node_modules/@electric-sql/pglite/package.json'), 'utf8'),
  ) as { version: string }
  const key = createHash('sha256')
    .update(pglite.version)
    .update(
      loadMigrations()
        .map((m) => `${m.tag}:${m.hash}`)
        .join('\n'),
    )
    .digest('hex')
    .slice(0, 16)
  const cache = path.join(ROOT, 'node_modules/.cache/awning-test-db')
  const dir = path.join(cache, key)
  if (existsSync(path.join(dir, 'migrated/pglite/PG_VERSION'))) return dir

  // Built aside and renamed into place, so a concurrent run never copies a half-made template.
  const work = mkdtempSync(path.join(tmpdir(), 'awning-template-'))
  try {
    const database = await createEmbeddedDatabase(work, quietLog)
    await database.close()
    cpSync(path.join(work, 'pglite'), path.join(work, 'empty/pglite'), { recursive: true })
    const again = await createEmbeddedDatabase(work, quietLog)
    try {
      await createMigrator(again).upgrade()
    } finally {
      await again.close()
    }
    cpSync(path.join(work, 'pglite'), path.join(work, 'migrated/pglite'), { recursive: true })
    mkdirSync(path.join(work, 'built'))
    renameSync(path.join(work, 'empty'), path.join(work, 'built/empty'))
    renameSync(path.join(work, 'migrated'), path.join(work, 'built/migrated'))
    mkdirSync(cache, { recursive: true })
    for (const old of readdirSync(cache))
      if (old !== key) rmSync(path.join(cache, old), { recursive: true, force: true })
    try {
      renameSync(path.join(work, 'built'), dir)
    } catch (err) {
      // Another run renamed its own first: use that one.
      if (!existsSync(path.join(dir, 'migrated/pglite/PG_VERSION'))) throw err
    }
  } finally {
    rmSync(work, { recursive: true, force: true })
  }
  return dir
}
