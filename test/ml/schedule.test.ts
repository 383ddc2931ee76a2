import { sql } from 'drizzle-orm'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { buildApp } from '../../src/app.js'
import { loadConfig } from '../../src/config.js'
import { seedEmptyDatabase } from '../../src/seed/seed-empty.js'
import { createTestApp } from '../helpers/app.js'
import { queryRows } from '../helpers/database.js'

// Every second (node-cron's six-field form), on two instances sharing one database.
const EVERY_SECOND = '* * * * * *'

describe('the in-process retrain schedule', () => {
  let ctx: Awaited<ReturnType<typeof createTestApp>>
  let second: Awaited<ReturnType<typeof buildApp>> | undefined
  beforeAll(async () => {
    const env = { ML_RETRAIN_SCHEDULE: EVERY_SECOND, ML_MIN_SAMPLES: '10' }
    ctx = await createTestApp({ env })
    await seedEmptyDatabase(ctx.app.db, { customers: 30, workOrders: 160, seed: 9 })
    const config = loadConfig({ DATA_DIR: ctx.testDb.dataDir, MIGRATE_ON_START: 'false', ...env })
    second = await buildApp({ config, database: ctx.database, logger: { level: 'silent' } })
    await second.ready()
  })
  afterAll(async () => {
    await second?.close()
    await ctx.close()
  })

  it('trains through the same path as the route, one instance per slot', async () => {
    const deadline = Date.now() + 20_000
    let runs: { schedule_slot: string; triggered_by: string; status: string }[] = []
    while (Date.now() < deadline) {
      runs = await queryRows<(typeof runs)[number]>(
        ctx.app.db,
        sql`SELECT schedule_slot, triggered_by, status::text AS status FROM ml_runs ORDER BY started_at`,
      )
      if (runs.filter((r) => r.status === 'completed').length >= 2) break
      await new Promise((r) => setTimeout(r, 200))
    }
    await second?.close()
    second = undefined
    expect(runs.filter((r) => r.status === 'completed').length, JSON.stringify(runs)).toBeGreaterThanOrEqual(
      2,
    )
    expect(runs.every((r) => r.triggered_by === 'schedule' && r.schedule_slot.startsWith('schedule:'))).toBe(
      true,
    )
    // The slot is unique: two instances firing for the same second never both train.
    expect(new Set(runs.map((r) => r.schedule_slot)).size).toBe(runs.length)
    // Before each retrain the nightly snapshot ran, also once per slot (its own claim, issue 19).
    const snapshotRuns = await queryRows<{ slot: string }>(ctx.app.db, sql`SELECT slot FROM ml_snapshot_runs`)
    expect(snapshotRuns.length).toBeGreaterThanOrEqual(1)
    expect(snapshotRuns.every((r) => r.slot.startsWith('snapshot:'))).toBe(true)
    const status = await ctx.app.ml.status()
    expect(status.active?.triggeredBy).toBe('schedule')
    expect(status.schedule).toEqual({ expression: EVERY_SECOND, timezone: 'UTC' })
  }, 30_000)
})
