// Times the work-order list (the API's repository, same SQL) on the first and on deep pages, and the
// customer detail, against DATABASE_URL (or the embedded database), seeding demo data if it is empty.
//   DATABASE_URL=postgres://… npx tsx bench/list-pages.ts [--work-orders 100000] [--customers 20000]
import { parseArgs } from 'node:util'
import { loadConfig } from '../src/config.js'
import { openDatabase } from '../src/db/index.js'
import { createMigrator } from '../src/db/migrator.js'
import { createCustomersRepository } from '../src/repositories/customers.js'
import { createWorkOrdersRepository } from '../src/repositories/work-orders.js'
import { seedEmptyDatabase } from '../src/seed/seed-empty.js'

const { values } = parseArgs({
  options: {
    'work-orders': { type: 'string', default: '100000' },
    customers: { type: 'string', default: '20000' },
  },
})
const config = loadConfig(process.env, { requireSecretKey: false })
const database = await openDatabase(config.database, { warn: () => {}, error: () => {} })
await createMigrator(database).upgrade()
const orders = createWorkOrdersRepository(database.db)
if ((await orders.list({ page: 1, pageSize: 1, filters: {} })).total === 0) {
  const started = Date.now()
  await seedEmptyDatabase(database.db, {
    customers: Number(values.customers),
    workOrders: Number(values['work-orders']),
    seed: 1,
  })
  console.log(`seeded in ${((Date.now() - started) / 1000).toFixed(1)} s`)
}

async function time(label: string, fn: () => Promise<unknown>, runs = 20) {
  await fn()
  const samples: number[] = []
  for (let i = 0; i < runs; i++) {
    const t = performance.now()
    await fn()
    samples.push(performance.now() - t)
  }
  samples.sort((a, b) => a - b)
  const p50 = samples[Math.floor(runs / 2)] ?? 0
  console.log(`${label.padEnd(58)} p50 ${p50.toFixed(1)} ms  max ${(samples.at(-1) ?? 0).toFixed(1)} ms`)
}

const total = (await orders.list({ page: 1, pageSize: 50, filters: {} })).total
const lastPage = Math.ceil(total / 50)
console.log(`${total} work orders (${database.description})`)
await time('list page 1, sort -dateIn', () =>
  orders.list({ page: 1, pageSize: 50, sort: '-dateIn', filters: {} }),
)
await time(`list page ${Math.floor(lastPage / 2)} (middle), sort -dateIn`, () =>
  orders.list({ page: Math.floor(lastPage / 2), pageSize: 50, sort: '-dateIn', filters: {} }),
)
await time(`list page ${lastPage} (last), sort -dateIn`, () =>
  orders.list({ page: lastPage, pageSize: 50, sort: '-dateIn', filters: {} }),
)
await time('list filter status=queued, rush=true, sort customerName', () =>
  orders.list({ page: 1, pageSize: 50, sort: 'customerName', filters: { status: 'queued', rush: 'true' } }),
)
await time('list q=marina (trigram search)', () =>
  orders.list({ page: 1, pageSize: 50, q: 'marina', filters: {} }),
)
const customers = createCustomersRepository(database.db)
await time('customer detail (eager: source, catalog, recent orders)', () => customers.detail(1))
await database.close()
