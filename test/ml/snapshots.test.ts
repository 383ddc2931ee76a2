import { sql } from 'drizzle-orm'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { seedEmptyDatabase } from '../../src/seed/seed-empty.js'
import { createSnapshotService } from '../../src/services/ml-snapshots.js'
import { createTestApp } from '../helpers/app.js'
import { userWithSession } from '../helpers/auth.js'
import { queryRows } from '../helpers/database.js'

const SECRET = 'nightly-retrain-secret-for-tests'

describe('prediction snapshots and performance tracking', () => {
  let ctx: Awaited<ReturnType<typeof createTestApp>>
  let manager: Record<string, string>
  const lines: string[] = []

  beforeAll(async () => {
    ctx = await createTestApp({ env: { CRON_SECRET: SECRET, ML_RETRAIN_SCHEDULE: 'off' } })
    manager = (await userWithSession(ctx.app, 'manager')).bearer
    await seedEmptyDatabase(ctx.app.db, { customers: 60, workOrders: 400, seed: 11 })
    const res = await ctx.app.inject({
      method: 'POST',
      url: '/ml/cron/retrain',
      headers: { 'x-cron-secret': SECRET },
      payload: { config: 'baseline' },
    })
    expect(res.statusCode).toBe(200)
  })
  afterAll(() => ctx.close())

  const service = () =>
    createSnapshotService({
      db: ctx.app.db,
      predictions: ctx.app.ml.predictions,
      today: () => '2026-11-01',
      driftRatio: 1.5,
      log: { info: () => {}, warn: (_o, msg) => lines.push(msg) },
    })
  const daily = (date: string) =>
    queryRows<{ id: number; work_order_id: number; model_id: number }>(
      ctx.app.db,
      sql`SELECT id, work_order_id, model_id FROM ml_prediction_snapshots
           WHERE snapshot_date = ${date}::date AND kind = 'daily' ORDER BY work_order_id`,
    )

  it('predicts every open order, and a same-day rerun replaces that day’s rows', async () => {
    const open = await queryRows<{ id: number }>(
      ctx.app.db,
      sql`SELECT id FROM work_orders WHERE status NOT IN ('completed', 'cancelled') ORDER BY id`,
    )
    expect(open.length).toBeGreaterThan(0)
    const first = await service().takeDaily({ snapshotDate: '2026-11-01' })
    expect(first).toMatchObject({ status: 'taken', orders: open.length })
    const before = await daily('2026-11-01')
    expect(before.map((r) => r.work_order_id)).toEqual(open.map((o) => o.id))
    await service().takeDaily({ snapshotDate: '2026-11-01' })
    const after = await daily('2026-11-01')
    expect(after.map((r) => r.work_order_id)).toEqual(before.map((r) => r.work_order_id))
    expect(after.some((r) => before.some((b) => b.id === r.id))).toBe(false)
    // Another day adds its own rows and leaves this one alone.
    await service().takeDaily({ snapshotDate: '2026-11-02' })
    expect((await daily('2026-11-01')).length).toBe(open.length)
    expect((await daily('2026-11-02')).length).toBe(open.length)
  })

  it('runs each nightly slot once, whichever instance claims it', async () => {
    const [a, b] = await Promise.all([
      service().takeDaily({ snapshotDate: '2026-11-03', slot: 'snapshot:2026-11-03T02:00:00' }),
      service().takeDaily({ snapshotDate: '2026-11-03', slot: 'snapshot:2026-11-03T02:00:00' }),
    ])
    expect([a.status, b.status].sort()).toEqual(['skipped', 'taken'])
  })

  it('stores the prediction shown when an order is created', async () => {
    const [customer] = await queryRows<{ id: number }>(ctx.app.db, sql`SELECT id FROM customers LIMIT 1`)
    const res = await ctx.app.inject({
      method: 'POST',
      url: '/api/work-orders',
      headers: manager,
      payload: {
        customerId: customer?.id,
        items: [{ description: 'Patio awning', material: 'Sunbrella', sizeText: '10x12', quantity: 1 }],
      },
    })
    expect(res.statusCode).toBe(201)
    const body = res.json()
    expect(body.predictedPrice).toBeGreaterThan(0)
    const rows = await queryRows<{ predicted_price: number; kind: string }>(
      ctx.app.db,
      sql`SELECT s.predicted_price, s.kind::text AS kind FROM ml_prediction_snapshots s
            JOIN work_orders w ON w.id = s.work_order_id WHERE w.work_order_no = ${body.workOrderNo}`,
    )
    expect(rows).toEqual([{ predicted_price: body.predictedPrice, kind: 'created' }])
    // Viewing it again shows an estimate but does not record another "created" one.
    await ctx.app.inject({ url: `/api/work-orders/${body.workOrderNo}`, headers: manager })
    const again = await queryRows(
      ctx.app.db,
      sql`SELECT 1 FROM ml_prediction_snapshots s JOIN work_orders w ON w.id = s.work_order_id
           WHERE w.work_order_no = ${body.workOrderNo}`,
    )
    expect(again.length).toBe(1)
  })

  it('scores orders as they complete, and raises the drift alarm in the log', async () => {
    // Complete a dozen snapshotted open orders on 2026-11-20, later than predicted.
    const snapped = (await daily('2026-11-01')).slice(0, 12)
    for (const r of snapped)
      await ctx.app.db.execute(
        sql`UPDATE work_orders SET status = 'completed', date_completed = '2026-11-20' WHERE id = ${r.work_order_id}`,
      )
    const s = createSnapshotService({
      db: ctx.app.db,
      predictions: ctx.app.ml.predictions,
      today: () => '2026-11-25',
      driftRatio: 1.5,
      log: { info: () => {}, warn: (_o, msg) => lines.push(msg) },
    })
    const perf = await s.performance(60)
    const latest = perf.weekly.filter((w) => w.target === 'days' && w.stage === 'latest')
    expect(latest.reduce((n, w) => n + w.n, 0)).toBe(snapped.length)
    expect(perf.trend.find((t) => t.snapshotDate === '2026-11-02' && t.target === 'days')?.n).toBe(
      snapped.length,
    )
    const live = await s.checkDrift()
    expect(live?.days.n).toBe(snapped.length)
    expect(live?.days.alarm).toBe(true)
    expect(lines.some((l) => l.startsWith(`ML drift: model ${live?.modelId} days live MAE`))).toBe(true)
  })

  it('answers GET /ml/performance to managers only, with its schema', async () => {
    const res = await ctx.app.inject({ url: '/ml/performance?days=90', headers: manager })
    expect(res.statusCode).toBe(200)
    expect(res.json()).toMatchObject({ weekly: expect.any(Array), trend: expect.any(Array) })
    expect(res.json().live).toHaveProperty('driftRatio', 1.5)
    const staff = (await userWithSession(ctx.app, 'staff')).bearer
    expect((await ctx.app.inject({ url: '/ml/performance', headers: staff })).statusCode).toBe(403)
    expect((await ctx.app.inject({ url: '/ml/performance?days=0', headers: manager })).statusCode).toBe(400)
  })
})
