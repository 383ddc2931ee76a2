import { sql } from 'drizzle-orm'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Database } from '../../src/db/index.js'
import { createMigrator } from '../../src/db/migrator.js'
import {
  customers,
  type NewWorkOrder,
  type NewWorkOrderItem,
  sources,
  workOrderItems,
  workOrders,
} from '../../src/models/index.js'
import {
  type AnalyticsRepository,
  createAnalyticsRepository,
  productType,
} from '../../src/repositories/analytics.js'
import { seedEmptyDatabase } from '../../src/seed/seed-empty.js'
import { createTestDatabase, queryRows, type TestDatabase } from '../helpers/database.js'

async function openMigrated() {
  const testDb = await createTestDatabase()
  const database = await testDb.open()
  await createMigrator(database).upgrade()
  return { testDb, database }
}

type Item = Omit<NewWorkOrderItem, 'workOrderId'>
const item = (
  description: string,
  unitPrice: number | null,
  squareFeet: number | null,
  quantity = 1,
  material?: string,
): Item => ({
  description,
  unitPrice,
  squareFeet,
  quantity,
  material: material ?? null,
})

/*
 * A small shop, today 2026-03-15. Customers A, B (of the source "Bay Sail Loft"), C, D.
 *  #  cust  in          completed   status       rush   required    items (revenue / sq ft)           total  sqft
 *  1  A     2025-12-01  2025-12-11  completed                       awning 200/100                    200    100
 *  2  B     2026-01-05  2026-01-09  completed    rush               sail 150                          150      0
 *  3  A     2026-02-01  2026-02-21  completed                       MIXED awning 300/120, sail 100,   500    144
 *                                                                   cushion 4×25/4×6
 *  4  C     2026-03-02  2026-03-10  completed    firm               awning 180/90, bimini unpriced/40 180    130
 *  5  B     2026-03-05  2026-03-14  completed                       sail 120, cushion 50/20           170     20
 *  6  D     2026-03-08              in_progress  rush   2026-03-12  awning 2×40/2×15                   80     30
 *  7  A     2026-03-12              queued       firm   2026-03-20  awning 90/20                       90     20
 *  8  C     2026-03-13              received                        cushion 2×35/2×12                  70     24
 *  9  D     2026-02-10              cancelled    rush               tent 1000/400                   (excluded)
 * 10  D     2026-03-13              cleaned      rush   2026-04-30  curtain 3×20/3×10                  60     30
 */
