import { type ChildProcess, spawn } from 'node:child_process'
import { readdirSync } from 'node:fs'
import path from 'node:path'
import pg from 'pg'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { buildApp } from '../../src/app.js'
import { loadConfig } from '../../src/config.js'
import { seedEmptyDatabase } from '../../src/seed/seed-empty.js'
import { ROOT, runTs } from '../helpers/cli.js'
import { TEST_SECRET_KEY } from '../helpers/database.js'
import { freePort } from '../helpers/net.js'
import { startThrowawayPostgres } from '../helpers/postgres.js'

let pgctl: ReturnType<typeof startThrowawayPostgres>['control'] = () => ''
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms))
const CRON = 'three-instance-cron-secret'

async function countOrders(url: string): Promise<number> {
  const client = new pg.Client({ connectionString: url })
  await client.connect()
  try {
    const { rows } = await client.query<{ n: string }>('SELECT count(*) AS n FROM work_orders')
    return Number(rows[0]?.n)
  } finally {
    await client.end()
  }
}

/** Three copies of the real server (src/server.ts) on one PostgreSQL, as EB runs them. */
describe('three instances on one PostgreSQL', () => {
  let pgDir = ''
  let url = ''
  const bases: string[] = []
  const children: ChildProcess[] = []
  let bearer: Record<string, string> = {}
  let customerId = 0

  beforeAll(async () => {
    const pgServer = startThrowawayPostgres()
    pgctl = pgServer.control
    pgDir = pgServer.dir
    url = pgServer.url
    const common = { DATABASE_URL: url, SECRET_KEY: TEST_SECRET_KEY, ML_RETRAIN_SCHEDULE: 'off' }

    // Schema, data and a manager's session, through the same app code, before the instances start.
    const migrate = await runTs('src/cli/db.ts', ['prod', 'upgrade', 'head'], { DATABASE_URL: url })
    expect(migrate.code, migrate.stderr).toBe(0)
    const setup = await buildApp({
      config: loadConfig({ ...common, DATA_DIR: pgDir }),
      logger: { level: 'silent' },
    })
    await seedEmptyDatabase(setup.db, { customers: 40, workOrders: 200, seed: 4 })
    await setup.usersService.createDirect({
      username: 'boss',
      password: 'correct horse battery staple',
      role: 'manager',
    })
    const session = await setup.authService.login(
      { username: 'boss', password: 'correct horse battery staple' },
      {},
    )
    bearer = { authorization: `Bearer ${session.token}` }
    customerId = 1
    await setup.close()

    for (let i = 0; i < 3; i++) {
      const port = await freePort()
      const child = spawn(process.execPath, ['--import', 'tsx', path.join(ROOT, 'src/server.ts')], {
        cwd: ROOT,
        env: {
          ...process.env,
          ...common,
          PORT: String(port),
          LOG_LEVEL: 'warn',
          CRON_SECRET: CRON,
          ML_MIN_SAMPLES: '10',
        },
        stdio: 'ignore',
      })
      children.push(child)
      bases.push(`http://127.0.0.1:${port}`)
    }
    for (const base of bases) {
      for (let i = 0; i < 300; i++) {
        const ok = await fetch(`${base}/health`)
          .then((r) => r.ok)
          .catch(() => false)
        if (ok) break
        await sleep(100)
      }
    }
  })

  afterAll(() => {
    for (const c of children) c.kill('SIGKILL')
    if (pgDir) pgctl('stop')
  })

  const json = { 'content-type': 'application/json' }

  it('gives 300 concurrent creates, spread over the three, 300 distinct numbers', async () => {
    const results = await Promise.all(
      Array.from({ length: 300 }, (_, i) =>
        fetch(`${bases[i % 3]}/api/work-orders`, {
          method: 'POST',
          headers: { ...bearer, ...json },
          body: JSON.stringify({ customerId, items: [{ description: `Awning ${i}`, sizeText: '8x10' }] }),
        }).then(async (r) => ({
          status: r.status,
          no: ((await r.json()) as { workOrderNo: number }).workOrderNo,
        })),
      ),
    )
    expect(results.filter((r) => r.status !== 201)).toEqual([])
    expect(new Set(results.map((r) => r.no)).size).toBe(300)
  })

  it('runs exactly one of three retrains fired at the three at once', async () => {
    const answers = await Promise.all(
      bases.map((base) =>
        fetch(`${base}/ml/cron/retrain`, {
          method: 'POST',
          headers: { 'x-cron-secret': CRON, ...json },
          body: JSON.stringify({ config: 'baseline' }),
        }).then(async (r) => ({ status: r.status, body: (await r.json()) as { code?: string } })),
      ),
    )
    expect(answers.map((a) => a.status).sort()).toEqual([200, 409, 409])
    expect(
      answers.filter((a) => a.status === 409).every((a) => a.body.code === 'ml.training_in_progress'),
    ).toBe(true)
  })

  it('invalidates the other instances’ analytics caches after a write', async () => {
    const summary = async (base: string) => {
      const r = await fetch(`${base}/api/analytics/summary`, { headers: bearer })
      return { cache: r.headers.get('x-cache'), body: (await r.json()) as Record<string, unknown> }
    }
    await summary(bases[1] as string)
    const warm = await summary(bases[1] as string)
    expect(warm.cache).toBe('hit')

    const created = await fetch(`${bases[0]}/api/work-orders`, {
      method: 'POST',
      headers: { ...bearer, ...json },
      body: JSON.stringify({ customerId, items: [{ description: 'Boat cover', sizeText: '10x20' }] }),
    })
    expect(created.status).toBe(201)
    // Polled well within the cache's 300 s lifetime: a miss can only come from the NOTIFY.
    const wrote = Date.now()
    let after = warm
    while (Date.now() - wrote < 20_000) {
      after = await summary(bases[1] as string)
      if (after.cache !== 'hit') break
      await sleep(25)
    }
    expect(after.cache).not.toBe('hit')
    expect(JSON.stringify(after.body)).not.toBe(JSON.stringify(warm.body))
  })

  it('finishes in-flight writes on SIGTERM under load, loses none, and exits within its grace period', async () => {
    const victim = children[2] as ChildProcess
    const exited = new Promise<number | null>((resolve) => victim.on('exit', (code) => resolve(code)))
    const before = await countOrders(url)
    const fired = Array.from({ length: 150 }, (_, i) =>
      fetch(`${bases[2]}/api/work-orders`, {
        method: 'POST',
        headers: { ...bearer, ...json },
        body: JSON.stringify({ customerId, items: [{ description: `Sail ${i}`, sizeText: '30#' }] }),
      })
        .then((r) => r.status)
        .catch(() => 'refused' as const),
    )
    await sleep(150)
    victim.kill('SIGTERM')
    const statuses = await Promise.all(fired)
    // 0, not 1: close-with-grace exits 1 when closing outlasts SHUTDOWN_GRACE_MS (below EB's 10 s).
    expect(await exited).toBe(0)
    const created = statuses.filter((s) => s === 201).length
    expect(created).toBeGreaterThan(0)
    // Every request either completed (201) or was turned away before any work (503 or refused): none half-done.
    expect(statuses.filter((s) => s !== 201 && s !== 503 && s !== 'refused')).toEqual([])
    expect((await countOrders(url)) - before).toBe(created)
  })

  it('applies each migration once when four processes migrate an empty database at once', async () => {
    const admin = new pg.Client({ connectionString: url })
    await admin.connect()
    await admin.query('CREATE DATABASE four_migrators')
    await admin.end()
    const target = url.replace(/\/[^/]+$/, '/four_migrators')
    const runs = await Promise.all(
      Array.from({ length: 4 }, () =>
        runTs('src/cli/db.ts', ['prod', 'upgrade', 'head'], { DATABASE_URL: target }),
      ),
    )
    expect(runs.map((r) => r.code)).toEqual([0, 0, 0, 0])
    const check = new pg.Client({ connectionString: target })
    await check.connect()
    const { rows } = await check.query<{ tag: string; n: string }>(
      'SELECT tag, count(*) AS n FROM schema_migrations GROUP BY tag ORDER BY tag',
    )
    await check.end()
    const shipped = readdirSync(path.join(ROOT, 'drizzle')).filter((f) => f.endsWith('.sql')).length
    expect(rows.length).toBe(shipped)
    expect(rows.every((r) => Number(r.n) === 1)).toBe(true)
    // Exactly one process applied them; the others found nothing to do.
    expect(runs.filter((r) => r.stdout.includes(`applied ${shipped}:`)).length).toBe(1)
  })
})
