import { describe, expect, it } from 'vitest'
import {
  liveVersusHoldout,
  type Outcome,
  pairSnapshots,
  weeklyScores,
  weekOf,
} from '../../src/ml/performance.js'
import { HAND_OUTCOMES, HAND_SNAPSHOTS, snap } from './performance-fixture.js'

const outcomes = HAND_OUTCOMES
const snapshots = HAND_SNAPSHOTS

describe('scoring recorded predictions (by hand)', () => {
  it('pairs each completed order with its first and latest prediction', () => {
    const scored = pairSnapshots(snapshots, outcomes)
    expect(scored.map((s) => [s.outcome.workOrderId, s.first.snapshotDate, s.latest.snapshotDate])).toEqual([
      [1, '2026-03-02', '2026-03-09'],
      [2, '2026-03-04', '2026-03-11'],
      [3, '2026-03-06', '2026-03-06'],
    ])
  })

  it('gives MAE and interval coverage per week, model, target and stage', () => {
    expect(weekOf('2026-03-13')).toBe('2026-03-09')
    const weekly = weeklyScores(pairSnapshots(snapshots, outcomes))
    const get = (target: string, stage: string) =>
      weekly.find((w) => w.target === target && w.stage === stage)
    // first: days |8-5|, |9-12|, |8-8| → MAE 2, inside ±2: order 3 only → 1/3
    expect(get('days', 'first')).toMatchObject({ week: '2026-03-09', modelId: 1, n: 3, mae: 2 })
    expect(get('days', 'first')?.coverage).toBeCloseTo(1 / 3)
    // latest: |8-7|, |9-10|, |8-8| → MAE 2/3, all inside
    expect(get('days', 'latest')?.mae).toBeCloseTo(2 / 3)
    expect(get('days', 'latest')?.coverage).toBe(1)
    // price, order 3 unpriced: first |200-230|, |100-100| → 15, coverage 1/2; latest |200-210|, |100-95| → 7.5
    expect(get('price', 'first')).toMatchObject({ n: 2, mae: 15, coverage: 0.5 })
    expect(get('price', 'latest')).toMatchObject({ n: 2, mae: 7.5, coverage: 1 })
  })
  // The nightly trend is aggregated in the database: performance-sql.test.ts, on this fixture.
})

describe('the drift alarm', () => {
  // Twelve orders completed in the last 30 days, each predicted 3 days off (days) and 10 off (price).
  const recent: Outcome[] = Array.from({ length: 12 }, (_, i) => ({
    workOrderId: 100 + i,
    dateIn: '2026-11-01',
    dateCompleted: '2026-11-11',
    price: 100,
  }))
  const preds = recent.map((o) => snap(o.workOrderId, '2026-11-05', 13, 110, 'daily', 7))
  const scored = pairSnapshots(preds, recent)

  it('raises a line when live MAE exceeds holdout MAE by more than the ratio', () => {
    const live = liveVersusHoldout(scored, { id: 7, holdoutMae: { days: 1.5, price: 9 } }, '2026-11-20', 1.5)
    expect(live.days).toMatchObject({ n: 12, liveMae: 3, holdoutMae: 1.5, ratio: 2, alarm: true })
    expect(live.price.alarm).toBe(false) // 10 / 9 is within 1.5
    expect(live.alarms).toEqual([
      'ML drift: model 7 days live MAE 3.00 over the last 30 days (12 orders) is 2.00x its holdout MAE 1.50 (ML_DRIFT_RATIO 1.5)',
    ])
  })

  it('stays quiet within the ratio, for another model, past the window, or on too few orders', () => {
    const model = { id: 7, holdoutMae: { days: 1.5, price: 9 } }
    expect(liveVersusHoldout(scored, model, '2026-11-20', 2.5).alarms).toEqual([])
    expect(liveVersusHoldout(scored, { ...model, id: 8 }, '2026-11-20', 1.5).days.n).toBe(0)
    expect(liveVersusHoldout(scored, model, '2026-12-31', 1.5).alarms).toEqual([])
    expect(liveVersusHoldout(scored.slice(0, 9), model, '2026-11-20', 1.5).alarms).toEqual([])
  })
})
