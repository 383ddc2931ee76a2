import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Database } from '../../src/db/index.js'
import { createMigrator } from '../../src/db/migrator.js'
import { generateShopData } from '../../src/seed/generate.js'
import { loadShopData } from '../../src/seed/load.js'
import { createTestDatabase, type TestDatabase } from '../helpers/database.js'

describe('loadShopData', () => {
  let testDb: TestDatabase
  let database: Database
  const data = generateShopData({ customers: 200, workOrders: 1000, seed: 5 })
  const itemCount = data.workOrders.reduce((n, w) => n + w.items.length, 0)

  const count = async (query: string): Promise<number> => {
    const rows = await database.withSession((s) => s.query<{ n: number }>(query))
    return Number(rows[0]?.n)
  }

  beforeAll(async () => {
    testDb = await createTestDatabase()
    database = await testDb.open()
    await createMigrator(database).upgrade()
  })
  afterAll(async () => {
    await database.close()
    await testDb.dispose()
  })

  it('inserts everything, keeps the numbers, writes history and catalog, and moves the sequences', async () => {
    const counts = await loadShopData(database.db, data, { batchSize: 300 })
    expect(counts).toEqual({
      sources: data.sources.length,
      customers: 200,
      workOrders: 1000,
      items: itemCount,
    })
    expect(await count('SELECT count(*)::int AS n FROM sources')).toBe(data.sources.length)
    expect(await count('SELECT count(*)::int AS n FROM customers')).toBe(200)
    expect(await count('SELECT count(*)::int AS n FROM work_orders')).toBe(1000)
    expect(await count('SELECT count(*)::int AS n FROM work_order_items')).toBe(itemCount)
    expect(
      await count(`SELECT count(*)::int AS n FROM work_order_status_history WHERE note = 'seeded'`),
    ).toBe(1000)
    expect(
      await count(`SELECT count(*)::int AS n FROM work_order_status_history h JOIN work_orders w
        ON w.id = h.work_order_id WHERE h.from_status IS NULL AND h.to_status = w.status`),
    ).toBe(1000)

    const catalog = await count('SELECT count(*)::int AS n FROM customer_items')
    expect(catalog).toBeGreaterThan(0)
    expect(catalog).toBeLessThanOrEqual(itemCount)
    // every item points at its customer's catalog row
    expect(
      await count(`SELECT count(*)::int AS n FROM work_order_items i JOIN work_orders w ON w.id = i.work_order_id
        JOIN customer_items c ON c.id = i.catalog_item_id AND c.customer_id = w.customer_id`),
    ).toBe(itemCount)

    // numbers and relations are the generated ones
    expect(await count('SELECT max(customer_no) AS n FROM customers')).toBe(200)
    expect(await count('SELECT max(work_order_no) AS n FROM work_orders')).toBe(1000)
    const first = data.workOrders[0]
    const owner = data.customers[first?.customerIndex ?? -1]
    expect(
      await count(`SELECT c.customer_no AS n FROM work_orders w JOIN customers c ON c.id = w.customer_id
        WHERE w.work_order_no = 1`),
    ).toBe(owner?.customerNo)

    expect(await count(`SELECT nextval('work_order_number_seq')::int AS n`)).toBeGreaterThan(1000)
    expect(await count(`SELECT nextval('customer_number_seq')::int AS n`)).toBeGreaterThan(200)
  })

  it('is all or nothing: a failing load leaves no rows behind', async () => {
    const before = await count('SELECT count(*)::int AS n FROM customers')
    const other = generateShopData({ customers: 20, workOrders: 50, seed: 6 })
    // The same customer numbers again: the customers insert fails after the sources went in.
    await expect(
      loadShopData(database.db, {
        ...other,
        sources: other.sources.map((s) => ({ ...s, name: `${s.name} X` })),
      }),
    ).rejects.toThrow()
    expect(await count('SELECT count(*)::int AS n FROM customers')).toBe(before)
    expect(await count(`SELECT count(*)::int AS n FROM sources WHERE name LIKE '% X'`)).toBe(0)
  })
})
