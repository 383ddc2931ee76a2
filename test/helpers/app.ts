import { Writable } from 'node:stream'
import { buildApp } from '../../src/app.js'
import { loadConfig } from '../../src/config.js'
import type { Database } from '../../src/db/index.js'
import { createMigrator } from '../../src/db/migrator.js'
import { loggerOptions } from '../../src/logger.js'
import type { FileStorage } from '../../src/storage/types.js'
import { createTestDatabase, type TestDatabase } from './database.js'

/** Collects the app's JSON log lines in memory. */
export function logCapture() {
  const lines: string[] = []
  const stream = new Writable({
    write(chunk, _enc, done) {
      lines.push(...String(chunk).split('\n').filter(Boolean))
      done()
    },
  })
  return {
    stream,
    lines,
    text: () => lines.join('\n'),
    records: () => lines.map((l) => JSON.parse(l) as Record<string, unknown>),
  }
}

export interface TestAppOptions {
  env?: Record<string, string>
  logLevel?: string
  logs?: ReturnType<typeof logCapture>
  /** Sees every SQL statement (statement-count tests). */
  onQuery?: (sql: string) => void
  /** File storage in place of the configured one (failure injection). */
  storage?: FileStorage
}

/**
 * The production app (same buildApp) on a fresh, migrated test database.
 * Call close() in afterAll: it closes the app and drops the database.
 */
export async function createTestApp(options: TestAppOptions = {}) {
  const testDb: TestDatabase = await createTestDatabase({ migrated: true })
  const database: Database = await testDb.open(options.onQuery ? { onQuery: options.onQuery } : {})
  // A no-op on the migrated template; it still migrates when a run has no template (see ./templates.ts).
  await createMigrator(database).upgrade()
  // No nightly schedule unless a test asks for one: a suite running at 02:00 must not start trainings.
  const config = loadConfig({
    DATA_DIR: testDb.dataDir,
    MIGRATE_ON_START: 'false',
    ML_RETRAIN_SCHEDULE: 'off',
    ...options.env,
  })
  const logger = options.logs
    ? loggerOptions(options.logLevel ?? 'info', options.logs.stream)
    : { level: options.logLevel ?? 'silent' }
  const app = await buildApp({
    config,
    database,
    logger,
    ...(options.storage ? { storage: options.storage } : {}),
  })
  return {
    app,
    database,
    testDb,
    async close() {
      await app.close()
      await database.close()
      await testDb.dispose()
    },
  }
}
