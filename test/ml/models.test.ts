import { describe, expect, it } from 'vitest'
import { FEATURE_NAMES, featureVector, materialGroup, weightLbs } from '../../src/ml/features.js'
import { DatedOrders } from '../../src/ml/history.js'
import { metrics, quantile } from '../../src/ml/metrics.js'
import { fitModel, loadModel } from '../../src/ml/models/index.js'
import { TrainingTimeoutError, trainInWorker } from '../../src/ml/run-in-worker.js'
import { type OrderRecord, train, trainingRows } from '../../src/ml/train.js'
import { activationDecision } from '../../src/services/ml-training.js'
import { facts } from './fixtures.js'

const at = (name: string, v: number[]) => v[FEATURE_NAMES.indexOf(name)]

describe('metrics', () => {
  it('equal the hand computation on a tiny dataset', () => {
    // errors 1, 0, -2: MAE 1; MSE 5/3; mean 5, SST 8, SSE 5 → R² 0.375
    const m = metrics([3, 5, 7], [2, 5, 9])
    expect(m.mae).toBeCloseTo(1, 12)
    expect(m.rmse).toBeCloseTo(Math.sqrt(5 / 3), 12)
    expect(m.r2).toBeCloseTo(0.375, 12)
    expect(m.n).toBe(3)
    expect(() => metrics([], [])).toThrow(RangeError)
  })
  it('interpolate quantiles between order statistics', () => {
    expect(quantile([4, 1, 3, 2], 0.5)).toBe(2.5)
    expect(quantile([10, 0], 0.1)).toBe(1)
    expect(quantile([7], 0.9)).toBe(7)
  })
})

describe('features', () => {
  it('describe the order: season, rush, sizes by material, sail weight, history', () => {
    const v = featureVector(
      facts({
        dateIn: '2026-10-06', // a Tuesday in the fall
        dateRequired: '2026-10-16',
        rush: true,
        items: [
          { description: 'Awning', material: 'Sunbrella', quantity: 2, squareFeet: 80, sizeText: '8x10' },
          { description: 'Jib', material: 'Dacron', quantity: 1, squareFeet: null, sizeText: '30#' },
        ],
      }),
      { customer: { pastOrders: 4, meanTurnaround: 9.5 }, source: null, backlog: 37 },
    )
    expect(v).toHaveLength(FEATURE_NAMES.length)
    expect(at('weekday_tue', v)).toBe(1)
    expect(at('season_fall', v)).toBe(1)
    expect(at('rush', v)).toBe(1)
    expect(at('days_until_required', v)).toBe(10)
    expect(at('total_sqft', v)).toBe(160)
    expect(at('sqft_acrylic', v)).toBe(160)
    expect(at('unsized_pieces', v)).toBe(1)
    expect(at('total_weight_lbs', v)).toBe(30)
    expect(at('share_sail', v)).toBeCloseTo(1 / 3, 12)
    expect(at('customer_mean_turnaround', v)).toBe(9.5)
    expect(at('customer_has_history', v)).toBe(1)
    expect(at('has_source', v)).toBe(0)
    expect(at('backlog_open_orders', v)).toBe(37)
    expect(materialGroup('Stamoid')).toBe('coated')
    expect(weightLbs('45 lbs')).toBe(45)
    expect(weightLbs('8x10')).toBeNull()
  })

  it('take history as of the date in: nothing finished later leaks into a training row', () => {
    const orders = [
      { id: 1, dayIn: 100, dayCompleted: 110, cancelled: false },
      { id: 2, dayIn: 105, dayCompleted: 130, cancelled: false },
      { id: 3, dayIn: 120, dayCompleted: null, cancelled: false },
      { id: 4, dayIn: 101, dayCompleted: null, cancelled: true },
    ]
    const d = new DatedOrders(orders)
    expect(d.historyAsOf(100)).toEqual({ pastOrders: 0, meanTurnaround: null })
    expect(d.historyAsOf(111)).toEqual({ pastOrders: 3, meanTurnaround: 10 })
    expect(d.historyAsOf(131)).toEqual({ pastOrders: 4, meanTurnaround: 17.5 })
    expect(d.openAsOf(106)).toBe(2) // 1 and 2 (4 is cancelled)
    expect(d.openAsOf(111)).toBe(1) // 2
    expect(d.openAsOf(125)).toBe(2) // 2 and 3
  })

  it('give a training row the customer record as it was on that day', () => {
    const rec = (id: number, dateIn: string, dateCompleted: string | null): OrderRecord => ({
      id,
      customerId: 7,
      sourceId: null,
      status: dateCompleted ? 'completed' : 'queued',
      dateCompleted,
      price: 100,
      facts: facts({ dateIn }),
    })
    const rows = trainingRows([
      rec(1, '2026-01-05', '2026-01-15'),
      rec(2, '2026-01-10', '2026-02-20'),
      rec(3, '2026-02-01', null),
    ])
    const third = rows[2]?.x as number[]
    expect(at('customer_past_orders', third)).toBe(2)
    expect(at('customer_mean_turnaround', third)).toBe(10) // order 2 was not finished yet on Feb 1
    expect(at('backlog_open_orders', third)).toBe(1)
    expect(rows.map((r) => r.days)).toEqual([10, 41, null])
  })
})

