// The navigation badge's cost when its cache misses: the pending count and the pending list's first page on a
// table of many closed check-ins and a few pending ones. Fills a scratch database (migrates it first).
//   DATABASE_URL=postgres://…/scratch npx tsx bench/check-ins-badge.ts [--rows 100000] [--pending 200]
import { parseArgs } from 'node:util'
import { sql } from 'drizzle-orm'
import { loadConfig } from '../src/config.js'
import { openDatabase } from '../src/db/index.js'
import { createMigrator } from '../src/db/migrator.js'
import { createCheckInsRepository } from '../src/repositories/check-ins.js'

const { values } = parseArgs({ options: { rows: { type: 'string' }, pending: { type: 'string' } } })
const rows = Number(values.rows ?? 100_000)
const pending = Number(values.pending ?? 200)
const config = loadConfig({ ...process.env, SECRET_KEY: 'bench-only-0123456789-abcdefghijklmnopqrst' })
let captured: { sql: string; params: unknown[] }[] = []
const database = await openDatabase(
  config.database,
  { warn() {}, error() {} },
  { onQuery: (text, params) => captured.push({ sql: text, params }) },
)
await createMigrator(database).upgrade()
const { db } = database
await db.execute(sql`TRUNCATE check_ins CASCADE`)
await db.execute(
  sql`INSERT INTO customers (customer_no, name) VALUES (990001, 'Bench customer') ON CONFLICT DO NOTHING`,
)
await db.execute(sql`
  INSERT INTO check_ins (customer_id, state, date_in)
  SELECT (SELECT id FROM customers WHERE customer_no = 990001),
         CASE WHEN g <= ${pending} THEN 'pending'::check_in_state
              WHEN g % 10 = 0 THEN 'cancelled'::check_in_state ELSE 'converted'::check_in_state END,
         DATE '2020-01-01' + (g % 2000)
  FROM generate_series(1, ${rows}) g`)
await db.execute(sql`ANALYZE check_ins`)

const repo = createCheckInsRepository(db)
async function timed(label: string, run: () => Promise<unknown>, times = 200) {
  await run()
  captured = []
  await run()
  const statements = [...captured]
  const ms: number[] = []
  for (let i = 0; i < times; i++) {
    const t = performance.now()
    await run()
    ms.push(performance.now() - t)
  }
  ms.sort((a, b) => a - b)
  const p = (q: number) => (ms[Math.floor(q * (ms.length - 1))] ?? 0).toFixed(2)
  console.log(`${label}: median ${p(0.5)} ms, p95 ${p(0.95)} ms over ${times} calls`)
  for (const statement of statements) {
    const plan = await database.withSession((s) =>
      s.query<{ 'QUERY PLAN': string }>(`EXPLAIN (ANALYZE, BUFFERS) ${statement.sql}`, statement.params),
    )
    for (const line of plan) console.log(`  ${line['QUERY PLAN']}`)
  }
}
console.log(`${rows} check-ins, ${pending} pending`)
await timed('pending count (the badge on a cache miss)', () => repo.countPending())
await timed('pending list, first page of 50', () =>
  repo.list({ page: 1, pageSize: 50, filters: { state: 'pending' } }),
)
await database.close()
