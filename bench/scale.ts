// How the service holds up as history piles up: on a throwaway PostgreSQL, one database per size (10k, 100k,
// 1M work orders by default), list and customer-screen latency (one request at a time through the whole app),
// the analytics summary with the cache off (cold), and CSV export rows/s with peak RSS (the built CLI, as an
// operator runs it). Then legacy CSV import rows/s into an empty database. Writes bench/results/scale-<date>.json.
//   npm run bench:scale [-- --sizes 10000,100000,1000000 --import-orders 100000]
import { execFileSync, spawn } from 'node:child_process'
import { mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { parseArgs } from 'node:util'
import { stringify } from 'csv-stringify/sync'
import pg from 'pg'
import { buildApp } from '../src/app.js'
import { loadConfig } from '../src/config.js'
import { openDatabase } from '../src/db/index.js'
import { createMigrator } from '../src/db/migrator.js'
import { generateShopData } from '../src/seed/generate.js'
import { seedEmptyDatabase } from '../src/seed/seed-empty.js'

const ROOT = path.resolve(import.meta.dirname, '..')
const { values } = parseArgs({
  options: {
    sizes: { type: 'string', default: '10000,100000,1000000' },
    'import-orders': { type: 'string', default: '100000' },
    runs: { type: 'string', default: '40' },
  },
})
const SIZES = values.sizes.split(',').map(Number)
const RUNS = Number(values.runs)
const SECRET_KEY = 'bench-secret-key-0123456789-abcdefghijklmnop'

const pgEnv = Object.fromEntries(
  execFileSync(path.join(ROOT, 'scripts/pg-throwaway.sh'), ['start'], { encoding: 'utf8' })
    .trim()
    .split('\n')
    .map((l) => l.replace(/^export /, '').split('=') as [string, string]),
)
const serverUrl = pgEnv.TEST_DATABASE_URL as string
const work = mkdtempSync(path.join(os.tmpdir(), 'awning-scale-'))

async function createDatabase(name: string) {
  const admin = new pg.Client({ connectionString: serverUrl })
  await admin.connect()
  await admin.query(`CREATE DATABASE ${name}`)
  await admin.end()
  return serverUrl.replace(/\/[^/]+$/, `/${name}`)
}

function percentile(sorted: number[], p: number) {
  return sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))] ?? Number.NaN
}
const round = (x: number, digits = 1) => Math.round(x * 10 ** digits) / 10 ** digits

/** Runs a built CLI, sampling its peak RSS (VmHWM) until it exits. */
function runCli(args: string[], env: Record<string, string>) {
  return new Promise<{ seconds: number; peakRssMb: number; stdout: string; stderr: string }>(
    (resolve, reject) => {
      const started = Date.now()
      const child = spawn(process.execPath, args, { cwd: ROOT, env: { ...process.env, ...env } })
      let stdout = ''
      let stderr = ''
      child.stdout.on('data', (d) => {
        stdout += d
      })
      child.stderr.on('data', (d) => {
        stderr += d
      })
      let peak = 0
      const timer = setInterval(() => {
        try {
          const m = /VmHWM:\s+(\d+) kB/.exec(readFileSync(`/proc/${child.pid}/status`, 'utf8'))
          if (m) peak = Math.max(peak, Number(m[1]) / 1024)
        } catch {
          // exited between samples
        }
      }, 50)
      child.on('exit', (code) => {
        clearInterval(timer)
        if (code !== 0) reject(new Error(`${args.join(' ')} exited ${code}: ${stderr}`))
        else resolve({ seconds: (Date.now() - started) / 1000, peakRssMb: Math.round(peak), stdout, stderr })
      })
    },
  )
}

