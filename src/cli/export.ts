import { createWriteStream } from 'node:fs'
import { pipeline } from 'node:stream/promises'
import { parseArgs } from 'node:util'
import { EXPORT_KINDS, type ExportKind } from '../csv/export.js'
import { exportCsv } from '../services/csv.js'
import { runCommand, withDatabase } from './shared.js'

const USAGE = `Usage: npm run export -- <work-orders|items|customers> --out <file.csv> [--q <text>] [--filter <name=value>]…

  work-orders  one row per order: WorkOrderNo, CustomerName, Status, Price, DateIn, DateCompleted, Source, …,
               the customer's HomePhone, WorkPhone, CellPhone and EmailAddress
  items        one row per item: WorkOrderNo, CustID, CustomerName, Description, SizeWgt, SquareFeet, Qty,
               Price (per item), LineTotal, … (filtered by the work order list's filters)
  customers    one row per customer with address and contact columns (the legacy customer columns)

--q and --filter take what the list takes (--filter status=completed --filter dateIn=2024-01-01..2024-12-31).
Streams in constant memory from DATABASE_URL / RDS_* or the embedded database in DATA_DIR. "--out -" writes
the CSV to stdout (the database line then goes to stderr).`

async function main() {
  const { positionals, values } = parseArgs({
    allowPositionals: true,
    options: {
      out: { type: 'string' },
      q: { type: 'string' },
      filter: { type: 'string', multiple: true, default: [] },
    },
  })
  const kind = positionals[0] as ExportKind
  const file = values.out
  const filters = values.filter.map((f) => /^(\w+)=(.*)$/.exec(f))
  if (!EXPORT_KINDS.includes(kind) || !file || positionals.length !== 1 || filters.some((f) => !f)) {
    console.error(USAGE)
    process.exit(2)
  }
  const params = {
    q: values.q,
    filters: Object.fromEntries(filters.map((f) => [f?.[1] ?? '', f?.[2]])),
  }
  const toStdout = file === '-'
  await withDatabase(
    async (database) => {
      // Built before the file is created, so a bad filter leaves no empty file behind.
      const csv = exportCsv(database.db, kind, params)
      await pipeline(csv, toStdout ? process.stdout : createWriteStream(file))
      if (!toStdout) console.log(`wrote ${file}`)
    },
    toStdout ? console.error : console.log,
  )
}

await runCommand(main)
