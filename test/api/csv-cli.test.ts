import { existsSync, readFileSync } from 'node:fs'
import path from 'node:path'
import { parse } from 'csv-parse/sync'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { ROOT, runTs } from '../helpers/cli.js'
import { createTestDatabase, type TestDatabase, tempDir } from '../helpers/database.js'

// Each command is a child process opening the database: generous limits, for a busy machine.
describe('npm run import / npm run export / npm run seed', { timeout: 300_000 }, () => {
  let testDb: TestDatabase
  const env = () => ({ DATABASE_URL: testDb.url, DATA_DIR: testDb.dataDir, MIGRATE_ON_START: 'true' })
  const fixture = (name: string) => path.join(ROOT, 'test/fixtures/legacy', name)
  beforeAll(async () => {
    testDb = await createTestDatabase()
  })
  afterAll(() => testDb.dispose())

  it('imports the legacy files in order, reporting bad lines and exiting non-zero when some failed', async () => {
    const sources = await runTs('src/cli/import.ts', ['sources', fixture('sources.csv')], env())
    expect(sources.stdout.split('\n')[0]).toMatch(/^database: /)
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
    expect(res.stdout.split('\n')[0]).toMatch(/^database: /)
    const rows = parse(readFileSync(out, 'utf8'), { columns: true }) as Record<string, string>[]
    expect(rows.map((r) => r.WorkOrderNo)).toEqual(['5001', '5002', '5003', '5006'])
    expect(rows[0]).toMatchObject({
      CustomerName: 'Chesapeake Crab House',
      Status: 'completed',
      Price: '1345.50',
    })
  })

  it('exports items and customers, with the list filters, each starting with the database line', async () => {
    const items = path.join(tempDir(), 'items.csv')
    const res = await runTs(
      'src/cli/export.ts',
      ['items', '--out', items, '--filter', 'customerName=crab', '--filter', 'dateIn=2024-01-01..2024-12-31'],
      env(),
    )
    expect(res.code).toBe(0)
    expect(res.stdout.split('\n')[0]).toMatch(/^database: /)
    const itemRows = parse(readFileSync(items, 'utf8'), { columns: true }) as Record<string, string>[]
    expect(itemRows.map((r) => [r.WorkOrderNo, r.Description, r.LineTotal])).toEqual([
      ['5001', 'Awning', '300.00'],
      ['5001', 'Side curtain', '1045.50'],
    ])
    const customers = await runTs('src/cli/export.ts', ['customers', '--out', '-', '--q', 'smith'], env())
    expect(customers.code).toBe(0)
    // The CSV owns stdout; the database line goes to stderr.
    expect(customers.stderr.split('\n')[0]).toMatch(/^database: /)
    const customerRows = parse(customers.stdout, { columns: true }) as Record<string, string>[]
    expect(customerRows).toEqual([
      expect.objectContaining({ CustID: '102', EmailAddress: 'jsmith@example.net' }),
    ])
  })

  it('refuses an unknown filter with a message and no file', async () => {
    const out = path.join(tempDir(), 'none.csv')
    const res = await runTs('src/cli/export.ts', ['customers', '--out', out, '--filter', 'bogus=1'], env())
    expect(res.code).toBe(1)
    expect(res.stderr).toMatch(/Unknown filter "bogus"/)
    expect(existsSync(out)).toBe(false)
  })

  it('refuses to seed demo data over existing orders', async () => {
    const res = await runTs('src/cli/seed.ts', ['--customers', '10', '--work-orders', '20'], env())
    expect(res.code).toBe(1)
    expect(res.stderr).toMatch(/already has 4 work orders/)
  })

  it('answers bad usage with exit code 2', async () => {
    expect((await runTs('src/cli/import.ts', ['widgets', 'x.csv'], env())).code).toBe(2)
    expect((await runTs('src/cli/export.ts', ['customers'], env())).code).toBe(2)
    expect((await runTs('src/cli/export.ts', ['invoices', '--out', 'x.csv'], env())).code).toBe(2)
  })
})
