import { afterEach, describe, expect, it } from 'vitest'
import { isCalendarDate, shopToday } from '../../src/domain/shop-date.js'

describe('shopToday', () => {
  const Original = Intl.DateTimeFormat
  afterEach(() => {
    Intl.DateTimeFormat = Original
  })

  it("gives the shop's own calendar date, not UTC's", () => {
    const lateEvening = new Date('2026-03-01T03:30:00Z') // 22:30 on Feb 28 in New York
    expect(shopToday('America/New_York', lateEvening)).toBe('2026-02-28')
    expect(shopToday('UTC', lateEvening)).toBe('2026-03-01')
    expect(shopToday('Asia/Tokyo', new Date('2026-12-31T16:00:00Z'))).toBe('2027-01-01')
  })

  it('makes one formatter per time zone, not one per call (each holds memory outside the heap)', () => {
    let made = 0
    Intl.DateTimeFormat = class extends Original {
      constructor(...args: ConstructorParameters<typeof Original>) {
        super(...args)
        made++
      }
    } as typeof Original
    shopToday('Europe/Lisbon')
    shopToday('Europe/Lisbon', new Date('2026-06-01T12:00:00Z'))
    for (let i = 0; i < 100; i++) shopToday('Europe/Lisbon')
    expect(made).toBeLessThanOrEqual(1)
    expect(shopToday('Europe/Lisbon', new Date('2026-06-01T23:30:00Z'))).toBe('2026-06-02')
  })
})

describe('isCalendarDate', () => {
  it.each(['2024-02-29', '2000-02-29', '0001-01-01', '9999-12-31', '2025-04-30'])('accepts %s', (d) => {
    expect(isCalendarDate(d)).toBe(true)
  })
  it.each([
    '2025-02-29',
    '2025-02-30',
    '1900-02-29',
    '2025-04-31',
    '0000-01-01',
    '2025-13-01',
    '2025-00-10',
    '2025-01-00',
    '2025-1-1',
    '20250101',
    ' 2025-01-01',
  ])('refuses %j', (d) => {
    expect(isCalendarDate(d)).toBe(false)
  })
})
