import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { describeDatabase } from '../../src/db/index.js'
import { runTs } from '../helpers/cli.js'
import { createTestDatabase, type TestDatabase } from '../helpers/database.js'

/** docs/RUNBOOK.md: "read the `database:` line every CLI prints first". */
// Each command is a child process opening the database: generous limits, for a busy machine.
describe('every command prints the database it uses first', { timeout: 300_000 }, () => {
  let testDb: TestDatabase
  const env = () => ({ DATABASE_URL: testDb.url, DATA_DIR: testDb.dataDir, MIGRATE_ON_START: 'true' })
  const firstLine = (text: string) => text.split('\n')[0]
  beforeAll(async () => {
    testDb = await createTestDatabase()
  })
  afterAll(() => testDb.dispose())

  it('describes a configuration as the opened database describes itself', async () => {
    const database = await testDb.open()
    try {
      expect(describeDatabase(testDb.config)).toBe(database.description)
    } finally {
      await database.close()
    }
  })

  it('check config, without connecting: it works for a server that does not answer, and hides the password', async () => {
    const res = await runTs('src/cli/check.ts', ['config'], {
      DATABASE_URL: 'postgres://awning:s3cret-pw@127.0.0.1:1/awning',
    })
    expect(res.code).toBe(0)
    expect(firstLine(res.stdout)).toBe(
      'database: postgres://awning:***@127.0.0.1:1/awning (configured; not connected)',
    )
    expect(res.stdout + res.stderr).not.toContain('s3cret-pw')
  })

  it('seed, user create, check ml and db current', async () => {
    const seed = await runTs('src/cli/seed.ts', ['--customers', '2', '--work-orders', '3'], env())
    expect(seed.code).toBe(0)
    expect(firstLine(seed.stdout)).toBe(`database: ${describeDatabase(testDb.config)}`)
    const user = await runTs(
      'src/cli/user.ts',
      ['create', '--username', 'someone', '--role', 'staff'],
      env(),
      'canvas and thread 99\n',
    )
    expect(user.stdout).toContain('created staff "someone"')
    expect(firstLine(user.stdout)).toBe(`database: ${describeDatabase(testDb.config)}`)
    const ml = await runTs('src/cli/check.ts', ['ml'], env())
    expect(firstLine(ml.stdout)).toBe(`database: ${describeDatabase(testDb.config)}`)
    expect(ml.stdout).toMatch(/completed work orders: \d+/)
    const db = await runTs('src/cli/db.ts', ['prod', 'current'], env())
    expect(db.code).toBe(0)
    expect(firstLine(db.stdout)).toBe(`database: ${describeDatabase(testDb.config)}`)
  })

  it('names the database it tried before a connection error', async () => {
    const res = await runTs('src/cli/export.ts', ['customers', '--out', '-'], {
      DATABASE_URL: 'postgres://awning@127.0.0.1:1/awning',
      DB_CONNECT_TIMEOUT_MS: '2000',
    })
    expect(res.code).toBe(1)
    expect(firstLine(res.stderr)).toBe('database: postgres://awning@127.0.0.1:1/awning')
  })
})
