// What users see after loading their history through the legacy import (issue 15), not the demo seed: a
// messy legacy CSV set (bench/legacy-csv.ts) loaded with the built import CLI into its own database, then the
// built server under autocannon at 50 connections: the unfiltered list page 1 by date in, the list on every
// sort it offers, a customer with ~10 orders, a create with 2 items, and /health beside a bare Fastify with the
// same headers. Each main scenario runs ROUNDS times and reports the median. With --compare <dir> (another
// checkout, built: e.g. `git worktree add /tmp/before main && cd /tmp/before && npm run build`), the same CSVs
// are loaded through that checkout's import into a second database and its server is measured in the same
// rounds, alternating with ours.
//   npm run build && npx tsx bench/imported.ts [--work-orders 100000] [--seconds 10] [--compare <dir>]
import { type ChildProcess, execFileSync, spawn } from 'node:child_process'
import { mkdtempSync, rmSync } from 'node:fs'
import { createServer } from 'node:net'
import os from 'node:os'
import path from 'node:path'
import autocannon from 'autocannon'
import pg from 'pg'
import { WORK_ORDER_FIELDS } from '../src/repositories/work-orders.js'
import { writeLegacyCsvSet } from './legacy-csv.js'

const ROOT = path.resolve(import.meta.dirname, '..')
export const SECRET_KEY = 'bench-secret-key-0123456789-abcdefghijklmnop'
export const PASSWORD = 'correct horse battery staple'

export interface ImportedOptions {
  /** The PostgreSQL server's URL (any database on it); one database per variant is created beside it. */
  serverUrl: string
  workOrders: number
  seconds: number
  connections: number
  rounds: number
  compare?: string | undefined
  /** Measure the databases an earlier run loaded (imported_this, imported_compare) instead of loading anew. */
  reuse?: boolean | undefined
}
export interface Variant {
  name: string
  root: string
  url: string
  port: number
  token: string
  child: ChildProcess
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms))
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? Number.NaN
const freePort = () =>
  new Promise<number>((resolve) => {
    const s = createServer().listen(0, '127.0.0.1', () => {
      const { port } = s.address() as { port: number }
      s.close(() => resolve(port))
    })
  })

export function cli(root: string, args: string[], env: Record<string, string>): string {
  return execFileSync(
    process.execPath,
    [path.join(root, 'dist/cli', ...args.slice(0, 1)), ...args.slice(1)],
    {
      cwd: root,
      env: { ...process.env, ...env },
      encoding: 'utf8',
      input: `${PASSWORD}\n`,
    },
  )
}

/** A database loaded through `root`'s own migrations and import, as an operator would. */
export async function load(
  root: string,
  serverUrl: string,
  dbName: string,
  files: { kind: string; file: string }[],
) {
  const admin = new pg.Client({ connectionString: serverUrl })
  await admin.connect()
  await admin.query(`DROP DATABASE IF EXISTS ${dbName} WITH (FORCE)`)
  await admin.query(`CREATE DATABASE ${dbName}`)
  await admin.end()
  const url = serverUrl.replace(/\/[^/]*$/, `/${dbName}`)
  const env = { DATABASE_URL: url, SECRET_KEY }
  cli(root, ['db.js', 'prod', 'upgrade', 'head'], env)
  for (const f of files) {
    const started = Date.now()
    const out = cli(root, ['import.js', f.kind, f.file], env).trim().split('\n').at(-1)
    console.log(
      `  ${path.basename(root)} import ${f.kind}: ${out} (${((Date.now() - started) / 1000).toFixed(0)} s)`,
    )
  }
  cli(root, ['user.js', 'create', '--username', 'bench', '--role', 'manager'], env)
  return url
}

export async function start(name: string, root: string, url: string): Promise<Variant> {
  const port = await freePort()
  const child = spawn(process.execPath, [path.join(root, 'dist/server.js')], {
    cwd: root,
    env: {
      ...process.env,
      DATABASE_URL: url,
      SECRET_KEY,
      PORT: String(port),
      LOG_LEVEL: 'info', // as production runs (one line per request)
      ML_RETRAIN_SCHEDULE: 'off',
      LOGIN_RATE_LIMIT_PER_MIN: '100000',
    },
    stdio: 'ignore',
  })
  for (let i = 0; i < 600; i++) {
    if (
      await fetch(`http://127.0.0.1:${port}/health`).then(
        (r) => r.ok,
        () => false,
      )
    )
      break
    await sleep(100)
  }
  const login = await fetch(`http://127.0.0.1:${port}/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username: 'bench', password: PASSWORD }),
  })
  const { token } = (await login.json()) as { token: string }
  return { name, root, url, port, token, child }
}

async function bareFastify(): Promise<{ port: number; child: ChildProcess }> {
  const port = await freePort()
  const child = spawn(
    process.execPath,
    [
      '--import',
      'tsx',
      path.join(ROOT, 'bench/references/bare-fastify.ts'),
      String(port),
      '--security-headers',
    ],
    { cwd: ROOT, stdio: 'ignore' },
  )
  for (let i = 0; i < 300; i++) {
    if (
      await fetch(`http://127.0.0.1:${port}/`).then(
        (r) => r.ok,
        () => false,
      )
    )
      break
    await sleep(100)
  }
  return { port, child }
}

