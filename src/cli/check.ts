import { count, eq } from 'drizzle-orm'
import { loadConfig } from '../config.js'
import { configSummary } from '../config-summary.js'
import { openDatabase } from '../db/index.js'
import { createMigrator } from '../db/migrator.js'
import { workOrders } from '../models/index.js'
import { createMlRegistryRepository } from '../repositories/ml-registry.js'
import { driftLines } from './ml-drift.js'
import { consoleDbLog, printDatabaseLine, runCommand } from './shared.js'

const USAGE = `Usage: npm run check -- <db|ml|config>

  db       connect, print the server version, round-trip latency, pool settings and migration state
  ml       completed work orders vs ML_MIN_SAMPLES, the active model and its age, the last training runs
  config   the validated configuration, secrets shown only as set/unset (SECRET_KEY: where it comes from)

Uses DATABASE_URL / RDS_* like the server, or the embedded database in DATA_DIR (stop the server first).
On an instance: node dist/cli/check.js <db|ml|config>. Exits 1 when the check fails.`

const ms = (x: number) => `${x.toFixed(1)} ms`

async function main() {
  const what = process.argv[2]
  if (!what || !['db', 'ml', 'config'].includes(what)) {
    console.error(USAGE)
    process.exit(2)
  }
  const config = loadConfig(process.env, { requireSecretKey: false })
  if (what === 'config') {
    // The configuration alone: no connection, so it works while the embedded database is in use.
    printDatabaseLine(config.database, 'configured; not connected')
    console.log(JSON.stringify(configSummary(config), null, 2))
    return
  }
  if (what === 'ml') printDatabaseLine(config.database)
  const started = performance.now()
  const database = await openDatabase(config.database, consoleDbLog)
  try {
    if (what === 'db') {
      await database.ping(5000)
      console.log(`database: ${database.description} (connected in ${ms(performance.now() - started)})`)
      const [version] = await database.withSession((s) => s.query<{ version: string }>('SELECT version()'))
      console.log(`server: ${version?.version}`)
      const samples: number[] = []
      for (let i = 0; i < 5; i++) {
        const t = performance.now()
        await database.ping(5000)
        samples.push(performance.now() - t)
      }
      samples.sort((a, b) => a - b)
      console.log(
        `latency (5 pings): min ${ms(samples[0] ?? 0)}, median ${ms(samples[2] ?? 0)}, max ${ms(samples[4] ?? 0)}`,
      )
      if (config.database.kind === 'postgres')
        console.log(
          `pool: max ${config.database.poolMax} per instance, connect timeout ${config.database.connectTimeoutMs} ms, ` +
            `statement timeout ${config.database.statementTimeoutMs} ms`,
        )
      const { migrations, unknown } = await createMigrator(database).status()
      const pending = migrations.filter((m) => !m.applied).map((m) => m.tag)
      const newest = migrations.filter((m) => m.applied).at(-1)?.tag ?? '(none)'
      console.log(`migrations: ${newest}${pending.length ? `; pending: ${pending.join(', ')}` : ' (head)'}`)
      if (unknown.length) console.log(`warning: applied but not in this build: ${unknown.join(', ')}`)
      return
    }
    // ml
    const registry = createMlRegistryRepository(database.db)
    const [done] = await database.db
      .select({ n: count() })
      .from(workOrders)
      .where(eq(workOrders.status, 'completed'))
    const completed = done?.n ?? 0
    const enough = completed >= config.ml.minSamples
    console.log(
      `completed work orders: ${completed} (training needs >= ${config.ml.minSamples}: ${enough ? 'ok' : 'NOT ENOUGH'})`,
    )
    const active = await registry.activeSummary()
    if (!active) console.log('active model: none (train one: POST /ml/cron/retrain or POST /ml/train)')
    else {
      const age = (Date.now() - active.trainedAt.getTime()) / 3_600_000
      const m = active.metrics as Record<string, { algorithm: string; metrics: { mae: number; r2: number } }>
      const line = (t: string) =>
        m[t]
          ? `${t} ${m[t].algorithm} MAE ${m[t].metrics.mae.toFixed(2)} R² ${m[t].metrics.r2.toFixed(3)}`
          : `${t} ?`
      console.log(
        `active model: #${active.id} ${active.config}, trained ${active.trainedAt.toISOString()} ` +
          `(${age.toFixed(1)} h ago) on ${active.samples} orders by ${active.triggeredBy}; ${line('days')}; ${line('price')}`,
      )
    }
    const runs = await registry.runs.list(5)
    for (const r of runs) {
      const result = r.result as { code?: string; message?: string } | null
      console.log(
        `run ${r.id} ${r.status} ${r.config} by ${r.triggeredBy} at ${r.startedAt.toISOString()}` +
          (r.status === 'failed' && result ? `: ${result.code} ${result.message}` : ''),
      )
    }
    // issue 19: live MAE of the recorded predictions against the holdout MAE (the drift alarm).
    const drift = await driftLines(database.db, config)
    for (const l of drift.lines) console.log(l)
    if (!enough || drift.alarm) process.exitCode = 1
  } finally {
    await database.close()
  }
}

await runCommand(main)