describe('models', () => {
  const grid = Array.from({ length: 400 }, (_, i) => [i % 20, Math.floor(i / 20), (i * 7) % 13])
  it('linear: recovers exact coefficients and survives serialization', () => {
    const y = grid.map(([a, b, c]) => 2 * (a as number) - 3 * (b as number) + 0.5 * (c as number) + 5)
    const m = fitModel('linear', 'identity', grid, y)
    expect(m.predict([3, 4, 2])).toBeCloseTo(2 * 3 - 3 * 4 + 1 + 5, 8)
    const again = loadModel(JSON.parse(JSON.stringify(m.toJSON())))
    expect(again.predict([11, 2, 9])).toBe(m.predict([11, 2, 9]))
  })
  it('boosted: learns a step the linear model cannot, deterministically, and survives serialization', () => {
    const y = grid.map(([a]) => ((a as number) >= 10 ? 20 : 5))
    const boosted = fitModel('boosted', 'identity', grid, y)
    const linear = fitModel('linear', 'identity', grid, y)
    const err = (m: typeof boosted) =>
      metrics(
        y,
        grid.map((r) => m.predict(r)),
      ).mae
    expect(err(boosted)).toBeLessThan(0.5)
    expect(err(linear)).toBeGreaterThan(2)
    expect(fitModel('boosted', 'identity', grid, y).predict([12, 3, 1])).toBe(boosted.predict([12, 3, 1]))
    const again = loadModel(JSON.parse(JSON.stringify(boosted.toJSON())))
    expect(again.predict([4, 1, 1])).toBe(boosted.predict([4, 1, 1]))
  })
  it('log1p targets predict back on the original scale', () => {
    const y = grid.map(([a]) => 3 + (a as number))
    const m = fitModel('boosted', 'log1p', grid, y)
    expect(m.predict([15, 0, 0])).toBeGreaterThan(14)
    expect(m.predict([15, 0, 0])).toBeLessThan(22)
  })
})

describe('training', () => {
  const records: OrderRecord[] = Array.from({ length: 200 }, (_, i) => {
    const day = new Date(Date.UTC(2026, 0, 1 + i)).toISOString().slice(0, 10)
    const sqft = 20 + ((i * 37) % 200)
    const done = new Date(Date.UTC(2026, 0, 1 + i + 2 + Math.round(sqft / 20))).toISOString().slice(0, 10)
    return {
      id: i + 1,
      customerId: 1 + (i % 9),
      sourceId: null,
      status: 'completed',
      dateCompleted: done,
      price: sqft * 3,
      facts: facts({
        dateIn: day,
        items: [{ description: 'Awning', material: 'vinyl', quantity: 1, squareFeet: sqft, sizeText: null }],
      }),
    }
  })
  it('measures on the newest 20% by date in, beside the naive baseline', () => {
    const result = train(records, 'auto')
    expect(result.samples).toBe(200)
    for (const t of ['days', 'price'] as const) {
      const r = result.targets[t]
      expect(r.metrics.n).toBe(40)
      expect(r.holdoutFrom).toBe(records[160]?.facts.dateIn)
      expect(r.metrics.mae).toBeLessThan(r.naive.mae)
      expect(r.interval.low).toBeLessThanOrEqual(r.interval.high)
    }
    const { days, price } = result.targets
    expect(days.candidates.map((c) => `${c.algorithm}/${c.transform}`)).toEqual([
      'linear/log1p',
      'boosted/log1p',
      'boosted/identity',
    ])
    // Turnaround: the lowest sum of MAE and RMSE, each relative to the best candidate's.
    const score = (m: { mae: number; rmse: number }) =>
      m.mae / Math.min(...days.candidates.map((c) => c.metrics.mae)) +
      m.rmse / Math.min(...days.candidates.map((c) => c.metrics.rmse))
    expect(score(days.metrics)).toBe(Math.min(...days.candidates.map((c) => score(c.metrics))))
    // Price: the lowest MAE; these records carry no unit prices, so the item-level model cannot be fitted.
    expect(price.candidates.map((c) => c.algorithm)).toEqual(['linear', 'boosted'])
    expect(price.failed?.map((f) => f.algorithm)).toEqual(['item'])
    expect(price.metrics.mae).toBe(Math.min(...price.candidates.map((c) => c.metrics.mae)))
    expect(price.metrics.r2).toBeGreaterThan(0.99)
  })
  it('runs in a worker thread, and is stopped at its time limit', async () => {
    const result = await trainInWorker(records, 'baseline', 60_000)
    expect(result.targets.days.algorithm).toBe('linear')
    await expect(trainInWorker(records, 'boosted', 1)).rejects.toBeInstanceOf(TrainingTimeoutError)
  })
})

describe('the activation rule', () => {
  const report = (mae: number) => ({
    algorithm: 'linear' as const,
    metrics: { mae, rmse: mae, r2: 0.9, n: 10 },
    naive: { mae: 9, rmse: 9, r2: 0, n: 10 },
  })
  const both = (days: number, price: number) => ({ days: report(days), price: report(price) })
  it('activates the first model, one within the limit, and refuses one worse by more', () => {
    expect(activationDecision(both(2, 50), undefined, 0.1)).toEqual({ activate: true, reason: 'first model' })
    expect(activationDecision(both(2.19, 50), { id: 3, metrics: both(2, 50) }, 0.1).activate).toBe(true)
    const worse = activationDecision(both(2, 60), { id: 3, metrics: both(2, 50) }, 0.1)
    expect(worse.activate).toBe(false)
    expect(worse.reason).toBe("price holdout MAE 60.00 is 20% worse than active model 3's 50.00 (limit 10%)")
  })
})
