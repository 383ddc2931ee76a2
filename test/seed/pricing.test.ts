import { describe, expect, it } from 'vitest'
import { generateShopData } from '../../src/seed/generate.js'
import { conditionFactor, largeOrderFactor, listIndex, listPrice } from '../../src/seed/pricing.js'

const piece = (over: Partial<Parameters<typeof listPrice>[0]>) => ({
  description: 'Patio awning',
  material: 'Sunbrella',
  quantity: 1,
  squareFeet: 100,
  sizeText: '10x10',
  condition: null,
  ...over,
})

describe('demo shop pricing', () => {
  it('charges less per square foot for large pieces, never below the piece minimum', () => {
    const small = listPrice(piece({ squareFeet: 40 })) / 40
    const large = listPrice(piece({ squareFeet: 400 })) / 400
    expect(large).toBeLessThan(small * 0.85)
    expect(listPrice(piece({ squareFeet: 2 }))).toBe(35)
  })

  it('prices sails by weight and cushions per piece plus area, with a quantity discount', () => {
    expect(
      listPrice(piece({ description: 'Mainsail', material: 'Dacron', squareFeet: null, sizeText: '40#' })),
    ).toBe(136)
    const one = listPrice(piece({ description: 'Cushion', squareFeet: 4, quantity: 1 }))
    expect(one).toBeCloseTo(14 + 3.2 * 4)
    expect(listPrice(piece({ description: 'Cushion', squareFeet: 4, quantity: 8 }))).toBeCloseTo(one * 0.85)
  })

  it('raises list prices every year, surcharges mildew and damage, discounts large orders', () => {
    for (let y = 2021; y <= 2030; y++) expect(listIndex(y)).toBeGreaterThan(listIndex(y - 1))
    expect(conditionFactor('Heavy mildew')).toBeGreaterThan(conditionFactor('Mildew'))
    expect(conditionFactor('Torn seam')).toBeGreaterThan(1)
    expect(conditionFactor('Good')).toBe(1)
    expect(largeOrderFactor(4000)).toBeLessThan(largeOrderFactor(2000))
  })

  it('reprices most returning catalog pieces from their last price moved by the list-price change', () => {
    const data = generateShopData({ customers: 300, workOrders: 3000, seed: 5 })
    const last = new Map<string, { price: number; year: number; rush: number }>()
    let moved = 0
    let repeats = 0
    for (const w of data.workOrders) {
      const year = Number(w.dateIn?.slice(0, 4))
      const rush = w.firmRush ? 1.5 : w.rush ? 1.25 : 1
      for (const it of w.items) {
        if (it.unitPrice === null || it.unitPrice === undefined) continue
        const key = JSON.stringify([w.customerIndex, it.description, it.material, it.color, it.sizeText])
        const before = last.get(key)
        if (before) {
          repeats++
          const expected = ((before.price * listIndex(year)) / listIndex(before.year)) * (rush / before.rush)
          if (Math.abs(it.unitPrice - expected) <= 0.5) moved++
        }
        last.set(key, { price: it.unitPrice, year, rush })
      }
    }
    expect(repeats).toBeGreaterThan(500)
    expect(moved / repeats).toBeGreaterThan(0.75)
  })
})
