import { createWriteStream } from 'node:fs'
import { pipeline } from 'node:stream/promises'
import { parseArgs } from 'node:util'
import { workOrdersCsv } from '../csv/export.js'
import { runCommand, withDatabase } from './shared.js'

const USAGE = `Usage: npm run export -- work-orders --out <file.csv>

Streams every work order to CSV (WorkOrderNo, CustomerName, Status, Price, DateIn, DateCompleted, Source, …)
in constant memory, from DATABASE_URL / RDS_* or the embedded database in DATA_DIR. "--out -" writes to stdout.`

async function main() {
  const { positionals, values } = parseArgs({ allowPositionals: true, options: { out: { type: 'string' } } })
  const file = values.out
  if (positionals[0] !== 'work-orders' || !file) {
    console.error(USAGE)
    process.exit(2)
  }
  await withDatabase(async (database) => {
    const out = file === '-' ? process.stdout : createWriteStream(file)
    await pipeline(workOrdersCsv(database.db, { filters: {} }), out)
    if (file !== '-') console.error(`wrote ${file}`)
  })
}

await runCommand(main)