interface Load {
  /** Requests completed in the window (0 when each one takes longer than the window). */
  completed: number
  rps: number
  p50: number
  p99: number
  errors: number
}
async function drive(
  serverUrl: string,
  port: number,
  token: string | undefined,
  s: { method?: string; path: string; body?: string },
  seconds: number,
  connections: number,
): Promise<Load> {
  const options = {
    url: `http://127.0.0.1:${port}${s.path}`,
    method: (s.method ?? 'GET') as 'GET',
    connections,
    headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
    ...(s.body ? { body: s.body } : {}),
  }
  await autocannon({ ...options, duration: 2 }) // warm-up: JIT, pool, prepared statements
  await settle(serverUrl)
  const r = await autocannon({ ...options, duration: seconds })
  await settle(serverUrl)
  return {
    completed: r.requests.total,
    rps: Math.round(r.requests.average),
    p50: r.latency.p50,
    p99: r.latency.p99,
    errors: r.errors + r.timeouts + r.non2xx,
  }
}

/**
 * Waits until PostgreSQL has no statement running for the bench's databases: a slow variant's requests go on
 * in the database after autocannon stops, and would otherwise run into the next measurement.
 */
export async function settle(serverUrl: string) {
  const client = new pg.Client({ connectionString: serverUrl })
  await client.connect()
  try {
    for (let i = 0; i < 600; i++) {
      const { rows } = await client.query<{ n: number }>(
        "SELECT count(*)::int AS n FROM pg_stat_activity WHERE state = 'active' AND datname LIKE 'imported_%' AND pid <> pg_backend_pid()",
      )
      if ((rows[0]?.n ?? 0) === 0) return
      await sleep(100)
    }
  } finally {
    await client.end()
  }
}

export async function runImportedBench(o: ImportedOptions) {
  const work = mkdtempSync(path.join(os.tmpdir(), 'awning-imported-'))
  const children: ChildProcess[] = []
  try {
    const t = Date.now()
    const files = writeLegacyCsvSet(work, { workOrders: o.workOrders, seed: 2 })
    console.log(
      `\nimported data: legacy CSVs for ${o.workOrders} work orders written in ${((Date.now() - t) / 1000).toFixed(0)} s`,
    )
    const roots = [
      { name: 'this', root: ROOT },
      ...(o.compare ? [{ name: 'compare', root: path.resolve(o.compare) }] : []),
    ]
    const variants: Variant[] = []
    for (const r of roots) {
      const dbName = `imported_${r.name}`
      const url = o.reuse
        ? o.serverUrl.replace(/\/[^/]*$/, `/${dbName}`)
        : await load(r.root, o.serverUrl, dbName, files)
      const v = await start(r.name, r.root, url)
      children.push(v.child)
      variants.push(v)
    }
    // A customer with ~10 orders, found the same way in every variant (the CSVs are the same).
    const client = new pg.Client({ connectionString: variants[0]?.url })
    await client.connect()
    const { rows } = await client.query<{ id: number }>(
      'SELECT customer_id AS id FROM work_orders GROUP BY customer_id HAVING count(*) = 10 ORDER BY customer_id LIMIT 1',
    )
    await client.end()
    const customerId = rows[0]?.id ?? 1
    const create = {
      method: 'POST',
      path: '/api/work-orders',
      body: JSON.stringify({
        customerId,
        items: [
          { description: 'Boat cover', sizeText: '8x20', unitPrice: 180 },
          { description: 'Bimini top', material: 'Sunbrella', sizeText: '6x8' },
        ],
      }),
    }
    const scenarios: Record<string, { method?: string; path: string; body?: string }> = {
      'list, page 1 of 50 by date in (no filter)': {
        path: '/api/work-orders?page=1&pageSize=50&sort=-dateIn',
      },
      'customer with ~10 orders': { path: `/api/customers/${customerId}` },
      'create order with 2 items': create,
      '/health': { path: '/health' },
    }
    const bare = await bareFastify()
    children.push(bare.child)

    const samples: Record<string, Record<string, Load[]>> = {}
    const record = (scenario: string, variant: string, r: Load) => {
      const byVariant = samples[scenario] ?? {}
      byVariant[variant] = [...(byVariant[variant] ?? []), r]
      samples[scenario] = byVariant
    }
    for (let round = 1; round <= o.rounds; round++) {
      for (const [name, s] of Object.entries(scenarios)) {
        for (const v of variants) {
          const r = await drive(o.serverUrl, v.port, v.token, s, o.seconds, o.connections)
          record(name, v.name, r)
          console.log(
            `  round ${round} ${v.name.padEnd(7)} ${name.padEnd(44)} ${String(r.rps).padStart(6)} req/s  p50 ${r.p50}  p99 ${r.p99}  errors ${r.errors}`,
          )
        }
        if (name === '/health') {
          const r = await drive(o.serverUrl, bare.port, undefined, { path: '/' }, o.seconds, o.connections)
          record(name, 'bare Fastify + headers', r)
          console.log(`  round ${round} bare Fastify + headers ${String(r.rps).padStart(6)} req/s`)
        }
      }
    }
    const summary = Object.fromEntries(
      Object.entries(samples).map(([name, byVariant]) => [
        name,
        Object.fromEntries(
          Object.entries(byVariant).map(([v, runs]) => [
            v,
            {
              rps: median(runs.map((r) => r.rps)),
              p50: median(runs.map((r) => r.p50)),
              p99: median(runs.map((r) => r.p99)),
              errors: runs.reduce((a, r) => a + r.errors, 0),
              rounds: runs.map((r) => r.rps),
            },
          ]),
        ),
      ]),
    )

    // Every sort the list offers, both directions: one shorter run each, ours and the comparison alternating.
    const sorts: Record<string, Record<string, Load>> = {}
    const sortable = Object.entries(WORK_ORDER_FIELDS).flatMap(([name, field]) => (field.sort ? [name] : []))
    for (const sort of sortable.flatMap((f) => [f, `-${f}`])) {
      for (const v of variants) {
        const r = await drive(
          o.serverUrl,
          v.port,
          v.token,
          { path: `/api/work-orders?page=1&pageSize=50&sort=${sort}` },
          Math.max(5, Math.round(o.seconds / 2)),
          o.connections,
        )
        sorts[sort] = { ...sorts[sort], [v.name]: r }
      }
      console.log(
        `  sort=${sort.padEnd(15)} ${variants.map((v) => `${v.name} ${sorts[sort]?.[v.name]?.rps} req/s (p99 ${sorts[sort]?.[v.name]?.p99} ms)`).join(', ')}`,
      )
    }
    return {
      customerId,
      scenarios: summary,
      sorts,
      method: `${o.rounds} rounds, ${o.seconds} s each after 2 s warm-up, ${o.connections} connections, median; sorts: one run each`,
    }
  } finally {
    for (const c of children) c.kill('SIGKILL')
    rmSync(work, { recursive: true, force: true })
  }
}

