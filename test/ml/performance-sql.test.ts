import { inArray, sql } from 'drizzle-orm'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Database } from '../../src/db/index.js'
import { pairSnapshots } from '../../src/ml/performance.js'
import { mlPredictionSnapshots, workOrderItems } from '../../src/models/index.js'
import { createMlSnapshotsRepository } from '../../src/repositories/ml-snapshots.js'
import { seedEmptyDatabase } from '../../src/seed/seed-empty.js'
import { createTestDatabase, queryRows, type TestDatabase } from '../helpers/database.js'
import { HAND_OUTCOMES, HAND_SNAPSHOTS } from './performance-fixture.js'

// The scoring queries on a real database, against the hand-computed fixture of performance.test.ts: the
// snapshot rows the database hands back must pair exactly as all of them would, and the nightly trend
// aggregated in SQL must match the sums done by hand.
describe('scoring recorded predictions in the database', () => {
  let testDb: TestDatabase
  let database: Database
  /** Fixture order id → the real order standing in for it. */
  const real = new Map<number, number>()

  beforeAll(async () => {
    testDb = await createTestDatabase({ migrated: true })
    database = await testDb.open()
    const db = database.db
    await seedEmptyDatabase(db, { customers: 5, workOrders: 12, seed: 3 })
    // No order is ever predicted but the fixture's, so the rest of the seed is left out by the queries.
    const ids = (
      await queryRows<{ id: number }>(db, sql`SELECT id FROM work_orders ORDER BY id LIMIT 4`)
    ).map((r) => r.id)
    await db.delete(workOrderItems).where(inArray(workOrderItems.workOrderId, ids))
    for (const [i, o] of HAND_OUTCOMES.entries()) {
      const id = ids[i] as number
      real.set(o.workOrderId, id)
      await db.execute(
        sql`UPDATE work_orders SET status = 'completed', date_in = ${o.dateIn}::date,
                   date_completed = ${o.dateCompleted}::date WHERE id = ${id}`,
      )
      // Two pieces summing to the order's price; an unpriced order has one piece without a price.
      await db.insert(workOrderItems).values(
        o.price === null
          ? [{ workOrderId: id, description: 'Awning', quantity: 1, unitPrice: null }]
          : [
              { workOrderId: id, description: 'Awning', quantity: 2, unitPrice: o.price / 4 },
              { workOrderId: id, description: 'Cover', quantity: 1, unitPrice: o.price / 2 },
            ],
      )
    }
    await db.insert(mlPredictionSnapshots).values(
      HAND_SNAPSHOTS.map((s) => ({
        workOrderId: real.get(s.workOrderId) as number,
        snapshotDate: s.snapshotDate,
        kind: s.kind,
        modelId: s.modelId,
        predictedDays: s.days.predicted,
        daysLow: s.days.low,
        daysHigh: s.days.high,
        predictedPrice: s.price.predicted,
        priceLow: s.price.low,
        priceHigh: s.price.high,
      })),
    )
  })
  afterAll(async () => {
    await database?.close()
    await testDb?.dispose()
  })

  it('hands back only the rows pairing needs, and they pair as all the rows do', async () => {
    const { outcomes, snapshots } = await createMlSnapshotsRepository(database.db).scoring('2026-03-01')
    // Order 4 was never predicted: nothing to score.
    expect(outcomes.map((o) => o.workOrderId)).toEqual([1, 2, 3].map((n) => real.get(n)))
    expect(outcomes.map((o) => o.price)).toEqual([200, 100, null])
    // Order 1's row taken on its completion day is not needed, and order 3's one row comes once.
    expect(snapshots.length).toBeLessThan(HAND_SNAPSHOTS.length)
    const fromDb = pairSnapshots(snapshots, outcomes).map((s) => [
      s.outcome.workOrderId,
      s.first.snapshotDate,
      s.latest.snapshotDate,
    ])
    const byHand = pairSnapshots(HAND_SNAPSHOTS, HAND_OUTCOMES).map((s) => [
      real.get(s.outcome.workOrderId),
      s.first.snapshotDate,
      s.latest.snapshotDate,
    ])
    expect(fromDb).toEqual(byHand)
  })

  it('follows each nightly snapshot to how its predictions turned out', async () => {
    const points = (await createMlSnapshotsRepository(database.db).scoring('2026-03-01')).trend
    // Days: one order per nightly date, |actual - predicted| by hand (the completion-day row left out).
    expect(points.filter((p) => p.target === 'days').map((p) => [p.snapshotDate, p.n, p.mae])).toEqual([
      ['2026-03-03', 1, 2],
      ['2026-03-04', 1, 3],
      ['2026-03-06', 1, 0],
      ['2026-03-09', 1, 1],
      ['2026-03-11', 1, 1],
    ])
    // Price: order 3 is unpriced, so 2026-03-06 has no price point; every actual is within ±20.
    expect(
      points.filter((p) => p.target === 'price').map((p) => [p.snapshotDate, p.n, p.mae, p.coverage]),
    ).toEqual([
      ['2026-03-03', 1, 20, 1],
      ['2026-03-04', 1, 0, 1],
      ['2026-03-09', 1, 10, 1],
      ['2026-03-11', 1, 5, 1],
    ])
  })
})
