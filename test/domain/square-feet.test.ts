import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import {
  NOT_BLANK_PATTERN,
  parseSquareFeet,
  sizeWarning,
  WEIGHT_PATTERN,
} from '../../src/domain/square-feet.js'

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
    // Metric: 3 m x 2.5 m is 7.5 m², 80.73 sq ft, however it is written.
    ['approx 3m x 2.5m', 80.73],
    ['3m x 2.5m', 80.73],
    ['3mx2.5m', 80.73],
    ['300x250cm', 80.73],
    ['300 x 250 cm', 80.73],
    ['3 m x 2,5 m', 80.73],
    ['3000x2500mm', 80.73],
    ['3000 mm x 2500 mm', 80.73],
    ['3 metres x 2.5 meters', 80.73],
    ['3M X 2.5M', 80.73],
    ['3m x 250cm', 80.73],
    ['about 3 x 2,5 m', 80.73],
    ['ca. 3x2.5m (faded)', 80.73],
    ['~3x2.5m', 80.73],
    ['2m x 3m + 1m x 1m', 75.35],
    ['1.5m round', 19.02],
    ['=7.5 m²', 80.73],
    ['=7.5m2', 80.73],
    ['3x2.5m = 8 sqm', 86.11],
    ['10x12 marina side', 120],
    ['approx 10x12', 120],
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
    '3m x 2.5m x 1m',
    '3000x2500',
    '1,200x800mm',
    'cat 3x4',
    '2m2',
  ])('gives no square footage for %j', (text) => {
    expect(parseSquareFeet(text)).toBeNull()
  })

  it.each([
    ['abc', true],
    ['10x12x3', true],
    ['3000x2500', true],
    [`10'14"x8'`, true],
    ['x'.repeat(250), true],
    ['10x12', false],
    ['300x250cm', false],
    ['30#', false],
    ['30 lbs', false],
    ['2 pounds', false],
    ['', false],
    ['  ', false],
    [null, false],
  ])('warns about %j: %s', (text, warns) => {
    const warning = sizeWarning(text)
    expect(warning !== null).toBe(warns)
    if (warning) expect(warning).toMatch(/not understood/)
  })

  it('warns exactly when a size is not blank, not a weight and gives no square feet (what lists count in SQL)', () => {
    const weight = new RegExp(WEIGHT_PATTERN)
    const notBlank = new RegExp(NOT_BLANK_PATTERN)
    const sizeLike = fc.string({ unit: fc.constantFrom(...`0123456789.'"x+=#lbs mcR pound`.split('')) })
    fc.assert(
      fc.property(fc.oneof(fc.string(), sizeLike), (text) => {
        const counted =
          parseSquareFeet(text) === null && notBlank.test(text) && !weight.test(text.toLowerCase())
        expect(sizeWarning(text) !== null).toBe(counted)
      }),
    )
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
