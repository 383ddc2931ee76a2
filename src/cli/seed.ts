import { parseArgs } from 'node:util'
import { seedEmptyDatabase } from '../seed/seed-empty.js'
import { runCommand, withDatabase } from './shared.js'

const USAGE = `Usage: npm run seed -- [--customers N] [--work-orders M] [--seed S] [--today YYYY-MM-DD]

Loads realistic, deterministic demo data (same seed, same data) into an EMPTY database: DATABASE_URL / RDS_*,
or the embedded database in DATA_DIR (stop the server first). Defaults: 500 customers, 3000 work orders, seed 1.`

async function main() {
  const { values } = parseArgs({
    options: {
      customers: { type: 'string', default: '500' },
      'work-orders': { type: 'string', default: '3000' },
      seed: { type: 'string', default: '1' },
      today: { type: 'string' },
      help: { type: 'boolean' },
    },
  })
  const customers = Number(values.customers)
  const orders = Number(values['work-orders'])
  const seed = Number(values.seed)
  const valid = [customers, orders, seed].every((n) => Number.isInteger(n) && n >= 0) && customers > 0
  if (values.help || !valid) {
    console.error(USAGE)
    process.exit(2)
  }
  await withDatabase(async (database) => {
    const started = Date.now()
    const counts = await seedEmptyDatabase(database.db, {
      customers,
      workOrders: orders,
      seed,
      ...(values.today ? { today: values.today } : {}),
    })
    console.log(
      `loaded ${counts.sources} sources, ${counts.customers} customers, ${counts.workOrders} work orders, ` +
        `${counts.items} items in ${((Date.now() - started) / 1000).toFixed(1)} s`,
    )
  })
}

await runCommand(main)
