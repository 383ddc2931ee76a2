import { describe, expect, it } from 'vitest'
import { catalogKey, latestPrices, previousPricesAsOf } from '../../src/ml/catalog-history.js'
import { ItemPriceModel, itemFeatures } from '../../src/ml/item-price.js'
import { fitPriceIndex, logLevel } from '../../src/ml/price-index.js'
import { type OrderRecord, trainingRows } from '../../src/ml/train.js'
import { demoRecords } from './demo-records.js'

describe('the list-price index', () => {
  it('recovers yearly levels from pieces priced twice, and extrapolates at the average rise', () => {
    const level: Record<number, number> = { 2022: 0, 2023: 0.05, 2024: 0.11, 2025: 0.14 }
    const pairs = [
      { fromYear: 2022, toYear: 2023, logRatio: 0.05 },
      { fromYear: 2023, toYear: 2024, logRatio: 0.06 },
      { fromYear: 2022, toYear: 2024, logRatio: 0.11 },
      { fromYear: 2024, toYear: 2025, logRatio: 0.03 },
      { fromYear: 2024, toYear: 2025, logRatio: 0.03 },
      { fromYear: 2024, toYear: 2025, logRatio: 0.5 }, // a repriced piece: the median ignores it
    ]
    const index = fitPriceIndex(pairs)
    for (const [year, l] of Object.entries(level)) expect(logLevel(index, Number(year))).toBeCloseTo(l, 6)
    expect(logLevel(index, 2027)).toBeCloseTo(0.14 + 2 * (0.14 / 3), 6)
  })
})

describe('catalog price history', () => {
  it('gives each item the last price of the same piece from an earlier day, never its own order’s', () => {
    const item = (unitPrice: number | null) => ({
      description: 'Patio awning',
      material: 'Sunbrella',
      color: 'Navy',
      sizeText: '10x12',
      unitPrice,
    })
    const order = (id: number, dateIn: string, unitPrice: number | null) => ({
      id,
      customerId: 7,
      dateIn,
      rush: false,
      firmRush: false,
      items: [item(unitPrice)],
    })
    const prev = previousPricesAsOf([
      order(1, '2024-03-01', 100),
      order(2, '2025-03-01', null),
      order(3, '2025-03-01', 104),
      order(4, '2025-03-02', 110),
    ])
    expect(prev.map((p) => p[0]?.price ?? null)).toEqual([null, 100, 100, 104])
    expect(catalogKey(7, { ...item(1), description: ' patio  AWNING ' })).toBe(catalogKey(7, item(1)))
    // The prediction path's lookup (its SQL returns the customer's priced items before the day) agrees.
    const past = [
      { ...item(100), unitPrice: 100, orderId: 1, dateIn: '2024-03-01', rush: false, firmRush: false },
      { ...item(104), unitPrice: 104, orderId: 3, dateIn: '2025-03-01', rush: false, firmRush: false },
    ]
    expect(latestPrices(7, [item(null)], past)[0]?.price).toBe(104)
    expect(latestPrices(7, [{ ...item(null), color: 'Tan' }], past)).toEqual([null])
  })
})

describe('the item-level training rows', () => {
  const records = demoRecords({ customers: 80, workOrders: 900, seed: 3 })
  const rows = trainingRows(records)
  const k = rows.findIndex((r, i) => i > 600 && r.pricing.previous.some((p) => p !== null))
  const target = rows[k] as (typeof rows)[number]

  it('use nothing dated after their date in: moving later prices and completions changes no row', () => {
    expect(k).toBeGreaterThan(0)
    const moved: OrderRecord[] = records.map((r) =>
      r.facts.dateIn > target.dateIn
        ? {
            ...r,
            status: 'completed',
            dateCompleted: r.facts.dateIn,
            unitPrices: r.unitPrices?.map((u) => (u === null ? 1 : u * 3)),
            price: 1,
          }
        : r,
    )
    const again = trainingRows(moved)
    const index = { firstYear: 2022, logLevels: [0, 0.05, 0.1, 0.14, 0.18], slope: 0.045 }
    const features = (row: typeof target) =>
      row.facts.items.map((it, j) =>
        itemFeatures(row.facts, it, row.pricing.previous[j] ?? null, row.pricing, index),
      )
    for (let i = 0; i <= k; i++) {
      const a = rows[i] as typeof target
      const b = again[i] as typeof target
      if (a.dateIn > target.dateIn) continue
      expect(b.x).toEqual(a.x)
      expect(b.pricing).toEqual(a.pricing)
      expect(features(b)).toEqual(features(a))
    }
  })

  it('do see an earlier price move (the history is really used)', () => {
    const earlier = target.pricing.previous.find((p) => p !== null)
    const moved = records.map((r) =>
      r.facts.dateIn === earlier?.dateIn
        ? { ...r, unitPrices: r.unitPrices?.map((u) => (u === null ? u : u + 1)) }
        : r,
    )
    expect(trainingRows(moved)[k]?.pricing).not.toEqual(target.pricing)
  })

  it('price an order as the sum of its pieces, near what the shop charged', () => {
    const priced = rows
      .filter((r) => r.unitPrices !== null)
      .map((r) => ({ facts: r.facts, pricing: r.pricing, unitPrices: r.unitPrices as number[] }))
    const model = ItemPriceModel.fit(priced.slice(0, 700))
    const again = ItemPriceModel.load(JSON.parse(JSON.stringify(model.toJSON())))
    const test = priced.slice(700)
    let abs = 0
    let total = 0
    for (const o of test) {
      const actual = o.facts.items.reduce((s, it, j) => s + it.quantity * (o.unitPrices[j] as number), 0)
      const predicted = again.predictOrder(o.facts, o.pricing)
      expect(predicted).toBeCloseTo(model.predictOrder(o.facts, o.pricing), 9)
      abs += Math.abs(predicted - actual)
      total += actual
    }
    // Within 15% of the price on average on a small history (the bench measures the real figures).
    expect(abs / total).toBeLessThan(0.15)
  })
})
