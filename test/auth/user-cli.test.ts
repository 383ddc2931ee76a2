import { spawn } from 'node:child_process'
import path from 'node:path'
import { sql } from 'drizzle-orm'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { ROOT } from '../helpers/cli.js'
import { createTestDatabase, queryRows, type TestDatabase } from '../helpers/database.js'

function userCli(args: string[], stdin: string, env: Record<string, string | undefined>) {
  const childEnv: NodeJS.ProcessEnv = { ...process.env, ...env }
  delete childEnv.TEST_DATABASE_URL
  if (env.DATABASE_URL === undefined) delete childEnv.DATABASE_URL
  const child = spawn(process.execPath, ['--import', 'tsx', path.join(ROOT, 'src/cli/user.ts'), ...args], {
    cwd: ROOT,
    env: childEnv,
  })
  let out = ''
  child.stdout.on('data', (d) => {
    out += d
  })
  child.stderr.on('data', (d) => {
    out += d
  })
  child.stdin.end(stdin)
  return new Promise<{ code: number | null; out: string }>((resolve) =>
    child.on('exit', (code) => resolve({ code, out })),
  )
}

// Real processes (tsx, PGlite) on a shared machine: generous, per test.
describe('npm run user -- create', { timeout: 240_000 }, () => {
  let testDb: TestDatabase
  const env = () => ({ DATABASE_URL: testDb.url, DATA_DIR: testDb.dataDir, MIGRATE_ON_START: 'true' })
  beforeAll(async () => {
    testDb = await createTestDatabase()
  })
  afterAll(() => testDb.dispose())

  it('creates the first admin from a piped password, who can then sign in', async () => {
    const res = await userCli(
      ['create', '--username', 'Owner', '--role', 'admin'],
      'canvas and thread 99\n',
      env(),
    )
    expect(res.out).toContain('created admin "owner"')
    expect(res.code).toBe(0)
    const database = await testDb.open()
    const { createAuthService } = await import('../../src/services/auth.js')
    const { createTokenDigester } = await import('../../src/auth/tokens.js')
    const auth = createAuthService({
      db: database.db,
      digester: createTokenDigester({ current: 'k'.repeat(40) }),
      timeouts: { idleS: 60, maxAgeS: 60 },
    })
    const session = await auth.login({ username: 'owner', password: 'canvas and thread 99' }, {})
    expect(session.user.role).toBe('admin')
    await database.close()
  })

  it('refuses a weak password and a bad role, with a non-zero exit', async () => {
    const weak = await userCli(['create', '--username', 'x', '--role', 'admin'], 'password\n', env())
    expect(weak.code).toBe(1)
    expect(weak.out).toMatch(/at least 8|too common/)
    const badRole = await userCli(
      ['create', '--username', 'y', '--role', 'king'],
      'canvas and thread 99\n',
      env(),
    )
    expect(badRole.code).toBe(2)
    expect(badRole.out).toContain('Usage: npm run user')
  })
})

describe('npm run user -- unlock', () => {
  let testDb: TestDatabase
  const env = () => ({ DATABASE_URL: testDb.url, DATA_DIR: testDb.dataDir, MIGRATE_ON_START: 'true' })
  beforeAll(async () => {
    testDb = await createTestDatabase()
  })
  afterAll(() => testDb.dispose())

  it('clears the lock of every address and the throttle of a username', async () => {
    const database = await testDb.open()
    const { createMigrator } = await import('../../src/db/migrator.js')
    await createMigrator(database).upgrade()
    await database.db.execute(sql`
      INSERT INTO login_failures (username, client, failed_count, locked_until) VALUES
        ('ann', '203.0.113.9', 0, now() + interval '15 minutes'),
        ('ann', '*', 12, NULL),
        ('bob', '203.0.113.9', 3, NULL)`)
    await database.close()
    const res = await userCli(['unlock', '--username', 'Ann'], '', env())
    expect(res.out).toContain('unlocked "ann" (2 failure count(s) cleared)')
    expect(res.code).toBe(0)
    const after = await testDb.open()
    const rows = await queryRows<{ username: string }>(after.db, sql`SELECT username FROM login_failures`)
    expect(rows.map((r) => r.username)).toEqual(['bob'])
    await after.close()
    expect((await userCli(['unlock'], '', env())).code).toBe(2)
  }, 180_000) // two CLI processes, each opening (and on PGlite, starting) the database
})
