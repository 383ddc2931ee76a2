import { parse } from 'csv-parse/sync'
import { describe, expect, it } from 'vitest'
import { reportCsv, reportLines } from '../../src/cli/ml-backtest-report.js'
import { backtest, recordsAsOf } from '../../src/ml/backtest.js'
import type { OrderRecord } from '../../src/ml/train.js'
import { facts } from './fixtures.js'

const day = (d: string, plus: number) =>
  new Date(Date.parse(`${d}T00:00:00Z`) + plus * 86_400_000).toISOString().slice(0, 10)
const order = (id: number, dateIn: string, days: number | null, unit: number | null): OrderRecord => ({
  id,
  customerId: 1 + (id % 3),
  sourceId: null,
  status: days === null ? 'in_progress' : 'completed',
  dateCompleted: days === null ? null : day(dateIn, days),
  price: unit === null ? null : 2 * unit, // the fixture's item: quantity 2
  unitPrices: [unit],
  facts: facts({ dateIn }),
})

// Ten orders completed before the window; one that came in before it but completed inside it (unknown on
// --from); three in the window (one still open, unpriced); one after it.
const DAYS = [2, 4, 6, 2, 4, 6, 2, 4, 6, 2] // mean 3.8
const records: OrderRecord[] = [
  ...DAYS.map((d, i) => order(i + 1, day('2026-01-05', i), d, 50 + 5 * i)), // prices 100..190, mean 145
  order(11, '2026-02-20', 13, 90),
  order(12, '2026-03-02', 3, 60),
  order(13, '2026-03-05', 7, 80),
  order(14, '2026-03-09', null, null),
  order(15, '2026-03-20', 4, 70),
]

describe('the backtest, against a hand computation', () => {
  const report = backtest(records, { from: '2026-03-01', to: '2026-03-10', config: 'baseline' })

  it('trains only on what was known on --from', () => {
    expect(report.trainedOn).toBe(10)
    const known = recordsAsOf(records, '2026-03-01')
    expect(known.map((r) => r.id)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11])
    expect(known.find((r) => r.id === 11)).toMatchObject({
      status: 'in_progress',
      dateCompleted: null,
      price: null,
    })
  })

  it('predicts every order that came in within the window', () => {
    expect(report.rows.map((r) => [r.id, r.actualDays, r.actualPrice])).toEqual([
      [12, 3, 120],
      [13, 7, 160],
      [14, null, null],
    ])
  })

  it('scores the naive baseline as computed by hand', () => {
    // days: actual 3, 7 against the training mean 3.8 → errors 0.8, 3.2
    const days = report.scores.days?.naive
    expect(days?.mae).toBeCloseTo(2, 9)
    expect(days?.rmse).toBeCloseTo(Math.sqrt((0.64 + 10.24) / 2), 9)
    expect(days?.r2).toBeCloseTo(1 - 10.88 / 8, 9)
    // price: actual 120, 160 against 145 → errors 25, 15
    const price = report.scores.price?.naive
    expect(price?.mae).toBeCloseTo(20, 9)
    expect(price?.rmse).toBeCloseTo(Math.sqrt(425), 9)
    expect(price?.r2).toBeCloseTo(1 - 850 / 800, 9)
  })

  it('prints and writes the model’s figures as the CSV rows give them by hand', () => {
    const rows = parse(reportCsv(report), { columns: true }) as Record<string, string>[]
    expect(rows.map((r) => r.work_order_id)).toEqual(['12', '13', '14'])
    expect(rows[2]?.actual_days).toBe('')
    const scored = rows.filter((r) => r.actual_days !== '')
    const errors = scored.map((r) => Number(r.actual_days) - Number(r.predicted_days))
    const mae = errors.reduce((s, e) => s + Math.abs(e), 0) / errors.length
    const rmse = Math.sqrt(errors.reduce((s, e) => s + e * e, 0) / errors.length)
    expect(report.scores.days?.model.mae).toBeCloseTo(mae, 9)
    expect(report.scores.days?.model.rmse).toBeCloseTo(rmse, 9)
    const lines = reportLines(report)
    expect(lines[0]).toBe(
      'backtest 2026-03-01 .. 2026-03-10, config baseline: trained on 10 orders completed before 2026-03-01; 3 orders came in within the window',
    )
    expect(lines[2]).toContain(`model MAE ${mae.toFixed(2)} RMSE ${rmse.toFixed(2)}`)
    expect(lines[2]).toContain('naive MAE 2.00 RMSE 2.33 R² -0.360')
    expect(lines[3]).toContain('naive MAE 20.00 RMSE 20.62 R² -0.063')
  })

  it('predicts each window order as of its own date in: later records change nothing', () => {
    const later = records.map((r) => (r.id === 15 ? { ...r, unitPrices: [999], price: 1998 } : r))
    const again = backtest(later, { from: '2026-03-01', to: '2026-03-10', config: 'baseline' })
    expect(again.rows).toEqual(report.rows)
  })
})