// Run on its own: a throwaway PostgreSQL, the imported-data scenarios only, results in bench/results.
if (import.meta.url === `file://${process.argv[1]}`) {
  const { parseArgs } = await import('node:util')
  const { mkdirSync, writeFileSync } = await import('node:fs')
  const { values } = parseArgs({
    options: {
      'work-orders': { type: 'string', default: '100000' },
      seconds: { type: 'string', default: '10' },
      connections: { type: 'string', default: '50' },
      rounds: { type: 'string', default: '3' },
      compare: { type: 'string' },
      // An already running server with the databases of an earlier run (--reuse), instead of a throwaway one.
      'server-url': { type: 'string' },
      reuse: { type: 'boolean' },
    },
  })
  const pgEnv = values['server-url']
    ? { TEST_DATABASE_URL: values['server-url'] }
    : Object.fromEntries(
        execFileSync(path.join(ROOT, 'scripts/pg-throwaway.sh'), ['start'], { encoding: 'utf8' })
          .trim()
          .split('\n')
          .map((l) => l.replace(/^export /, '').split('=') as [string, string]),
      )
  try {
    const result = await runImportedBench({
      serverUrl: pgEnv.TEST_DATABASE_URL as string,
      workOrders: Number(values['work-orders']),
      seconds: Number(values.seconds),
      connections: Number(values.connections),
      rounds: Number(values.rounds),
      compare: values.compare,
      reuse: values.reuse,
    })
    mkdirSync(path.join(ROOT, 'bench/results'), { recursive: true })
    const file = path.join(ROOT, `bench/results/imported-${new Date().toISOString().slice(0, 10)}.json`)
    const machine = {
      cpus: os.cpus().length,
      model: os.cpus()[0]?.model,
      loadavg: os.loadavg(),
      node: process.version,
    }
    writeFileSync(
      file,
      `${JSON.stringify({ date: new Date().toISOString(), machine, ...result }, null, 2)}\n`,
    )
    console.log(`wrote ${path.relative(ROOT, file)}`)
  } finally {
    if (pgEnv.PG_TMPDIR) execFileSync(path.join(ROOT, 'scripts/pg-throwaway.sh'), ['stop', pgEnv.PG_TMPDIR])
  }
  process.exit(0)
}