const results: Record<string, unknown>[] = []
try {
  for (const size of SIZES) {
    const url = await createDatabase(`scale_${size}`)
    const env = { DATABASE_URL: url, SECRET_KEY, ML_RETRAIN_SCHEDULE: 'off', ANALYTICS_CACHE_TTL_S: '0' }
    const config = loadConfig(env)
    const database = await openDatabase(config.database, { warn() {}, error() {} })
    await createMigrator(database).upgrade()
    const t = Date.now()
    await seedEmptyDatabase(database.db, {
      customers: Math.max(1000, size / 5),
      workOrders: size,
      seed: 1,
    })
    const seedSeconds = (Date.now() - t) / 1000
    console.log(`\n${size.toLocaleString('en-US')} work orders (seeded in ${seedSeconds.toFixed(0)} s)`)

    const app = await buildApp({ config, database, logger: { level: 'silent' } })
    await app.usersService.createDirect({
      username: 'bench',
      password: 'correct horse battery staple',
      role: 'manager',
    })
    const { token } = await app.authService.login(
      { username: 'bench', password: 'correct horse battery staple' },
      {},
    )
    const headers = { authorization: `Bearer ${token}` }
    async function time(url: string, runs: number) {
      for (let i = 0; i < 3; i++) await app.inject({ method: 'GET', url, headers })
      const samples: number[] = []
      for (let i = 0; i < runs; i++) {
        const started = performance.now()
        const res = await app.inject({ method: 'GET', url, headers })
        samples.push(performance.now() - started)
        if (res.statusCode !== 200) throw new Error(`${url}: ${res.statusCode} ${res.body}`)
      }
      samples.sort((a, b) => a - b)
      return { p50: round(percentile(samples, 0.5)), p99: round(percentile(samples, 0.99)) }
    }
    const latency: Record<string, { p50: number; p99: number }> = {
      'list: status tab, newest first, page 3': await time(
        '/api/work-orders?page=3&pageSize=50&status=queued&sort=-dateIn',
        RUNS,
      ),
      'list: all orders, page 1': await time('/api/work-orders?page=1&pageSize=50', RUNS),
      'list: all orders, page 200': await time('/api/work-orders?page=200&pageSize=50', RUNS),
      'list: search "moore", page 1': await time('/api/work-orders?q=moore&pageSize=50', RUNS),
      'customer detail': await time('/api/customers/123', RUNS),
      'analytics summary, cold': await time('/api/analytics/summary', 5),
      'analytics trends (12 months), cold': await time('/api/analytics/trends?months=12', 5),
    }
    await app.close()
    await database.close()
    for (const [name, l] of Object.entries(latency))
      console.log(
        `  ${name.padEnd(40)} p50 ${String(l.p50).padStart(7)} ms  p99 ${String(l.p99).padStart(7)} ms`,
      )

    const out = path.join(work, `export-${size}.csv`)
    const exported = await runCli(['dist/cli/export.js', 'work-orders', '--out', out], { DATABASE_URL: url })
    const rows = readFileSync(out, 'utf8').split('\n').length - 2 // header and the final newline
    const exportResult = {
      rows,
      seconds: round(exported.seconds),
      rowsPerS: Math.round(rows / exported.seconds),
      peakRssMb: exported.peakRssMb,
      fileMb: round(statSync(out).size / 2 ** 20),
    }
    rmSync(out)
    console.log(
      `  CSV export: ${rows} rows in ${exportResult.seconds} s (${exportResult.rowsPerS} rows/s), peak RSS ${exportResult.peakRssMb} MB`,
    )
    results.push({ workOrders: size, seedSeconds, latencyMs: latency, export: exportResult })
  }

  // --- legacy import into an empty database ------------------------------------------------------------------
  const importOrders = Number(values['import-orders'])
  const data = generateShopData({ customers: importOrders / 5, workOrders: importOrders, seed: 2 })
  const mdY = (d: string | null | undefined) =>
    d ? `${d.slice(5, 7)}/${d.slice(8, 10)}/${d.slice(0, 4)}` : ''
  const files = {
    sources: stringify(
      data.sources.map((s) => ({ SSource: s.name, SourceCity: s.city ?? '', SourceState: s.state ?? '' })),
      { header: true },
    ),
    customers: stringify(
      data.customers.map((c) => ({
        CustID: c.customerNo,
        Name: c.name,
        Contact: c.contact ?? '',
        Address: c.address ?? '',
        City: c.city ?? '',
        State: c.state ?? '',
        ZipCode: c.zip ?? '',
        HomePhone: c.homePhone ?? '',
        EmailAddress: c.email ?? '',
        Source: c.sourceIndex === null ? '' : data.sources[c.sourceIndex]?.name,
      })),
      { header: true },
    ),
    'work-orders': stringify(
      data.workOrders.map((w) => ({
        WorkOrderNo: w.workOrderNo,
        CustID: data.customers[w.customerIndex]?.customerNo,
        WOName: w.name ?? '',
        DateIn: mdY(w.dateIn),
        DateRequired: mdY(w.dateRequired),
        DateCompleted: mdY(w.dateCompleted),
        RushOrder: w.rush ? 'True' : 'False',
        FirmRush: w.firmRush ? 'True' : 'False',
        SpecialInstructions: w.specialInstructions ?? '',
      })),
      { header: true },
    ),
    items: stringify(
      data.workOrders.flatMap((w) =>
        w.items.map((it) => ({
          WorkOrderNo: w.workOrderNo,
          CustID: data.customers[w.customerIndex]?.customerNo,
          Description: it.description,
          Material: it.material ?? '',
          Qty: it.quantity,
          SizeWgt: it.sizeText ?? '',
          Price: it.unitPrice === null ? '' : `$${it.unitPrice.toFixed(2)}`,
        })),
      ),
      { header: true },
    ),
  }
  const importUrl = await createDatabase('scale_import')
  await runCli(['dist/cli/db.js', 'prod', 'upgrade', 'head'], { DATABASE_URL: importUrl })
  const imported: Record<string, unknown> = {}
  console.log(`\nlegacy CSV import into an empty database`)
  for (const [kind, text] of Object.entries(files)) {
    const file = path.join(work, `${kind}.csv`)
    writeFileSync(file, text)
    const rows = text.split('\n').length - 2
    const r = await runCli(['dist/cli/import.js', kind, file], { DATABASE_URL: importUrl })
    if (!/ 0 failed/.test(r.stdout))
      throw new Error(`import ${kind}: ${r.stdout}\n${r.stderr.slice(0, 2000)}`)
    imported[kind] = {
      rows,
      seconds: round(r.seconds),
      rowsPerS: Math.round(rows / r.seconds),
      peakRssMb: r.peakRssMb,
    }
    console.log(
      `  ${kind.padEnd(12)} ${rows} rows in ${round(r.seconds)} s (${Math.round(rows / r.seconds)} rows/s), peak RSS ${r.peakRssMb} MB`,
    )
  }

  mkdirSync(path.join(ROOT, 'bench/results'), { recursive: true })
  const file = path.join(ROOT, `bench/results/scale-${new Date().toISOString().slice(0, 10)}.json`)
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
        method: `latency: ${RUNS} sequential requests through the whole app (inject) after 3 warm-ups, 5 for analytics; export and import: the built CLIs, peak RSS from VmHWM`,
        sizes: results,
        import: imported,
      },
      null,
      2,
    )}\n`,
  )
  console.log(`\nwrote ${path.relative(ROOT, file)}`)
} finally {
  rmSync(work, { recursive: true, force: true })
  execFileSync(path.join(ROOT, 'scripts/pg-throwaway.sh'), ['stop', pgEnv.PG_TMPDIR as string])
}
process.exit(0)
