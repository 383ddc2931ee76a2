import { createReadStream } from 'node:fs'
import { IMPORT_KINDS, type ImportKind } from '../csv/import.js'
import { CHANGES_CHANNEL } from '../services/changes.js'
import { importLegacyCsv } from '../services/csv-import.js'
import { runCommand, withDatabase } from './shared.js'

const USAGE = `Usage: npm run import -- <sources|customers|work-orders|items|repair-orders|repair-items> <file.csv>

Imports a CSV exported from the legacy system (its column names: SSource…, CustID, Name…, WorkOrderNo,
DateIn…, Description, Qty, SizeWgt, Price…, RepairOrderNo, CUSTOMERPRICE, SEECLEAN…). Import in that order:
sources, customers, work orders, items, repair orders, repair items.
Rows are validated one by one and reported with line numbers; importing a file again updates, never duplicates.`

async function main() {
  const [kind, file] = process.argv.slice(2)
  if (!kind || !file || !IMPORT_KINDS.includes(kind as ImportKind)) {
    console.error(USAGE)
    process.exit(2)
  }
  await withDatabase(async (database) => {
    const started = Date.now()
    const report = await importLegacyCsv(database.db, kind as ImportKind, createReadStream(file))
    for (const w of report.warnings) console.error(`line ${w.line}: warning: ${w.warnings.join('; ')}`)
    for (const e of report.errors) console.error(`line ${e.line}: ${e.errors.join('; ')}`)
    const seconds = (Date.now() - started) / 1000
    console.log(
      `${report.rows} rows: ${report.inserted} inserted, ${report.updated} updated, ${report.failed} failed ` +
        `(${seconds.toFixed(1)} s, ${Math.round(report.rows / Math.max(seconds, 0.001))} rows/s)` +
        (report.createdSources.length ? `; created sources: ${report.createdSources.join(', ')}` : ''),
    )
    // Running instances drop their cached analytics and list totals, as after an import through the API.
    if (report.inserted + report.updated > 0) await database.notify(CHANGES_CHANNEL, 'import-command')
    if (report.failed > 0) process.exitCode = 1
  })
}

await runCommand(main)
