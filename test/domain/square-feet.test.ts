import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { parseSquareFeet } from '../../src/domain/square-feet.js'

describe('parseSquareFeet', () => {
  it.each([
    [`10'6"x8'3"`, 86.63],
    [`10' x 12'`, 120],
    ['8x10', 80],
    ['96"x120"', 80],
    [`5'x 7'6"`, 37.5],
    [`10'6 x 8'3`, 86.63],
    [`10' 6" x 8' 3"`, 86.63],
    ['10X12', 120],
    ['10×12', 120],
    ['10*12', 120],
    ['10 by 12', 120],
    ['   10   x   12   ', 120],
    ['10.5x8.25', 86.63],
    ['12 ft x 20 ft', 240],
    ['12ftx20ft', 240],
    ['10x12 awning', 120],
    ['10x12 (approx)', 120],
    ['10x12 sq ft', 120],
    [`8x10=80'`, 80],
    ['12x14 = 168', 168],
    ['=45 sq ft', 45],
    ['8x10 = 78 (measured)', 78],
    [`4'8R`, 17.1],
    ['36"R', 7.07],
    ['6R', 28.27],
    ['6 round', 28.27],
    ['10x12+8x6', 168],
    [`10'x12' + 4'R`, 132.57],
    ['10′6″x8′3″', 86.63],
    [`10'6''x8'3''`, 86.63],
    ['10’6”x8’3”', 86.63],
    ['48"x10\'', 40],
  ])('reads %j as %s square feet', (text, expected) => {
    expect(parseSquareFeet(text)).toBe(expected)
  })

  it.each([
    '30#',
    '45 #',
    '30 lbs',
    '30lb',
    '',
    '   ',
    '?',
    'n/a',
    'see notes',
    '10x12x3',
    `10'14"x8'`,
    '0x10',
    '1000x1000',
    '10x12+',
    '-10x12',
    '10x12=',
    '8x10=80=90',
    'awning 10x12',
    '10x12?',
    'x12',
  ])('gives no square footage for %j', (text) => {
    expect(parseSquareFeet(text)).toBeNull()
  })

  it('gives no square footage for null or undefined', () => {
    expect(parseSquareFeet(null)).toBeNull()
    expect(parseSquareFeet(undefined)).toBeNull()
  })

  it('never throws on any string and returns null or a finite number that is not negative', () => {
    const sizeLike = fc.string({
      unit: fc.constantFrom(...`0123456789.'"′″xX×*+=R# ()-abylst`.split('')),
    })
    fc.assert(
      fc.property(fc.oneof(fc.string({ unit: 'binary' }), sizeLike), (text) => {
        const result = parseSquareFeet(text)
        expect(result === null || (Number.isFinite(result) && result >= 0)).toBe(true)
      }),
      { numRuns: 2000 },
    )
  })

  it('reads any pair of whole feet written AxB as A times B', () => {
    const separator = fc.constantFrom('x', 'X', '×', '*', ' x ', ' by ', 'x ')
    const mark = fc.constantFrom('', "'", '′', ' ft')
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 300 }),
        fc.integer({ min: 1, max: 300 }),
        separator,
        mark,
        (a, b, sep, m) => {
          expect(parseSquareFeet(`${a}${m}${sep}${b}${m}`)).toBe(a * b)
        },
      ),
    )
  })

  it('reads feet and inches on both sides to within rounding', () => {
    const side = fc.record({ feet: fc.integer({ min: 1, max: 99 }), inches: fc.integer({ min: 0, max: 11 }) })
    fc.assert(
      fc.property(side, side, (w, h) => {
        const exact = (w.feet + w.inches / 12) * (h.feet + h.inches / 12)
        const result = parseSquareFeet(`${w.feet}'${w.inches}"x${h.feet}'${h.inches}"`)
        expect(Math.abs((result ?? Number.NaN) - exact)).toBeLessThanOrEqual(0.005 + 1e-9)
      }),
    )
  })

  it('reads sections joined with + as the sum of their parts', () => {
    const feet = fc.integer({ min: 1, max: 99 })
    const section = fc.oneof(
      fc.tuple(feet, feet).map(([a, b]) => `${a}x${b}`),
      fc.tuple(feet, fc.integer({ min: 0, max: 11 })).map(([f, i]) => `${f}'${i}R`),
      fc.tuple(feet, feet).map(([a, b]) => `${a * 12}"x${b}'`),
    )
    fc.assert(
      fc.property(
        fc.array(section, { minLength: 2, maxLength: 4 }),
        fc.constantFrom('+', ' + '),
        (parts, plus) => {
          const sum = parts.reduce((total, part) => total + (parseSquareFeet(part) ?? Number.NaN), 0)
          const joined = parseSquareFeet(parts.join(plus))
          // Each part is rounded on its own and the total once, so they may differ by those roundings.
          expect(Math.abs((joined ?? Number.NaN) - sum)).toBeLessThanOrEqual(
            0.005 * (parts.length + 1) + 1e-9,
          )
        },
      ),
    )
  })

  it('gives no square footage for any sail weight written N#', () => {
    fc.assert(
      fc.property(fc.nat(), fc.constantFrom('#', ' #', '  #', ' lbs', 'lb'), (n, unit) => {
        expect(parseSquareFeet(`${n}${unit}`)).toBeNull()
      }),
    )
  })
})
