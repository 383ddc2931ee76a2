// Trains the turnaround and price models the way the cron retrain does (records from the database,
// training in a worker thread) on demo data of the given size, and times predictions (the one context
// statement plus the model, after a warm-up pass). Against DATABASE_URL, or a fresh embedded database in a temp directory.
//   npx tsx --expose-gc bench/ml.ts [--work-orders 50000] [--customers 8000] [--configs baseline,boosted,auto]
import { mkdtempSync } from 'node:fs'
import { loadavg, tmpdir } from 'node:os'
import path from 'node:path'
import { parseArgs } from 'node:util'
import { loadConfig } from '../src/config.js'
import { openDatabase } from '../src/db/index.js'
import { createMigrator } from '../src/db/migrator.js'
import { createPredictor, type StoredModel } from '../src/ml/predict.js'
import { trainInWorker } from '../src/ml/run-in-worker.js'
import type { TrainingConfig } from '../src/ml/train.js'
import { createMlDataRepository } from '../src/repositories/ml-data.js'
import { seedEmptyDatabase } from '../src/seed/seed-empty.js'
import { createPredictionService } from '../src/services/ml-predictions.js'

const { values } = parseArgs({
  options: {
    'work-orders': { type: 'string', default: '50000' },
    customers: { type: 'string', default: '8000' },
    configs: { type: 'string', default: 'baseline,boosted,auto' },
  },
})
const env = process.env.DATABASE_URL
  ? process.env
  : { DATA_DIR: mkdtempSync(path.join(tmpdir(), 'bench-ml-')) }
const config = loadConfig(env, { requireSecretKey: false })
const database = await openDatabase(config.database, { warn: () => {}, error: () => {} })
await createMigrator(database).upgrade()
const data = createMlDataRepository(database.db)

let records = await data.records()
if (records.length === 0) {
  const t = Date.now()
  await seedEmptyDatabase(database.db, {
    customers: Number(values.customers),
    workOrders: Number(values['work-orders']),
    seed: 1,
  })
  console.log(`seeded ${values['work-orders']} work orders in ${((Date.now() - t) / 1000).toFixed(1)} s`)
}
let t = Date.now()
records = await data.records()
console.log(`${records.length} work orders (${database.description}); loaded in ${Date.now() - t} ms`)

const fmt = (m: { mae: number; rmse: number; r2: number }) =>
  `MAE ${m.mae.toFixed(2)} RMSE ${m.rmse.toFixed(2)} R² ${m.r2.toFixed(3)}`
let last: Awaited<ReturnType<typeof trainInWorker>> | undefined
for (const cfg of values.configs.split(',') as TrainingConfig[]) {
  t = Date.now()
  const cpu = process.cpuUsage()
  const result = await trainInWorker(records, cfg, 600_000)
  const seconds = ((Date.now() - t) / 1000).toFixed(1)
  // CPU time (all threads) beside the wall clock: on a shared machine the wall clock includes others' load.
  const used = process.cpuUsage(cpu)
  const cpuSeconds = ((used.user + used.system) / 1e6).toFixed(1)
  console.log(
    `\n${cfg}: trained in ${seconds} s (CPU ${cpuSeconds} s, load ${loadavg()[0]?.toFixed(1)}) on ${result.samples} completed orders (worker thread)`,
  )
  for (const target of ['days', 'price'] as const) {
    const r = result.targets[target]
    const cut = 1 - r.metrics.mae / r.naive.mae
    console.log(
      `  ${target.padEnd(5)} ${`${r.algorithm}/${r.transform}`.padEnd(16)} holdout ${fmt(r.metrics)} | naive ${fmt(r.naive)} | ` +
        `MAE ${(cut * 100).toFixed(0)}% below naive | 80% interval ${r.interval.low.toFixed(1)}..+${r.interval.high.toFixed(1)}`,
    )
    for (const c of r.candidates)
      console.log(`        candidate ${`${c.algorithm}/${c.transform}`.padEnd(16)} ${fmt(c.metrics)}`)
  }
  console.log(`  model JSON ${(JSON.stringify(result.targets).length / 1024).toFixed(0)} KB`)
  last = result
}

if (last) {
  const predictor = createPredictor({
    id: 0,
    trainedAt: new Date(),
    featureNames: last.featureNames,
    metrics: last.targets,
    model: { days: last.targets.days.model, price: last.targets.price.model },
  } satisfies StoredModel)
  const open = records.filter((r) => r.status !== 'completed' && r.status !== 'cancelled').slice(0, 200)
  const sample = open.length ? open : records.slice(-200)
  // The 50k loaded records are the training's, not the server's: dropped before timing, so a major GC of
  // this process's training heap is not counted as prediction time.
  records = []
  globalThis.gc?.()
  const today = new Date().toISOString().slice(0, 10)
  // A warm-up pass over the sample first, as the pages bench warms up: each pooled connection prepares the
  // context statement once, and the shop's record as of the day is read once a minute.
  const time = async (label: string, fn: (i: number) => Promise<unknown> | unknown, runs: number) => {
    for (let i = 0; i < sample.length; i++) await fn(i)
    const ms: number[] = []
    for (let i = 0; i < runs; i++) {
      const s = performance.now()
      await fn(i)
      ms.push(performance.now() - s)
    }
    ms.sort((a, b) => a - b)
    const q = (p: number) => (ms[Math.min(ms.length - 1, Math.floor(p * ms.length))] as number).toFixed(3)
    console.log(`${label.padEnd(52)} p50 ${q(0.5)} ms  p99 ${q(0.99)} ms  (${runs} runs)`)
  }
  const contexts = await Promise.all(
    sample.map((r) =>
      data.context({
        customerId: r.customerId,
        sourceId: r.sourceId,
        asOf: today,
        excludeId: r.id,
        items: r.facts.items,
      }),
    ),
  )
  console.log('')
  await time(
    'predict, model only (features + both targets)',
    (i) => {
      const k = i % sample.length
      return predictor.predict((sample[k] as (typeof sample)[number]).facts, contexts[k] as never, today)
    },
    5000,
  )
  // The service's path: one context statement, the source's record from its per-instance cache.
  const service = createPredictionService({ db: database.db, timeZone: 'UTC' })
  await time(
    'predict, with the context statement (service path)',
    async (i) => {
      const r = sample[i % sample.length] as (typeof sample)[number]
      const own = {
        dateIn: r.facts.dateIn,
        dateCompleted: r.dateCompleted,
        cancelled: r.status === 'cancelled',
      }
      const who = { customerId: r.customerId, sourceId: r.sourceId, excludeId: r.id, own }
      // With the items: the item-level price model looks up each piece's earlier catalog price.
      return predictor.predict(r.facts, await service.contextOf(who, today, r.facts.items), today)
    },
    2000,
  )
}
await database.close()
