import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import {
  cleanLegacyEmail,
  formatPhone,
  parseLegacyBoolean,
  parseLegacyDate,
  parseLegacyInteger,
  parseLegacyPrice,
} from '../../src/domain/legacy-values.js'

const value = <T>(v: T) => ({ ok: true, value: v })
const pad = (n: number) => String(n).padStart(2, '0')

describe('parseLegacyBoolean', () => {
  it.each([
    ['True', true],
    [' yes ', true],
    ['Y', true],
    ['1', true],
    ['-1', true],
    ['FALSE', false],
    ['no', false],
    ['n', false],
    ['0', false],
    ['', null],
    ['   ', null],
  ])('reads %j as %j', (raw, expected) => {
    expect(parseLegacyBoolean(raw)).toEqual(value(expected))
  })

  it('rejects a value that is not a yes or a no, quoting it', () => {
    expect(parseLegacyBoolean('maybe')).toEqual({ ok: false, error: '"maybe" is not a yes/no value' })
  })
})

describe('parseLegacyDate', () => {
  it.each([
    ['2021-03-04', '2021-03-04'],
    ['03/04/2021', '2021-03-04'],
    ['3/4/2021', '2021-03-04'],
    ['3/4/2021 0:00:00', '2021-03-04'],
    ['12/31/1999 12:00:00 AM', '1999-12-31'],
    ['2021-03-04T00:00:00', '2021-03-04'],
    ['03/04/21', '2021-03-04'],
    ['03/04/69', '2069-03-04'],
    ['03/04/70', '1970-03-04'],
    ['02/29/2020', '2020-02-29'],
    [' 7/15/2019 ', '2019-07-15'],
    ['', null],
  ])('reads %j as %j', (raw, expected) => {
    expect(parseLegacyDate(raw)).toEqual(value(expected))
  })

  it.each(['13/45/2020', '02/30/2020', '02/29/2019', '2020-13-01', 'yesterday', '3/4', '04.03.2021'])(
    'rejects %j as not a date',
    (raw) => {
      expect(parseLegacyDate(raw)).toEqual({ ok: false, error: `${JSON.stringify(raw)} is not a date` })
    },
  )

  it('rejects a year the shop cannot have seen, such as a typo for 2020', () => {
    expect(parseLegacyDate('0202-03-04')).toMatchObject({ ok: false })
    expect(parseLegacyDate('3/4/2202')).toMatchObject({ ok: false })
  })

  it('round-trips every valid date written as YYYY-MM-DD, MM/DD/YYYY or M/D/YYYY', () => {
    const dates = fc.date({ min: new Date('1900-01-01'), max: new Date('2099-12-31'), noInvalidDate: true })
    fc.assert(
      fc.property(dates, (d) => {
        const [y, m, day] = [d.getUTCFullYear(), d.getUTCMonth() + 1, d.getUTCDate()]
        const iso = `${y}-${pad(m)}-${pad(day)}`
        expect(parseLegacyDate(iso)).toEqual(value(iso))
        expect(parseLegacyDate(`${pad(m)}/${pad(day)}/${y}`)).toEqual(value(iso))
        expect(parseLegacyDate(`${m}/${day}/${y} 0:00:00`)).toEqual(value(iso))
      }),
    )
  })

  it('reads two-digit years in the window 1970-2069', () => {
    const dates = fc.date({ min: new Date('1970-01-01'), max: new Date('2069-12-31'), noInvalidDate: true })
    fc.assert(
      fc.property(dates, (d) => {
        const [y, m, day] = [d.getUTCFullYear(), d.getUTCMonth() + 1, d.getUTCDate()]
        const expected = `${y}-${pad(m)}-${pad(day)}`
        expect(parseLegacyDate(`${pad(m)}/${pad(day)}/${pad(y % 100)}`)).toEqual(value(expected))
      }),
    )
  })
})

