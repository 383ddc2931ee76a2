// The service under load, beside references measured in the same run (these machines drift; ratios hold):
// the built server (dist/) on a throwaway PostgreSQL seeded with demo data, a bare Fastify hello-world, and a
// raw `pg` loop running the list endpoint's own SQL. Writes a table and bench/results/http-<date>.json.
// Then the same on data loaded through the legacy CSV import (bench/imported.ts), what users see after a
// migration; --compare <dir> measures another built checkout beside it in the same rounds.
//   npm run build && npx tsx bench/http.ts [--work-orders 100000] [--customers 20000] [--seconds 10] [--connections 50]
//     [--import-orders 100000] [--compare <dir>]
import { type ChildProcess, execFileSync, spawn } from 'node:child_process'
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs'
import { createServer } from 'node:net'
import os from 'node:os'
import path from 'node:path'
import { parseArgs } from 'node:util'
import autocannon from 'autocannon'
import pg from 'pg'
import { buildApp } from '../src/app.js'
import { loadConfig } from '../src/config.js'
import { openDatabase } from '../src/db/index.js'
import { createMigrator } from '../src/db/migrator.js'
import { seedEmptyDatabase } from '../src/seed/seed-empty.js'
import { runImportedBench } from './imported.js'
import { runPagesBench } from './pages.js'

const ROOT = path.resolve(import.meta.dirname, '..')
const { values } = parseArgs({
  options: {
    'work-orders': { type: 'string', default: '100000' },
    customers: { type: 'string', default: '20000' },
    seconds: { type: 'string', default: '10' },
    connections: { type: 'string', default: '50' },
    'import-orders': { type: 'string', default: '100000' },
    compare: { type: 'string' },
  },
})
const SECONDS = Number(values.seconds)
const CONNECTIONS = Number(values.connections)
const SECRET_KEY = 'bench-secret-key-0123456789-abcdefghijklmnop'
const CRON_SECRET = 'bench-cron-secret-value'

const freePort = () =>
  new Promise<number>((resolve) => {
    const s = createServer().listen(0, '127.0.0.1', () => {
      const { port } = s.address() as { port: number }
      s.close(() => resolve(port))
    })
  })
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms))
const rssMb = (pid: number) => {
  const m = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))
  return m ? Number(m[1]) / 1024 : 0
}

// --- PostgreSQL for the run -------------------------------------------------------------------------------
const pgEnv = Object.fromEntries(
  execFileSync(path.join(ROOT, 'scripts/pg-throwaway.sh'), ['start'], { encoding: 'utf8' })
    .trim()
    .split('\n')
    .map((l) => l.replace(/^export /, '').split('=') as [string, string]),
)
const url = pgEnv.TEST_DATABASE_URL as string
const children: ChildProcess[] = []
const cleanup = () => {
  for (const c of children) c.kill('SIGKILL')
  execFileSync(path.join(ROOT, 'scripts/pg-throwaway.sh'), ['stop', pgEnv.PG_TMPDIR as string])
}
process.on('exit', () => undefined)

