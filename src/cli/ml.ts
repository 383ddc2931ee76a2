import { writeFileSync } from 'node:fs'
import { parseArgs } from 'node:util'
import { backtest } from '../ml/backtest.js'
import type { TrainingConfig } from '../ml/train.js'
import { createMlDataRepository } from '../repositories/ml-data.js'
import { reportCsv, reportLines } from './ml-backtest-report.js'
import { runCommand, withDatabase } from './shared.js'

const USAGE = `Usage: npm run ml -- backtest --from YYYY-MM-DD --to YYYY-MM-DD [--config auto|baseline|boosted] [--out file.csv]

Trains on the orders completed before --from, predicts every order that came in from --from to --to as of
its own date in (the backlog, the customer's record and catalog prices as they were that day), prints MAE /
RMSE / R² per target beside the naive baseline, and writes each order's predictions to the CSV
(default backtest-<from>-<to>.csv). Uses DATABASE_URL / RDS_* like the server, or the embedded database in
DATA_DIR (stop the server first).`

async function main() {
  const { values, positionals } = parseArgs({
    allowPositionals: true,
    options: {
      from: { type: 'string' },
      to: { type: 'string' },
      config: { type: 'string', default: 'auto' },
      out: { type: 'string' },
      help: { type: 'boolean' },
    },
  })
  const config = values.config as TrainingConfig
  if (
    values.help ||
    positionals[0] !== 'backtest' ||
    !values.from ||
    !values.to ||
    !['auto', 'baseline', 'boosted'].includes(config)
  ) {
    console.error(USAGE)
    process.exit(2)
  }
  const { from, to } = values as { from: string; to: string }
  const out = values.out ?? `backtest-${from}-${to}.csv`
  await withDatabase(async (database) => {
    const started = Date.now()
    const records = await createMlDataRepository(database.db).records()
    const report = backtest(records, { from, to, config })
    for (const line of reportLines(report)) console.log(line)
    writeFileSync(out, reportCsv(report))
    console.log(`per-order predictions: ${out} (${((Date.now() - started) / 1000).toFixed(1)} s)`)
  })
}

await runCommand(main)
