import { Readable } from 'node:stream'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { LEGACY_KINDS, legacyCsvSet } from '../../bench/legacy-csv.js'
import { backtest } from '../../src/ml/backtest.js'
import { createMlDataRepository } from '../../src/repositories/ml-data.js'
import { importLegacyCsv } from '../../src/services/csv-import.js'
import { createTestApp } from '../helpers/app.js'

// Issue 19: the backtest works on data loaded through the legacy import (legacy values, unpriced items, odd
// sizes), as bench/backtest-imported.ts does at scale.
describe('backtest on imported legacy data', { timeout: 240_000 }, () => {
  let ctx: Awaited<ReturnType<typeof createTestApp>>

  beforeAll(async () => {
    ctx = await createTestApp()
    const files = legacyCsvSet({ workOrders: 1500, seed: 3 })
    for (const kind of LEGACY_KINDS) {
      const report = await importLegacyCsv(ctx.app.db, kind, Readable.from([files[kind].text]))
      expect(report.failed, kind).toBe(0)
    }
  }, 240_000)
  afterAll(() => ctx?.close())

  it('scores the newest half-year against the naive baseline, leaving out unknown outcomes', async () => {
    const records = await createMlDataRepository(ctx.app.db).records()
    const newest = records.map((r) => r.facts.dateIn).reduce((a, b) => (a > b ? a : b))
    const from = new Date(Date.parse(newest) - 182 * 86_400_000).toISOString().slice(0, 10)
    const report = backtest(records, { from, to: newest, config: 'baseline' })
    expect(report.trainedOn).toBeGreaterThan(100)
    expect(report.rows.length).toBeGreaterThan(50)
    for (const target of ['days', 'price'] as const) {
      const s = report.scores[target]
      expect(s, target).not.toBeNull()
      for (const v of [s?.model.mae, s?.model.rmse, s?.model.r2, s?.naive.mae])
        expect(Number.isFinite(v), target).toBe(true)
      expect(s?.model.mae, target).toBeLessThan(s?.naive.mae ?? 0)
    }
    // Open orders have no turnaround yet and unpriced ones no price: scored on what is known only.
    const known = (k: 'actualDays' | 'actualPrice') => report.rows.filter((r) => r[k] !== null).length
    expect(report.scores.days?.model.n).toBe(known('actualDays'))
    expect(report.scores.price?.model.n).toBe(known('actualPrice'))
    expect(known('actualPrice')).toBeLessThan(report.rows.length)
    for (const r of report.rows) {
      expect(Number.isFinite(r.predictedDays) && Number.isFinite(r.predictedPrice)).toBe(true)
      expect(r.daysLow).toBeLessThanOrEqual(r.daysHigh)
    }
  })
})
