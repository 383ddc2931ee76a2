// The backtest on data loaded through the legacy import (issue 19: "the backtest command works on imported
// legacy data"): a messy legacy CSV set (bench/legacy-csv.ts) is loaded through the import CLI into a throwaway
// PostgreSQL, then `npm run ml -- backtest` runs on the newest half-year of it. Prints the command's report and
// records it in bench/results/backtest-imported-<date>.json. Runs the sources with tsx (no build needed).
//
//   npx tsx bench/backtest-imported.ts [--work-orders 20000] [--seed 2] [--config auto] [--server-url <pg url>]
import { execFileSync } from 'node:child_process'
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { parseArgs } from 'node:util'
import pg from 'pg'
import { writeLegacyCsvSet } from './legacy-csv.js'

const ROOT = path.resolve(import.meta.dirname, '..')
const SECRET_KEY = 'bench-secret-key-0123456789-abcdefghijklmnop'
const TSX = path.join(ROOT, 'node_modules/.bin/tsx')

const run = (args: string[], env: Record<string, string>) =>
  execFileSync(TSX, args, {
    cwd: ROOT,
    env: { ...process.env, ...env },
    encoding: 'utf8',
    maxBuffer: 64 * 1024 * 1024,
  })
const dayNumber = (d: string) => Date.parse(d) / 86_400_000
const dateOfDay = (n: number) => new Date(n * 86_400_000).toISOString().slice(0, 10)

const { values } = parseArgs({
  options: {
    'work-orders': { type: 'string', default: '20000' },
    seed: { type: 'string', default: '2' },
    config: { type: 'string', default: 'auto' },
    'server-url': { type: 'string' },
  },
})
const workOrders = Number(values['work-orders'])
const pgEnv = values['server-url']
  ? { TEST_DATABASE_URL: values['server-url'] }
  : Object.fromEntries(
      execFileSync(path.join(ROOT, 'scripts/pg-throwaway.sh'), ['start'], { encoding: 'utf8' })
        .trim()
        .split('\n')
        .map((l) => l.replace(/^export /, '').split('=') as [string, string]),
    )
const work = mkdtempSync(path.join(os.tmpdir(), 'awning-backtest-'))
try {
  const serverUrl = pgEnv.TEST_DATABASE_URL as string
  const dbName = 'backtest_imported'
  const admin = new pg.Client({ connectionString: serverUrl })
  await admin.connect()
  await admin.query(`DROP DATABASE IF EXISTS ${dbName} WITH (FORCE)`)
  await admin.query(`CREATE DATABASE ${dbName}`)
  await admin.end()
  const url = serverUrl.replace(/\/[^/]*$/, `/${dbName}`)
  const env = { DATABASE_URL: url, SECRET_KEY }

  let t = Date.now()
  const files = writeLegacyCsvSet(work, { workOrders, seed: Number(values.seed) })
  console.log(
    `legacy CSVs for ${workOrders} work orders written in ${((Date.now() - t) / 1000).toFixed(0)} s`,
  )
  run(['src/cli/db.ts', 'prod', 'upgrade', 'head'], env)
  const imports: Record<string, string> = {}
  for (const f of files) {
    t = Date.now()
    const out = run(['src/cli/import.ts', f.kind, f.file], env).trim().split('\n').at(-1) ?? ''
    imports[f.kind] = out
    console.log(`import ${f.kind}: ${out} (${((Date.now() - t) / 1000).toFixed(0)} s)`)
  }

  const client = new pg.Client({ connectionString: url })
  await client.connect()
  const { rows } = await client.query<{ newest: string; completed: number; unpriced: number }>(
    `SELECT max(date_in)::text AS newest,
            count(*) FILTER (WHERE status = 'completed')::int AS completed,
            count(*) FILTER (WHERE status = 'completed' AND EXISTS (
              SELECT 1 FROM work_order_items i WHERE i.work_order_id = w.id AND i.unit_price IS NULL))::int AS unpriced
       FROM work_orders w`,
  )
  await client.end()
  const newest = rows[0]?.newest as string
  const from = dateOfDay(dayNumber(newest) - 182)
  console.log(
    `loaded: newest date in ${newest}, ${rows[0]?.completed} completed orders (${rows[0]?.unpriced} with an unpriced item)`,
  )

  t = Date.now()
  const out = path.join(work, 'backtest.csv')
  const report = run(
    [
      'src/cli/ml.ts',
      'backtest',
      '--from',
      from,
      '--to',
      newest,
      '--config',
      String(values.config),
      '--out',
      out,
    ],
    env,
  )
  const seconds = (Date.now() - t) / 1000
  console.log(
    `\nnpm run ml -- backtest --from ${from} --to ${newest} --config ${values.config} (${seconds.toFixed(0)} s)`,
  )
  console.log(report)

  mkdirSync(path.join(ROOT, 'bench/results'), { recursive: true })
  const file = path.join(
    ROOT,
    `bench/results/backtest-imported-${new Date().toISOString().slice(0, 10)}.json`,
  )
  writeFileSync(
    file,
    `${JSON.stringify(
      {
        when: new Date().toISOString(),
        workOrders,
        seed: Number(values.seed),
        config: values.config,
        from,
        to: newest,
        imports,
        seconds,
        report: report.trim().split('\n'),
        machine: { cpus: os.cpus().length, loadavg: os.loadavg() },
      },
      null,
      2,
    )}\n`,
  )
  console.log(`recorded in ${path.relative(ROOT, file)}`)
} finally {
  rmSync(work, { recursive: true, force: true })
  if (pgEnv.PG_TMPDIR) execFileSync(path.join(ROOT, 'scripts/pg-throwaway.sh'), ['stop', pgEnv.PG_TMPDIR])
}
