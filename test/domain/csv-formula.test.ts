import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { neutralizeFormula, restoreFormula } from '../../src/domain/csv-formula.js'

describe('neutralizeFormula (OWASP CSV injection)', () => {
  it.each([
    ['=HYPERLINK("http://evil.example","x")', `'=HYPERLINK("http://evil.example","x")`],
    ['@SUM(1+1)', "'@SUM(1+1)"],
    ['+1 410 555 0199', "'+1 410 555 0199"],
    ['-5', "'-5"],
    ['\t=1', "'\t=1"],
    ['\r=1', "'\r=1"],
    ["'=already", "''=already"],
  ])('prefixes %j with a single quote', (text, expected) => {
    expect(neutralizeFormula(text)).toBe(expected)
  })

  it.each(['Chesapeake Crab House', "O'Brien", '', ' =1', '10x12', "'Tis"])('leaves %j as it is', (text) => {
    expect(neutralizeFormula(text)).toBe(text)
  })

  it('never leaves a cell starting with a formula character, and restores what it neutralized', () => {
    fc.assert(
      fc.property(fc.string(), (text) => {
        const cell = neutralizeFormula(text)
        expect(cell).not.toMatch(/^[=+\-@\t\r]/)
        expect(restoreFormula(cell)).toBe(text)
      }),
      { numRuns: 2000 },
    )
  })
})