describe('analytics SQL on a hand-made shop', () => {
  let testDb: TestDatabase
  let database: Database
  let repo: AnalyticsRepository
  let sourceId: number
  const ids: Record<string, number> = {}
  const today = '2026-03-15'

  beforeAll(async () => {
    ;({ testDb, database } = await openMigrated())
    const db = database.db
    repo = createAnalyticsRepository(db)
    const [loft] = await db.insert(sources).values({ name: 'Bay Sail Loft' }).returning()
    sourceId = loft?.id as number
    const people = await db
      .insert(customers)
      .values([
        { customerNo: 101, name: 'Anchor Inn' },
        { customerNo: 102, name: 'Bay Racing', sourceId },
        { customerNo: 103, name: 'Captain Lee' },
        { customerNo: 104, name: 'Dockside Grill' },
      ])
      .returning()
    for (const [i, key] of ['A', 'B', 'C', 'D'].entries()) ids[key] = people[i]?.id as number
    const orders: [NewWorkOrder, Item[]][] = [
      [
        {
          customerId: ids.A as number,
          dateIn: '2025-12-01',
          dateCompleted: '2025-12-11',
          status: 'completed',
        },
        [item('Patio awning', 200, 100, 1, 'Sunbrella')],
      ],
      [
        {
          customerId: ids.B as number,
          dateIn: '2026-01-05',
          dateCompleted: '2026-01-09',
          status: 'completed',
          rush: true,
        },
        [item('Mainsail', 150, null, 1, 'Dacron')],
      ],
      [
        {
          customerId: ids.A as number,
          dateIn: '2026-02-01',
          dateCompleted: '2026-02-21',
          status: 'completed',
        },
        [
          item('Retractable awning', 300, 120),
          item('Jib', 100, null, 1, 'Dacron'),
          item('Seat cushion', 25, 6, 4),
        ],
      ],
      [
        {
          customerId: ids.C as number,
          dateIn: '2026-03-02',
          dateCompleted: '2026-03-10',
          status: 'completed',
          firmRush: true,
          rush: true,
        },
        [item('Boat cover', 180, 90, 1, 'canvas'), item('Bimini top', null, 40, 1, 'Sunbrella')],
      ],
      [
        {
          customerId: ids.B as number,
          dateIn: '2026-03-05',
          dateCompleted: '2026-03-14',
          status: 'completed',
        },
        [item('Genoa', 120, null), item('V-berth cushion', 50, 20, 1, 'vinyl')],
      ],
      [
        {
          customerId: ids.D as number,
          dateIn: '2026-03-08',
          dateRequired: '2026-03-12',
          status: 'in_progress',
          rush: true,
        },
        [item('Awning valance', 40, 15, 2)],
      ],
      [
        {
          customerId: ids.A as number,
          dateIn: '2026-03-12',
          dateRequired: '2026-03-20',
          status: 'queued',
          firmRush: true,
        },
        [item('Window awning', 90, 20)],
      ],
      [
        { customerId: ids.C as number, dateIn: '2026-03-13', status: 'received' },
        [item('Chaise cushion', 35, 12, 2)],
      ],
      [
        { customerId: ids.D as number, dateIn: '2026-02-10', status: 'cancelled', rush: true },
        [item('Tent', 1000, 400, 1, 'vinyl')],
      ],
      [
        {
          customerId: ids.D as number,
          dateIn: '2026-03-13',
          dateRequired: '2026-04-30',
          status: 'cleaned',
          rush: true,
        },
        [item('Side curtain', 20, 10, 3)],
      ],
    ]
    for (const [n, [order, items]] of orders.entries()) {
      const [row] = await db
        .insert(workOrders)
        .values({ ...order, workOrderNo: n + 1 })
        .returning()
      await db.insert(workOrderItems).values(items.map((i) => ({ ...i, workOrderId: row?.id as number })))
    }
  })
  afterAll(async () => {
    await database?.close()
    await testDb?.dispose()
  })

  it('classifies items as awning, sail or cushion in one SQL expression', async () => {
    const cases = [
      ['Mainsail', null, 'sail'],
      ['Jib', 'Dacron', 'sail'],
      ['Spinnaker', 'nylon', 'sail'],
      ['Sheet', 'sailcloth', 'sail'],
      ['Seat cushion', 'vinyl', 'cushion'],
      ['Bimini top', 'Sunbrella', 'awning'],
      ['Side curtain', null, 'awning'],
      ['Boat cover', 'canvas', 'awning'],
    ] as const
    for (const [description, material, expected] of cases) {
      const [row] = await queryRows<{ p: string }>(
        database.db,
        sql`SELECT ${productType(sql`${description}::text`, sql`${material}::text`)} AS p`,
      )
      expect(row?.p, description).toBe(expected)
    }
  })

  it('summarises the shop, counting the mixed order once and leaving the cancelled one out', async () => {
    expect(await repo.summary({ today })).toEqual({
      ordersTotal: 9,
      ordersOpen: 4,
      ordersCompleted: 5,
      completionRate: 0.5556,
      revenueCompleted: 1200,
      revenueAll: 1500,
      averageOrderValue: 166.67,
      uniqueCustomers: 4,
      squareFeetCompleted: 394,
      squareFeetCompletedDailyAvg7d: 21.43, // (130 on 03-10 + 20 on 03-14) / 7
      backlogSquareFeet: 104,
      rushShare: 0.5556,
      turnaroundMedianDays: 9, // 4, 8, 9, 10, 20
      turnaroundP90Days: 16, // 10 + 0.6 × (20 − 10)
    })
  })

  it('filters the summary by date in and by source', async () => {
    expect(await repo.summary({ today, sourceId })).toEqual({
      ordersTotal: 2,
      ordersOpen: 0,
      ordersCompleted: 2,
      completionRate: 1,
      revenueCompleted: 320,
      revenueAll: 320,
      averageOrderValue: 160,
      uniqueCustomers: 1,
      squareFeetCompleted: 20,
      squareFeetCompletedDailyAvg7d: 2.86,
      backlogSquareFeet: 0,
      rushShare: 0.5,
      turnaroundMedianDays: 6.5,
      turnaroundP90Days: 8.5,
    })
    expect(await repo.summary({ today, from: '2026-03-01', to: '2026-03-31' })).toEqual({
      ordersTotal: 6,
      ordersOpen: 4,
      ordersCompleted: 2,
      completionRate: 0.3333,
      revenueCompleted: 350,
      revenueAll: 650,
      averageOrderValue: 108.33,
      uniqueCustomers: 4,
      squareFeetCompleted: 150,
      squareFeetCompletedDailyAvg7d: 21.43,
      backlogSquareFeet: 104,
      rushShare: 0.6667,
      turnaroundMedianDays: 8.5,
      turnaroundP90Days: 8.9,
    })
    const none = await repo.summary({ today, from: '2030-01-01' })
    expect(none).toMatchObject({
      ordersTotal: 0,
      completionRate: 0,
      averageOrderValue: 0,
      revenueAll: 0,
      rushShare: 0,
    })
    expect(none.turnaroundMedianDays).toBeNull()
    expect(none.turnaroundP90Days).toBeNull()
  })

  it('gives monthly trends with every month present', async () => {
    expect(await repo.trends({ months: 6, today })).toEqual([
      { month: '2025-10', ordersIn: 0, ordersCompleted: 0, revenue: 0, squareFeet: 0 },
      { month: '2025-11', ordersIn: 0, ordersCompleted: 0, revenue: 0, squareFeet: 0 },
      { month: '2025-12', ordersIn: 1, ordersCompleted: 1, revenue: 200, squareFeet: 100 },
      { month: '2026-01', ordersIn: 1, ordersCompleted: 1, revenue: 150, squareFeet: 0 },
      { month: '2026-02', ordersIn: 1, ordersCompleted: 1, revenue: 500, squareFeet: 144 },
      { month: '2026-03', ordersIn: 6, ordersCompleted: 2, revenue: 350, squareFeet: 150 },
    ])
    expect(await repo.trends({ months: 1, today: '2026-01-31', sourceId })).toEqual([
      { month: '2026-01', ordersIn: 1, ordersCompleted: 1, revenue: 150, squareFeet: 0 },
    ])
  })

  it('gives square feet completed per day with a trailing 7-day average fed from before the window', async () => {
    expect(await repo.throughput({ days: 6, today: '2026-03-18' })).toEqual([
      { day: '2026-03-13', squareFeet: 0, rollingAvg7: 18.57 }, // 130 on 03-10
      { day: '2026-03-14', squareFeet: 20, rollingAvg7: 21.43 },
      { day: '2026-03-15', squareFeet: 0, rollingAvg7: 21.43 },
      { day: '2026-03-16', squareFeet: 0, rollingAvg7: 21.43 },
      { day: '2026-03-17', squareFeet: 0, rollingAvg7: 2.86 }, // 03-10 has left the week
      { day: '2026-03-18', squareFeet: 0, rollingAvg7: 2.86 },
    ])
  })

  it('gives the backlog in square feet from the beginning of time, every day present', async () => {
    const days = await repo.backlog({ days: 5, today })
    expect(days).toEqual([
      { day: '2026-03-11', squareFeetIn: 0, squareFeetOut: 0, backlog: 50 }, // orders 5 and 6 open at the start
      { day: '2026-03-12', squareFeetIn: 20, squareFeetOut: 0, backlog: 70 },
      { day: '2026-03-13', squareFeetIn: 54, squareFeetOut: 0, backlog: 124 },
      { day: '2026-03-14', squareFeetIn: 0, squareFeetOut: 20, backlog: 104 }, // the cancelled tent never counts
      { day: '2026-03-15', squareFeetIn: 0, squareFeetOut: 0, backlog: 104 },
    ])
    // A window that covers the whole history gives the same numbers.
    const long = await repo.backlog({ days: 200, today })
    expect(long).toHaveLength(200)
    expect(long.slice(-5)).toEqual(days)
    expect(long.find((d) => d.day === '2025-12-05')?.backlog).toBe(100)
  })

  it('splits revenue by product type, a mixed order once in the totals', async () => {
    expect(await repo.revenueByProduct({})).toEqual({
      products: [
        { product: 'awning', revenue: 680, items: 4, orders: 3 },
        { product: 'sail', revenue: 370, items: 3, orders: 3 },
        { product: 'cushion', revenue: 150, items: 2, orders: 2 },
      ],
      totals: { revenue: 1200, orders: 5 },
    })
    expect(await repo.revenueByProduct({ sourceId })).toEqual({
      products: [
        { product: 'awning', revenue: 0, items: 0, orders: 0 },
        { product: 'sail', revenue: 270, items: 2, orders: 2 },
        { product: 'cushion', revenue: 50, items: 1, orders: 1 },
      ],
      totals: { revenue: 320, orders: 2 },
    })
    expect((await repo.revenueByProduct({ from: '2026-02-01', to: '2026-02-28' })).totals).toEqual({
      revenue: 500,
      orders: 1,
    })
  })

  it('gives the turnaround histogram with empty buckets, median and p90', async () => {
    expect(await repo.turnaround({ bucketDays: 5 })).toEqual({
      buckets: [
        { fromDays: 0, toDays: 4, orders: 1 },
        { fromDays: 5, toDays: 9, orders: 2 },
        { fromDays: 10, toDays: 14, orders: 1 },
        { fromDays: 15, toDays: 19, orders: 0 },
        { fromDays: 20, toDays: 24, orders: 1 },
      ],
      median: 9,
      p90: 16,
    })
    expect(await repo.turnaround({ bucketDays: 7, sourceId })).toEqual({
      buckets: [
        { fromDays: 0, toDays: 6, orders: 1 },
        { fromDays: 7, toDays: 13, orders: 1 },
      ],
      median: 6.5,
      p90: 8.5,
    })
    expect(await repo.turnaround({ bucketDays: 7, from: '2030-01-01' })).toEqual({
      buckets: [],
      median: null,
      p90: null,
    })
  })

  it('tells new from returning customers, ignoring cancelled orders, and lists the top customers', async () => {
    expect(await repo.customers({ months: 5, today, top: 3 })).toEqual({
      monthly: [
        { month: '2025-11', newCustomers: 0, returningCustomers: 0 },
        { month: '2025-12', newCustomers: 1, returningCustomers: 0 },
        { month: '2026-01', newCustomers: 1, returningCustomers: 0 },
        { month: '2026-02', newCustomers: 0, returningCustomers: 1 },
        // C and D are new (D's cancelled February order does not make it a customer), A and B return.
        { month: '2026-03', newCustomers: 2, returningCustomers: 2 },
      ],
      top: [
        { customerId: ids.A, customerNo: 101, name: 'Anchor Inn', revenue: 790, orders: 3 },
        { customerId: ids.B, customerNo: 102, name: 'Bay Racing', revenue: 320, orders: 2 },
        { customerId: ids.C, customerNo: 103, name: 'Captain Lee', revenue: 250, orders: 2 },
      ],
    })
    // Only March: A's and B's first orders are still earlier, outside the window.
    const march = await repo.customers({ months: 1, today, top: 10 })
    expect(march.monthly).toEqual([{ month: '2026-03', newCustomers: 2, returningCustomers: 2 }])
    expect(march.top.map((c) => [c.customerNo, c.revenue, c.orders])).toEqual([
      [103, 250, 2],
      [102, 170, 1],
      [104, 140, 2],
      [101, 90, 1],
    ])
  })

  it('fills the dashboard: recent orders, every status, queue length and rush orders due soon', async () => {
    expect(await repo.dashboard({ today, dueWithinDays: 7, recent: 3 })).toEqual({
      recent: [
        {
          workOrderNo: 10,
          customerName: 'Dockside Grill',
          status: 'cleaned',
          dateIn: '2026-03-13',
          total: 60,
        },
        { workOrderNo: 8, customerName: 'Captain Lee', status: 'received', dateIn: '2026-03-13', total: 70 },
        { workOrderNo: 7, customerName: 'Anchor Inn', status: 'queued', dateIn: '2026-03-12', total: 90 },
      ],
      countsByStatus: {
        received: 1,
        queued: 1,
        in_progress: 1,
        cleaned: 1,
        treated: 0,
        packaged: 0,
        completed: 5,
        cancelled: 1,
      },
      queueLength: 2,
      rushDueSoon: [
        { workOrderNo: 6, customerName: 'Dockside Grill', dateRequired: '2026-03-12', status: 'in_progress' },
        { workOrderNo: 7, customerName: 'Anchor Inn', dateRequired: '2026-03-20', status: 'queued' },
      ],
    })
    const far = await repo.dashboard({ today, dueWithinDays: 60, recent: 0 })
    expect(far.recent).toEqual([])
    expect(far.rushDueSoon.map((r) => r.workOrderNo)).toEqual([6, 7, 10])
  })

  it('refuses malformed parameters before reaching the database', async () => {
    await expect(repo.trends({ months: 0, today })).rejects.toBeInstanceOf(RangeError)
    await expect(repo.throughput({ days: 7, today: '15/03/2026' })).rejects.toBeInstanceOf(RangeError)
    await expect(repo.turnaround({ bucketDays: 1.5 })).rejects.toBeInstanceOf(RangeError)
    await expect(repo.summary({ from: 'yesterday' })).rejects.toBeInstanceOf(RangeError)
  })
})

