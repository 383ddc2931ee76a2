// The hand-computed scoring fixture: performance.test.ts scores it in code, performance-sql.test.ts in the
// database.
import type { Outcome, SnapshotRow } from '../../src/ml/performance.js'

export const snap = (
  workOrderId: number,
  snapshotDate: string,
  days: number,
  price: number,
  kind: 'daily' | 'created' = 'daily',
  modelId = 1,
): SnapshotRow => ({
  workOrderId,
  snapshotDate,
  kind,
  modelId,
  days: { predicted: days, low: days - 2, high: days + 2 },
  price: { predicted: price, low: price - 20, high: price + 20 },
})

// Three orders completed in the week of Monday 2026-03-09; order 4 was never predicted.
export const HAND_OUTCOMES: Outcome[] = [
  { workOrderId: 1, dateIn: '2026-03-02', dateCompleted: '2026-03-10', price: 200 }, // 8 days
  { workOrderId: 2, dateIn: '2026-03-03', dateCompleted: '2026-03-12', price: 100 }, // 9 days
  { workOrderId: 3, dateIn: '2026-03-05', dateCompleted: '2026-03-13', price: null }, // 8 days, unpriced
  { workOrderId: 4, dateIn: '2026-03-05', dateCompleted: '2026-03-13', price: 50 },
]
export const HAND_SNAPSHOTS: SnapshotRow[] = [
  snap(1, '2026-03-02', 5, 230, 'created'), // shown at creation: the first prediction
  snap(1, '2026-03-03', 6, 180),
  snap(1, '2026-03-09', 7, 210), // the latest before completion
  snap(1, '2026-03-10', 99, 999), // taken on the completion day: not "before completion"
  snap(2, '2026-03-04', 12, 100), // no created one: the first nightly is the first
  snap(2, '2026-03-11', 10, 95),
  snap(3, '2026-03-06', 8, 70),
]
