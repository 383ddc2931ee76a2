import { createWriteStream } from 'node:fs'
import { pipeline } from 'node:stream/promises'
import { parseArgs } from 'node:util'
import { loadConfig } from '../config.js'
import { workOrdersCsv } from '../csv/export.js'
import { openDatabase } from '../db/index.js'

const USAGE = `Usage: npm run export -- work-orders --out <file.csv>

Streams every work order to CSV (WorkOrderNo, CustomerName, Status, Price, DateIn, DateCompleted, Source, …)
in constant memory, from DATABASE_URL / RDS_* or the embedded database in DATA_DIR. "--out -" writes to stdout.`

async function main() {
  const { positionals, values } = parseArgs({ allowPositionals: true, options: { out: { type: 'string' } } })
  if (positionals[0] !== 'work-orders' || !values.out) {
    console.error(USAGE)
    process.exit(2)
  }
  const config = loadConfig(process.env, { requireSecretKey: false })
  const database = await openDatabase(config.database, {
    warn: (_o, msg) => console.warn(`warning: ${msg}`),
    error: (_o, msg) => console.error(`error: ${msg}`),
  })
  try {
    const out = values.out === '-' ? process.stdout : createWriteStream(values.out)
    await pipeline(workOrdersCsv(database.db, { filters: {} }), out)
    if (values.out !== '-') console.error(`wrote ${values.out}`)
  } finally {
    await database.close()
  }
}

try {
  await main()
} catch (err) {
  console.error(`error: ${(err as Error).message}`)
  process.exit(1)
}