describe('analytics SQL agrees with plain SQL on seeded demo data', () => {
  let testDb: TestDatabase
  let database: Database
  let repo: AnalyticsRepository
  const today = '2026-11-01'

  beforeAll(async () => {
    ;({ testDb, database } = await openMigrated())
    await seedEmptyDatabase(database.db, { customers: 50, workOrders: 400, seed: 3, today })
    repo = createAnalyticsRepository(database.db)
  })
  afterAll(async () => {
    await database?.close()
    await testDb?.dispose()
  })

  it('cross-checks totals', async () => {
    const [plain] = await queryRows<Record<string, number>>(
      database.db,
      sql`SELECT
        (SELECT coalesce(sum(i.quantity * coalesce(i.unit_price, 0)), 0)::float8 FROM work_order_items i
         JOIN work_orders w ON w.id = i.work_order_id WHERE w.status <> 'cancelled') AS "revenueAll",
        (SELECT coalesce(sum(i.quantity * coalesce(i.unit_price, 0)), 0)::float8 FROM work_order_items i
         JOIN work_orders w ON w.id = i.work_order_id WHERE w.status = 'completed') AS "revenueCompleted",
        (SELECT coalesce(sum(i.quantity * i.square_feet), 0)::float8 FROM work_order_items i
         JOIN work_orders w ON w.id = i.work_order_id WHERE w.status NOT IN ('completed', 'cancelled')) AS backlog,
        (SELECT count(*)::int FROM work_orders WHERE status <> 'cancelled') AS "ordersTotal",
        (SELECT count(*)::int FROM work_orders WHERE status = 'completed') AS "ordersCompleted",
        (SELECT count(*)::int FROM work_orders) AS "allOrders",
        (SELECT count(DISTINCT customer_id)::int FROM work_orders WHERE status <> 'cancelled') AS customers`,
    )
    if (!plain) throw new Error('no row')
    const s = await repo.summary({ today })
    expect(s.ordersTotal).toBe(plain.ordersTotal)
    expect(s.ordersCompleted).toBe(plain.ordersCompleted)
    expect(s.ordersOpen + s.ordersCompleted).toBe(s.ordersTotal)
    expect(s.revenueAll).toBeCloseTo(plain.revenueAll as number, 2)
    expect(s.revenueCompleted).toBeCloseTo(plain.revenueCompleted as number, 2)
    expect(s.backlogSquareFeet).toBeCloseTo(plain.backlog as number, 2)
    expect(s.uniqueCustomers).toBe(plain.customers)

    const byProduct = await repo.revenueByProduct({})
    expect(byProduct.totals.orders).toBe(plain.ordersCompleted)
    expect(byProduct.totals.revenue).toBeCloseTo(plain.revenueCompleted as number, 2)
    const productSum = byProduct.products.reduce((a, p) => a + p.revenue, 0)
    expect(productSum).toBeCloseTo(byProduct.totals.revenue, 2)
    expect(byProduct.products.reduce((a, p) => a + p.orders, 0)).toBeGreaterThan(byProduct.totals.orders) // mixed orders

    // Four years of history fit in 60 months: the monthly series add up to the totals.
    const months = await repo.trends({ months: 60, today })
    expect(months).toHaveLength(60)
    expect(months.reduce((a, m) => a + m.ordersIn, 0)).toBe(plain.ordersTotal)
    expect(months.reduce((a, m) => a + m.ordersCompleted, 0)).toBe(plain.ordersCompleted)
    expect(months.reduce((a, m) => a + m.revenue, 0)).toBeCloseTo(plain.revenueCompleted as number, 2)
    expect(months.reduce((a, m) => a + m.squareFeet, 0)).toBeCloseTo(s.squareFeetCompleted, 2)

    const backlog = await repo.backlog({ days: 90, today })
    expect(backlog.at(-1)?.backlog).toBeCloseTo(s.backlogSquareFeet, 2)
    const fullBacklog = await repo.backlog({ days: 1900, today })
    expect(fullBacklog.slice(-90)).toEqual(backlog)

    const week = await repo.throughput({ days: 7, today })
    expect(week.at(-1)?.rollingAvg7).toBeCloseTo(s.squareFeetCompletedDailyAvg7d, 2)
    expect(week.reduce((a, d) => a + d.squareFeet, 0) / 7).toBeCloseTo(s.squareFeetCompletedDailyAvg7d, 2)

    const turnaround = await repo.turnaround({ bucketDays: 7 })
    expect(turnaround.buckets.reduce((a, b) => a + b.orders, 0)).toBe(plain.ordersCompleted)
    expect(turnaround.median).toBe(s.turnaroundMedianDays)
    expect(turnaround.p90).toBe(s.turnaroundP90Days)

    const activity = await repo.customers({ months: 60, today, top: 5 })
    expect(activity.monthly.reduce((a, m) => a + m.newCustomers, 0)).toBe(plain.customers)
    expect(activity.top).toHaveLength(5)
    expect(activity.top.map((c) => c.revenue)).toEqual(
      [...activity.top.map((c) => c.revenue)].sort((a, b) => b - a),
    )

    const dashboard = await repo.dashboard({ today, dueWithinDays: 7, recent: 10 })
    expect(Object.values(dashboard.countsByStatus).reduce((a, n) => a + n, 0)).toBe(plain.allOrders)
    expect(dashboard.recent).toHaveLength(10)
    expect(dashboard.recent.every((r) => r.status !== 'cancelled')).toBe(true)
  })
})
