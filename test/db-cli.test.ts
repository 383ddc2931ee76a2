import pg from 'pg'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { loadMigrations } from '../src/db/migrations.js'
import { MIGRATION_LOCK_KEY } from '../src/db/migrator.js'
import { runTs } from './helpers/cli.js'
import { createTestDatabase, onPostgres, type TestDatabase } from './helpers/database.js'

const tags = loadMigrations().map((m) => m.tag)
const head = tags.at(-1) as string

// Real processes (tsx, PGlite) on a shared machine: generous, per test.
describe(`npm run db -- test … (on ${onPostgres ? 'PostgreSQL' : 'embedded PGlite'})`, {
  timeout: 240_000,
}, () => {
  let testDb: TestDatabase
  // `test` reads TEST_DATABASE_URL; without it, an embedded database under DATA_DIR/test-db.
  const db = (...args: string[]) =>
    runTs('src/cli/db.ts', ['test', ...args], { TEST_DATABASE_URL: testDb.url, DATA_DIR: testDb.dataDir })

  beforeAll(async () => {
    testDb = await createTestDatabase()
  })
  afterAll(() => testDb.dispose())

  it('reports base on an empty database', async () => {
    const res = await db('current')
    expect(res.code).toBe(0)
    expect(res.stdout).toContain(`current: (base) (${tags.length} pending)`)
  })

  it('upgrades to head, then reports head', async () => {
    const up = await db('upgrade', 'head')
    expect(up.code).toBe(0)
    expect(up.stdout).toContain(`applied ${tags.length}`)
    const current = await db('current')
    expect(current.stdout).toContain(`current: ${head} (head)`)
  })

  it('lists the history with applied marks', async () => {
    const res = await db('history')
    expect(res.code).toBe(0)
    for (const tag of tags) expect(res.stdout).toMatch(new RegExp(`\\[x\\] ${tag}  applied \\d{4}-`))
  })

  it('downgrades one step and upgrades back (the deploy rollback round trip)', async () => {
    const down = await db('downgrade', '-1')
    expect(down.code).toBe(0)
    expect(down.stdout).toContain(`reverted 1: ${head}`)
    expect((await db('current')).stdout).toContain('(1 pending)')
    const up = await db('upgrade', 'head')
    expect(up.stdout).toContain(`applied 1: ${head}`)
  })

  it('downgrades to base and applies +1', async () => {
    expect((await db('downgrade', 'base')).stdout).toContain(`reverted ${tags.length}`)
    const up = await db('upgrade', '+1')
    expect(up.stdout).toContain(`applied 1: ${tags[0]}`)
    await db('upgrade', 'head')
  })

  it('answers bad usage with exit code 2 and the usage text', async () => {
    const res = await db('upgrade', 'sideways')
    expect(res.code).toBe(2)
    expect(res.stderr).toContain('Usage: npm run db')
    expect((await runTs('src/cli/db.ts', ['staging', 'current'], {})).code).toBe(2)
  })
})

describe.runIf(onPostgres)('four processes migrating an empty PostgreSQL at once', () => {
  let testDb: TestDatabase
  beforeAll(async () => {
    testDb = await createTestDatabase()
  })
  afterAll(() => testDb.dispose())

  it('wait on one advisory lock and apply each migration exactly once', async () => {
    // Hold the migration lock so all four are provably contending at the same moment.
    const holder = new pg.Client({ connectionString: testDb.url })
    await holder.connect()
    await holder.query('SELECT pg_advisory_lock($1)', [MIGRATION_LOCK_KEY])
    const pending = Array.from({ length: 4 }, () =>
      runTs('src/cli/db.ts', ['prod', 'upgrade', 'head'], { DATABASE_URL: testDb.url }),
    )
    await expect
      .poll(
        async () =>
          (
            await holder.query(
              "SELECT count(*)::int AS n FROM pg_locks WHERE locktype = 'advisory' AND NOT granted",
            )
          ).rows[0].n,
        { timeout: 30_000, interval: 100 },
      )
      .toBe(4)
    await holder.query('SELECT pg_advisory_unlock($1)', [MIGRATION_LOCK_KEY])
    await holder.end()
    const runs = await Promise.all(pending)
    expect(runs.map((r) => r.code)).toEqual([0, 0, 0, 0])
    const appliedCounts = runs.map((r) => Number(/applied (\d+)/.exec(r.stdout)?.[1] ?? 0))
    expect(appliedCounts.reduce((a, b) => a + b, 0)).toBe(tags.length)
    const client = new pg.Client({ connectionString: testDb.url })
    await client.connect()
    const { rows } = await client.query(
      'SELECT tag, count(*)::int AS n FROM schema_migrations GROUP BY tag ORDER BY tag',
    )
    await client.end()
    expect(rows).toEqual(tags.map((tag) => ({ tag, n: 1 })))
  })
})
