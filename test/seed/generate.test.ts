import { describe, expect, it } from 'vitest'
import { parseSquareFeet } from '../../src/domain/square-feet.js'
import { type GeneratedWorkOrder, generateShopData } from '../../src/seed/generate.js'

const opts = { customers: 400, workOrders: 4000, seed: 7 }
const data = generateShopData(opts)
const orders = data.workOrders
const items = orders.flatMap((w) => w.items)

const daysBetween = (a: string, b: string) => (Date.parse(b) - Date.parse(a)) / 86_400_000
const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length
const share = (f: (w: GeneratedWorkOrder) => boolean) => orders.filter(f).length / orders.length
const turnaround = (w: GeneratedWorkOrder) => daysBetween(w.dateIn as string, w.dateCompleted as string)
const month = (w: GeneratedWorkOrder) => Number(w.dateIn?.slice(5, 7))

describe('generateShopData', () => {
  it('gives the same data for the same seed, byte for byte, and other data for another seed', () => {
    const again = generateShopData(opts)
    expect(again).toEqual(data)
    expect(JSON.stringify(again)).toBe(JSON.stringify(data))
    expect(generateShopData({ ...opts, seed: 8 })).not.toEqual(data)
  })

  it('makes the counts asked for, with consecutive numbers and valid references', () => {
    expect(data.customers).toHaveLength(400)
    expect(orders).toHaveLength(4000)
    expect(data.sources).toHaveLength(8) // max(5, 400 / 50)
    expect(generateShopData({ customers: 10, workOrders: 20, seed: 1 }).sources).toHaveLength(5)
    expect(generateShopData({ ...opts, sources: 30 }).sources).toHaveLength(30)
    expect(data.customers.map((c) => c.customerNo)).toEqual(data.customers.map((_, i) => i + 1))
    expect(orders.map((w) => w.workOrderNo)).toEqual(orders.map((_, i) => i + 1))
    expect(new Set(data.sources.map((s) => s.name)).size).toBe(data.sources.length)
    for (const c of data.customers) {
      if (c.sourceIndex !== null) expect(data.sources[c.sourceIndex]).toBeDefined()
    }
    for (const w of orders) {
      expect(data.customers[w.customerIndex]).toBeDefined()
      if (w.shipToSourceIndex !== null) expect(data.sources[w.shipToSourceIndex]).toBeDefined()
    }
    const withSource = data.customers.filter((c) => c.sourceIndex !== null).length / data.customers.length
    expect(withSource).toBeGreaterThan(0.3)
    expect(withSource).toBeLessThan(0.5)
  })

  it('numbers work orders in date-in order over about four years ending today', () => {
    const dates = orders.map((w) => w.dateIn as string)
    expect([...dates].sort()).toEqual(dates)
    expect((dates[0] as string) > '2022-11-01').toBe(true)
    expect((dates.at(-1) as string) <= '2026-11-01').toBe(true)
    expect(daysBetween(dates[0] as string, dates.at(-1) as string)).toBeGreaterThan(4 * 365 - 30)
    const other = generateShopData({ customers: 20, workOrders: 200, seed: 3, today: '2020-06-15' })
    expect(other.workOrders.every((w) => (w.dateIn as string) <= '2020-06-15')).toBe(true)
    expect(() => generateShopData({ ...opts, today: '15/06/2020' })).toThrow()
  })

  it('keeps every order’s dates in lifecycle order, and open orders match their status', () => {
    const open = new Set(['received', 'queued', 'in_progress', 'cleaned', 'treated', 'packaged', 'cancelled'])
    for (const w of orders) {
      const chain = [w.dateIn, w.dateCleaned, w.dateTreated, w.datePackaged, w.dateCompleted].filter(
        (d): d is string => !!d,
      )
      expect([...chain].sort()).toEqual(chain)
      for (const d of chain) expect(d <= '2026-11-01').toBe(true)
      if (w.dateRequired) expect(w.dateRequired >= (w.dateIn as string)).toBe(true)
      if (w.status === 'completed') {
        expect(w.dateCleaned && w.dateTreated && w.datePackaged && w.dateCompleted).toBeTruthy()
        expect(w.quoteStatus === null || w.quoteStatus === 'approved').toBe(true)
      } else {
        expect(open.has(w.status as string)).toBe(true)
        expect(w.dateCompleted).toBeNull()
        expect(!!w.dateCleaned).toBe(['cleaned', 'treated', 'packaged'].includes(w.status as string))
        expect(!!w.dateTreated).toBe(['treated', 'packaged'].includes(w.status as string))
        expect(!!w.datePackaged).toBe(w.status === 'packaged')
        expect(w.status === 'cancelled').toBe(w.quoteStatus === 'declined')
        if (w.quoteStatus === 'pending') expect(w.status).toBe('received')
      }
    }
    expect(orders.some((w) => w.status !== 'completed')).toBe(true)
    expect(share((w) => w.quoteStatus === null)).toBeGreaterThan(0.9)
  })

  it('has the asked-for shares of rush, firm rush, cushion and repair orders, and the seasons', () => {
    expect(share((w) => !!w.rush)).toBeCloseTo(0.12, 1)
    expect(share((w) => !!w.firmRush)).toBeCloseTo(0.04, 1)
    expect(orders.every((w) => !w.firmRush || w.rush)).toBe(true)
    expect(share((w) => !!w.isCushion)).toBeCloseTo(0.15, 1)
    expect(share((w) => !!w.repairsNeeded)).toBeCloseTo(0.2, 1)
    expect(new Set(orders.map((w) => w.storageTime))).toEqual(new Set(['seasonal', 'temporary', null]))
    const fall = orders.filter((w) => [9, 10, 11].includes(month(w))).length
    const summer = orders.filter((w) => [6, 7, 8].includes(month(w))).length
    const spring = orders.filter((w) => [3, 4, 5].includes(month(w))).length
    expect(fall).toBeGreaterThan(2 * summer)
    expect(spring).toBeGreaterThan(summer)
    for (const w of orders) {
      if (w.rush && w.dateRequired)
        expect(daysBetween(w.dateIn as string, w.dateRequired)).toBeLessThanOrEqual(21)
      if (w.rush) expect(w.dateRequired).toBeTruthy()
    }
  })

  it('completes rush orders faster, firm rush fastest, and fall (backlog) orders slower than summer ones', () => {
    const done = orders.filter((w) => w.status === 'completed')
    const regular = mean(done.filter((w) => !w.rush).map(turnaround))
    const rush = mean(done.filter((w) => w.rush && !w.firmRush).map(turnaround))
    const firm = mean(done.filter((w) => w.firmRush).map(turnaround))
    expect(rush).toBeLessThan(regular * 0.7)
    expect(firm).toBeLessThan(rush)
    const regularIn = (months: number[]) => done.filter((w) => !w.rush && months.includes(month(w)))
    expect(mean(regularIn([9, 10, 11]).map(turnaround))).toBeGreaterThan(
      mean(regularIn([6, 7, 8]).map(turnaround)) * 1.3,
    )
    const repairs = mean(done.filter((w) => !w.rush && w.repairsNeeded).map(turnaround))
    expect(repairs).toBeGreaterThan(mean(done.filter((w) => !w.rush && !w.repairsNeeded).map(turnaround)))
    expect(done.every((w) => turnaround(w) >= 1)).toBe(true)
  })

  it('makes 1–6 items an order with square feet that match the size text, null exactly for weights', () => {
    for (const w of orders) {
      expect(w.items.length).toBeGreaterThanOrEqual(1)
      expect(w.items.length).toBeLessThanOrEqual(6)
    }
    for (const it of items) {
      expect(it.quantity).toBeGreaterThanOrEqual(1)
      expect(it.sizeText).toBeTruthy()
      const text = it.sizeText as string
      expect(it.squareFeet === null).toBe(text.endsWith('#'))
      // the shop's own parser reads back the area the text was made from
      const parsed = parseSquareFeet(text)
      expect(parsed === null).toBe(it.squareFeet === null)
      if (it.squareFeet !== null) {
        expect(it.squareFeet).toBeGreaterThanOrEqual(0)
        expect(Math.abs((parsed as number) - it.squareFeet)).toBeLessThanOrEqual(0.0101)
      }
      if (it.unitPrice !== null) expect(it.unitPrice).toBeGreaterThanOrEqual(0)
    }
    const texts = items.map((i) => i.sizeText as string)
    expect(texts.some((t) => /^\d+'\d+"x\d+'\d+"$/.test(t))).toBe(true) // 10'6"x8'3"
    expect(texts.some((t) => /^\d+x\d+$/.test(t))).toBe(true) // 8x10
    expect(texts.some((t) => /^\d+x\d+=\d+'$/.test(t))).toBe(true) // 8x10=80'
    expect(texts.some((t) => /^\d+'\d*R$/.test(t))).toBe(true) // 4'8R
    expect(texts.some((t) => /^\d+x\d+(\+\d+x\d+)+$/.test(t))).toBe(true) // 10x12+4x6
    expect(texts.some((t) => /^\d+#$/.test(t))).toBe(true) // 30#
    const unpriced = items.filter((i) => i.unitPrice === null).length / items.length
    expect(unpriced).toBeGreaterThan(0.02)
    expect(unpriced).toBeLessThan(0.08)
    const priced = items.filter((i) => i.unitPrice !== null && i.squareFeet !== null && i.squareFeet > 40)
    // Surcharges stack (heavy mildew, torn, repairs, firm rush), so single pieces run high; the typical one does not.
    const rates = priced
      .map((it) => (it.unitPrice as number) / (it.squareFeet as number))
      .sort((a, b) => a - b)
    expect(rates.at(-1)).toBeLessThan(15)
    expect(rates[Math.floor(rates.length / 2)]).toBeGreaterThan(1.5)
    expect(rates[Math.floor(rates.length / 2)]).toBeLessThan(5)
  })

  it('has heavy-tailed repeat customers and a few messy legacy values', () => {
    const perCustomer = new Map<number, number>()
    for (const w of orders) perCustomer.set(w.customerIndex, (perCustomer.get(w.customerIndex) ?? 0) + 1)
    const counts = [...perCustomer.values()].sort((a, b) => b - a)
    expect(counts[0]).toBeGreaterThan(5 * (counts[counts.length >> 1] as number))
    expect(counts.filter((n) => n > 1).length).toBeGreaterThan(counts.length / 2)
    const big = generateShopData({ customers: 3000, workOrders: 3000, seed: 11 })
    expect(big.customers.some((c) => /#mailto:/.test(c.email ?? ''))).toBe(true)
    expect(
      big.customers.some((c) => [c.homePhone, c.cellPhone].some((p) => p && /^\d{10}$|\.|^555-/.test(p))),
    ).toBe(true)
    expect(items.some((i) => i.color === '')).toBe(true)
  })
})