describe('parseLegacyPrice', () => {
  it.each([
    ['$1,234.50', 1234.5],
    ['1234.5', 1234.5],
    [' 45 ', 45],
    ['$ 45', 45],
    ['$0.99', 0.99],
    ['.5', 0.5],
    ['12.3456', 12.35],
    ['1.005', 1.01],
    ['$1,000,000', 1_000_000],
    ['', null],
  ])('reads %j as %j', (raw, expected) => {
    expect(parseLegacyPrice(raw)).toEqual(value(expected))
  })

  it.each(['-5', '$-5.00', '($12.00)'])('rejects the negative price %j', (raw) => {
    expect(parseLegacyPrice(raw)).toEqual({ ok: false, error: `${JSON.stringify(raw)} is negative` })
  })

  it.each(['TBD', '$', '12,34', '1.2.3', '45 dollars'])('rejects %j as not a price', (raw) => {
    expect(parseLegacyPrice(raw)).toEqual({ ok: false, error: `${JSON.stringify(raw)} is not a price` })
  })

  it('reads back every price formatted as $#,###.##', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 9_999_999_999 }), (cents) => {
        const price = cents / 100
        const text = `$${price.toLocaleString('en-US', { minimumFractionDigits: 2, maximumFractionDigits: 2 })}`
        expect(parseLegacyPrice(text)).toEqual(value(price))
      }),
    )
  })
})

describe('parseLegacyInteger', () => {
  it.each([
    ['42', 42],
    [' 1,234 ', 1234],
    ['17.0', 17],
    ['0', 0],
    ['', null],
  ])('reads %j as %j', (raw, expected) => {
    expect(parseLegacyInteger(raw)).toEqual(value(expected))
  })

  it.each(['-3', '1.5', 'ten', '99999999999'])('rejects %j', (raw) => {
    expect(parseLegacyInteger(raw)).toMatchObject({ ok: false })
  })
})

describe('cleanLegacyEmail', () => {
  it.each([
    ['Jane.Doe@Example.com#mailto:jane.doe@example.com#', 'jane.doe@example.com'],
    ['mailto:bob@sailloft.net', 'bob@sailloft.net'],
    ['  <Ann@Marina.org>  ', 'ann@marina.org'],
    ['Bob Smith <bob@x.co.uk>', 'bob@x.co.uk'],
    ['#mailto:ops@canvas.com#', 'ops@canvas.com'],
    ['first@a.com; second@b.com', 'first@a.com'],
    ['none', null],
    ['bob@', null],
    ['', null],
  ])('cleans %j to %j', (raw, expected) => {
    expect(cleanLegacyEmail(raw)).toBe(expected)
  })
})

describe('formatPhone', () => {
  it.each([
    ['410-867-5309', '(410) 867-5309'],
    ['4108675309', '(410) 867-5309'],
    ['1 (410) 867.5309', '(410) 867-5309'],
    ['410-867-5309 ext 12', '(410) 867-5309 x12'],
    ['(410) 867-5309x123', '(410) 867-5309 x123'],
    ['+44 20 7946 0958', '+44 20 7946 0958'],
  ])('formats %j as %j', (raw, expected) => {
    expect(formatPhone(raw)).toBe(expected)
  })

  it.each([
    ['555-1234', '555-1234'],
    [' 410-867-5309 (boat) ', '410-867-5309 (boat)'],
    ['410-867-5309 / 410-555-0100', '410-867-5309 / 410-555-0100'],
    ['call the marina', 'call the marina'],
  ])('keeps %j as typed when it is not exactly one valid number', (raw, expected) => {
    expect(formatPhone(raw)).toBe(expected)
  })

  it('turns a blank phone into null', () => {
    expect(formatPhone('   ')).toBeNull()
  })
})

describe('every value parser', () => {
  it('never throws on any string, and a phone never loses its text', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary' }), (s) => {
        parseLegacyBoolean(s)
        parseLegacyDate(s)
        parseLegacyPrice(s)
        parseLegacyInteger(s)
        cleanLegacyEmail(s)
        const phone = formatPhone(s)
        expect(phone === null).toBe(s.trim() === '')
      }),
      { numRuns: 500 },
    )
  })

  it('never throws on strings made of the characters legacy values use', () => {
    const chars = fc.constantFrom(...'0123456789$,.-/: #@xX()+eExtmailto<>'.split(''))
    fc.assert(
      fc.property(fc.string({ unit: chars }), (s) => {
        parseLegacyDate(s)
        parseLegacyPrice(s)
        parseLegacyInteger(s)
        cleanLegacyEmail(s)
        formatPhone(s)
      }),
      { numRuns: 1000 },
    )
  })
})
