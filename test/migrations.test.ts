import { cpSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs'
import path from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Database } from '../src/db/index.js'
import { loadMigrations, MIGRATIONS_DIR, MigrationFilesError } from '../src/db/migrations.js'
import { createMigrator } from '../src/db/migrator.js'
import { createTestDatabase, type TestDatabase, tempDir } from './helpers/database.js'
import { dumpSchema, publicTables } from './helpers/schema.js'

describe('migrations on the test database', () => {
  let testDb: TestDatabase
  let database: Database
  beforeAll(async () => {
    testDb = await createTestDatabase()
    database = await testDb.open()
  })
  afterAll(async () => {
    await database.close()
    await testDb.dispose()
  })

  it('apply every migration once on an empty database, and a second upgrade applies nothing', async () => {
    const migrator = createMigrator(database)
    const applied = await migrator.upgrade()
    expect(applied).toEqual(migrator.migrations.map((m) => m.tag))
    expect(await migrator.upgrade()).toEqual([])
    const { migrations } = await migrator.status()
    expect(migrations.every((m) => m.applied && !m.modified)).toBe(true)
    expect(await publicTables(database)).toEqual(
      expect.arrayContaining(['customers', 'sources', 'work_orders', 'work_order_items', 'customer_items']),
    )
  })

  it('go down to base and back up to the same schema', async () => {
    const migrator = createMigrator(database)
    await migrator.upgrade()
    const before = await dumpSchema(database)
    expect(before.length).toBeGreaterThan(50)
    const reverted = await migrator.downgrade({ kind: 'base' })
    expect(reverted).toEqual(migrator.migrations.map((m) => m.tag).reverse())
    expect(await publicTables(database)).toEqual(['schema_migrations'])
    await migrator.upgrade()
    expect(await dumpSchema(database)).toEqual(before)
  })

  it('step one migration down and up again', async () => {
    const migrator = createMigrator(database)
    await migrator.upgrade()
    const last = migrator.migrations.at(-1)?.tag
    expect(await migrator.downgrade({ kind: 'steps', steps: 1 })).toEqual([last])
    expect(await migrator.upgrade({ kind: 'steps', steps: 1 })).toEqual([last])
  })

  it('refuses to revert to a migration that is not applied', async () => {
    const migrator = createMigrator(database)
    await expect(migrator.downgrade({ kind: 'tag', tag: '9999_nope' })).rejects.toThrow(
      /not an applied migration/,
    )
  })
})

describe('the migration files', () => {
  it('have journal timestamps that strictly increase', () => {
    const journal = JSON.parse(readFileSync(path.join(MIGRATIONS_DIR, 'meta/_journal.json'), 'utf8'))
    const whens: number[] = journal.entries.map((e: { when: number }) => e.when)
    for (let i = 1; i < whens.length; i++) expect(whens[i]).toBeGreaterThan(whens[i - 1] as number)
    expect(() => loadMigrations()).not.toThrow()
  })

  it('each have a down script with statements', () => {
    for (const m of loadMigrations()) expect(m.down, `${m.tag} down script`).not.toBeNull()
  })

  it('reject a journal whose timestamps go backwards (drizzle would skip the older entry)', () => {
    const dir = tempDir()
    cpSync(MIGRATIONS_DIR, dir, { recursive: true })
    const journalFile = path.join(dir, 'meta/_journal.json')
    const journal = JSON.parse(readFileSync(journalFile, 'utf8'))
    const first = journal.entries[0]
    journal.entries.push({ ...first, idx: journal.entries.length, tag: first.tag, when: first.when - 1 })
    writeFileSync(journalFile, JSON.stringify(journal))
    expect(() => loadMigrations(dir)).toThrow(MigrationFilesError)
  })

  it('treat a down script that is still the template as missing', () => {
    const dir = tempDir()
    cpSync(MIGRATIONS_DIR, dir, { recursive: true })
    const tag = loadMigrations(dir)[0]?.tag as string
    mkdirSync(path.join(dir, 'down'), { recursive: true })
    writeFileSync(path.join(dir, 'down', `${tag}.sql`), '-- Reverts it. Write the statements.\n')
    expect(loadMigrations(dir)[0]?.down).toBeNull()
  })
})