try {
  const env = {
    DATABASE_URL: url,
    SECRET_KEY,
    DATA_DIR: pgEnv.PG_TMPDIR as string,
    ML_RETRAIN_SCHEDULE: 'off',
  }
  const statements: { sql: string; params: unknown[] }[] = []
  let counting = false
  const database = await openDatabase(
    loadConfig(env).database,
    { warn() {}, error() {} },
    {
      onQuery: (sql, params) => {
        if (counting) statements.push({ sql, params })
      },
    },
  )
  await createMigrator(database).upgrade()
  const t = Date.now()
  await seedEmptyDatabase(database.db, {
    customers: Number(values.customers),
    workOrders: Number(values['work-orders']),
    seed: 1,
  })
  console.log(
    `seeded ${values['work-orders']} work orders, ${values.customers} customers in ${((Date.now() - t) / 1000).toFixed(0)} s`,
  )

  // A manager's session and a model, through the app's own code; statements per request counted in-process.
  const app = await buildApp({
    config: loadConfig({ ...env, CRON_SECRET }),
    database,
    logger: { level: 'silent' },
  })
  await app.usersService.createDirect({
    username: 'bench',
    password: 'correct horse battery staple',
    role: 'manager',
  })
  const { token } = await app.authService.login(
    { username: 'bench', password: 'correct horse battery staple' },
    {},
  )
  const auth = { authorization: `Bearer ${token}` }
  const retrain = await app.inject({
    method: 'POST',
    url: '/ml/cron/retrain',
    headers: { 'x-cron-secret': CRON_SECRET },
    payload: { config: 'baseline' },
  })
  if (retrain.statusCode !== 200) throw new Error(`retrain: ${retrain.body}`)

  const customerId = 123
  const predictBody = JSON.stringify({
    customerId,
    items: [{ description: 'Patio awning', material: 'Sunbrella', quantity: 2, sizeText: '10x12' }],
  })
  const createBody = JSON.stringify({ customerId, items: [{ description: 'Boat cover', sizeText: '8x20' }] })
  const LIST = '/api/work-orders?page=3&pageSize=50&status=queued&sort=-dateIn'
  const scenarios = [
    { name: 'GET /health', method: 'GET', path: '/health' },
    { name: 'GET /api/work-orders (filter+sort, page of 50)', method: 'GET', path: LIST },
    {
      name: `GET /api/customers/${customerId} (eager-loaded)`,
      method: 'GET',
      path: `/api/customers/${customerId}`,
    },
    { name: 'POST /api/work-orders', method: 'POST', path: '/api/work-orders', body: createBody },
    { name: 'GET /api/analytics/summary (warm cache)', method: 'GET', path: '/api/analytics/summary' },
    // Cold: every request computes the summary (cache off). One client, since the figure that matters is
    // how long a dashboard waits for a computation; 50 clients would only queue behind one another.
    {
      name: 'GET /api/analytics/summary (cold: cache off, 1 client)',
      method: 'GET',
      path: '/api/analytics/summary',
      cold: true,
      connections: 1,
    },
    { name: 'POST /ml/predict', method: 'POST', path: '/ml/predict', body: predictBody },
  ] as const

  const perRequest: Record<string, number> = {}
  let listStatements: { sql: string; params: unknown[] }[] = []
  for (const s of scenarios) {
    if ('cold' in s) continue
    await app.inject({
      method: s.method,
      url: s.path,
      headers: { ...auth, 'content-type': 'application/json' },
      ...('body' in s ? { payload: s.body } : {}),
    })
    statements.length = 0
    counting = true
    const res = await app.inject({
      method: s.method,
      url: s.path,
      headers: { ...auth, 'content-type': 'application/json' },
      ...('body' in s ? { payload: s.body } : {}),
    })
    counting = false
    if (res.statusCode >= 400) throw new Error(`${s.name}: ${res.statusCode} ${res.body}`)
    // The session check is one of them; the analytics answer here comes from the cache (warm).
    perRequest[s.name] = statements.length
    if (s.path === LIST) listStatements = [...statements]
  }
  await app.close()
  await database.close()

  // --- the built server, twice: default, and with the analytics cache off (cold) -----------------------------
  async function spawnAndWait(args: string[], extraEnv: Record<string, string>, port: number, probe: string) {
    const child = spawn(process.execPath, args, {
      cwd: ROOT,
      env: { ...process.env, ...extraEnv },
      stdio: 'ignore',
    })
    children.push(child)
    for (let i = 0; i < 300; i++) {
      if (
        await fetch(`http://127.0.0.1:${port}${probe}`)
          .then((r) => r.ok)
          .catch(() => false)
      )
        break
      await sleep(100)
    }
    return { port, pid: child.pid as number, child }
  }
  // As configured in production (.ebextensions: LOG_LEVEL info, one line per request to stdout).
  async function startServer(extra: Record<string, string>) {
    const port = await freePort()
    return spawnAndWait(
      [path.join(ROOT, 'dist/server.js')],
      { ...env, PORT: String(port), LOG_LEVEL: 'info', LOGIN_RATE_LIMIT_PER_MIN: '100000', ...extra },
      port,
      '/health',
    )
  }
  const main = await startServer({})
  const cold = await startServer({ ANALYTICS_CACHE_TTL_S: '0' })

  // Each scenario is warmed for 2 s first (JIT, the model's first load, the pool), then measured.
  async function load(
    port: number,
    pid: number,
    s: { method: string; path: string; body?: string; connections?: number },
  ) {
    const options = {
      url: `http://127.0.0.1:${port}${s.path}`,
      method: s.method as 'GET',
      connections: s.connections ?? CONNECTIONS,
      headers: { ...auth, 'content-type': 'application/json' },
      ...(s.body ? { body: s.body } : {}),
    }
    await autocannon({ ...options, duration: 2 })
    let peak = rssMb(pid)
    const timer = setInterval(() => {
      peak = Math.max(peak, rssMb(pid))
    }, 200)
    const result = await autocannon({ ...options, duration: SECONDS })
    clearInterval(timer)
    return {
      connections: options.connections,
      rps: result.requests.average,
      p50: result.latency.p50,
      p99: result.latency.p99,
      errors: result.errors + result.timeouts + result.non2xx,
      peakRssMb: Math.round(peak),
    }
  }

  const rows: Record<string, unknown>[] = []
  for (const s of scenarios) {
    const target = 'cold' in s ? cold : main
    const r = await load(target.port, target.pid, s)
    rows.push({
      scenario: s.name,
      ...r,
      statements: perRequest[s.name] ?? null, // not counted for the cache-off server
    })
    console.log(
      `${s.name.padEnd(50)} ${r.rps.toFixed(0).padStart(6)} req/s  p50 ${r.p50} ms  p99 ${r.p99} ms  errors ${r.errors}  RSS ${r.peakRssMb} MB`,
    )
  }

  // --- references, each in its own process like ours, measured in alternation with our figures -------------
  // Neighbours on these shared machines shift throughput by ±30% from one minute to the next, so each ratio
  // comes from ROUNDS back-to-back pairs (ours, then the reference, 5 s each); the median pair ratio is reported.
  const ROUNDS = 3
  const PAIR_SECONDS = 5
  const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? Number.NaN
  async function bareFastify(flags: string[]) {
    const port = await freePort()
    return spawnAndWait(
      ['--import', 'tsx', path.join(ROOT, 'bench/references/bare-fastify.ts'), String(port), ...flags],
      {},
      port,
      '/',
    )
  }
  async function rps(port: number, urlPath: string, withAuth: boolean) {
    const result = await autocannon({
      url: `http://127.0.0.1:${port}${urlPath}`,
      connections: CONNECTIONS,
      duration: PAIR_SECONDS,
      ...(withAuth ? { headers: auth } : {}),
    })
    return result.requests.average
  }
  const bare = await bareFastify([])
  const bareHeaders = await bareFastify(['--security-headers'])
  await rps(bare.port, '/', false) // warm-up
  await rps(bareHeaders.port, '/', false)

  // The list endpoint's own statements (captured above, with their parameters), executed as the endpoint
  // executes them: the page's ids and the count together (unnamed, as the endpoint sends them), then the
  // rows by the statement the endpoint prepares by name; on a pool of the same size.
  const pool = new pg.Pool({ connectionString: url, max: 10 })
  const listOnly = listStatements.filter((q) => !/sessions/.test(q.sql))
  const [idsQuery, countQuery, rowsQuery] = listOnly.map((q) => ({
    text: q.sql,
    values: q.params as unknown[],
    ...(/= any\(/.test(q.sql) ? { name: 'raw_work_orders_page_rows' } : {}),
  }))
  if (!idsQuery || !countQuery || !rowsQuery || listOnly.length !== 3 || !('name' in rowsQuery))
    throw new Error(`expected the ids, the count and the prepared rows, got ${listOnly.length} statements`)
  const endpointSql: [pg.QueryConfig, pg.QueryConfig, pg.QueryConfig] = [idsQuery, countQuery, rowsQuery]
  async function rawLoops() {
    const [ids, counted, rows] = endpointSql
    let loops = 0
    const until = Date.now() + PAIR_SECONDS * 1000
    await Promise.all(
      Array.from({ length: CONNECTIONS }, async () => {
        while (Date.now() < until) {
          await Promise.all([pool.query(ids), pool.query(counted)])
          await pool.query(rows)
          loops++
        }
      }),
    )
    return loops / PAIR_SECONDS
  }

  const pairs: { health: number; bare: number; bareHeaders: number; list: number; raw: number }[] = []
  for (let round = 0; round < ROUNDS; round++) {
    const pair = {
      health: await rps(main.port, '/health', false),
      bare: await rps(bare.port, '/', false),
      bareHeaders: await rps(bareHeaders.port, '/', false),
      list: await rps(main.port, LIST, true),
      raw: await rawLoops(),
    }
    pairs.push(pair)
    console.log(
      `round ${round + 1}: /health ${pair.health.toFixed(0)}, bare ${pair.bare.toFixed(0)}, bare + headers ${pair.bareHeaders.toFixed(0)} req/s; list ${pair.list.toFixed(0)} req/s, raw pg ${pair.raw.toFixed(0)} loops/s`,
    )
  }
  await pool.end()

  const ratios = {
    healthVsBareFastify: median(pairs.map((p) => p.health / p.bare)),
    healthVsBareFastifyWithSecurityHeaders: median(pairs.map((p) => p.health / p.bareHeaders)),
    securityHeadersAloneVsBareFastify: median(pairs.map((p) => p.bareHeaders / p.bare)),
    listVsRawPg: median(pairs.map((p) => p.list / p.raw)),
  }
  const pct = (x: number) => `${(x * 100).toFixed(0)}%`
  console.log(
    `\nratios (median of ${ROUNDS} rounds): /health ${pct(ratios.healthVsBareFastify)} of bare Fastify (${pct(ratios.healthVsBareFastifyWithSecurityHeaders)} of bare Fastify with our security headers, which alone give ${pct(ratios.securityHeadersAloneVsBareFastify)}); list ${pct(ratios.listVsRawPg)} of the raw pg loop`,
  )

  for (const c of children.splice(0)) c.kill('SIGKILL')
  const imported = await runImportedBench({
    serverUrl: url,
    workOrders: Number(values['import-orders']),
    seconds: SECONDS,
    connections: CONNECTIONS,
    rounds: ROUNDS,
    compare: values.compare,
  })
  // The web pages' render time on the same imported database (issue 17).
  const pages = await runPagesBench({
    serverUrl: url,
    workOrders: Number(values['import-orders']),
    seconds: Math.max(3, Math.round(SECONDS / 2)),
    reuse: true,
    dbName: 'imported_this',
  })

  mkdirSync(path.join(ROOT, 'bench/results'), { recursive: true })
  const file = path.join(ROOT, `bench/results/http-${new Date().toISOString().slice(0, 10)}.json`)
  writeFileSync(
    file,
    `${JSON.stringify(
      {
        date: new Date().toISOString(),
        machine: {
          cpus: os.cpus().length,
          model: os.cpus()[0]?.model,
          memoryGb: Math.round(os.totalmem() / 2 ** 30),
          node: process.version,
        },
        data: { workOrders: Number(values['work-orders']), customers: Number(values.customers) },
        load: { connections: CONNECTIONS, seconds: SECONDS },
        scenarios: rows,
        references: { method: `${ROUNDS} rounds of back-to-back ${PAIR_SECONDS} s pairs`, rounds: pairs },
        ratios,
        imported,
        pages,
      },
      null,
      2,
    )}\n`,
  )
  console.log(`wrote ${path.relative(ROOT, file)}`)
} finally {
  cleanup()
}
process.exit(0)
