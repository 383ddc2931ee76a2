import { readFileSync } from 'node:fs'
import path from 'node:path'
import { parse } from 'csv-parse/sync'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { ROOT, runTs } from '../helpers/cli.js'
import { createTestDatabase, type TestDatabase, tempDir } from '../helpers/database.js'

// Real processes (tsx, PGlite) on a shared machine: generous, per test.
describe('npm run import / npm run export / npm run seed', { timeout: 240_000 }, () => {
  let testDb: TestDatabase
  const env = () => ({ DATABASE_URL: testDb.url, DATA_DIR: testDb.dataDir, MIGRATE_ON_START: 'true' })
  const fixture = (name: string) => path.join(ROOT, 'test/fixtures/legacy', name)
  beforeAll(async () => {
    testDb = await createTestDatabase()
  })
  afterAll(() => testDb.dispose())

  it('imports the legacy files in order, reporting bad lines and exiting non-zero when some failed', async () => {
    const sources = await runTs('src/cli/import.ts', ['sources', fixture('sources.csv')], env())
    expect(sources.stdout).toMatch(/3 rows: 2 inserted, 0 updated, 1 failed/)
    expect(sources.stderr).toMatch(/line 4: /)
    expect(sources.code).toBe(1)
    for (const kind of ['customers', 'work-orders', 'items']) {
      const res = await runTs('src/cli/import.ts', [kind, fixture(`${kind}.csv`)], env())
      expect(res.stdout, kind).toMatch(/\d+ rows: \d+ inserted/)
    }
  })

  it('exports every work order to a file', async () => {
    const out = path.join(tempDir(), 'orders.csv')
    const res = await runTs('src/cli/export.ts', ['work-orders', '--out', out], env())
    expect(res.code).toBe(0)
    const rows = parse(readFileSync(out, 'utf8'), { columns: true }) as Record<string, string>[]
    expect(rows.map((r) => r.WorkOrderNo)).toEqual(['5001', '5002', '5003', '5006'])
    expect(rows[0]).toMatchObject({
      CustomerName: 'Chesapeake Crab House',
      Status: 'completed',
      Price: '1345.50',
    })
  })

  it('refuses to seed demo data over existing orders', async () => {
    const res = await runTs('src/cli/seed.ts', ['--customers', '10', '--work-orders', '20'], env())
    expect(res.code).toBe(1)
    expect(res.stderr).toMatch(/already has 4 work orders/)
  })

  it('answers bad usage with exit code 2', async () => {
    expect((await runTs('src/cli/import.ts', ['widgets', 'x.csv'], env())).code).toBe(2)
    expect((await runTs('src/cli/export.ts', ['customers'], env())).code).toBe(2)
  })
})
