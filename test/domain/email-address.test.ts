import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { firstValidEmail, isValidEmail } from '../../src/domain/email-address.js'

describe('firstValidEmail: the address e-mail goes to, out of a messy legacy field', () => {
  it.each([
    ['ann@example.com', 'ann@example.com'],
    ['  ANN@Example.COM ', 'ann@example.com'],
    ['ann@example.com#mailto:ann@example.com#', 'ann@example.com'],
    ['#mailto:ann@example.com#', 'ann@example.com'],
    ['ann@example.com; bob@example.com', 'ann@example.com'],
    ['ann@example.com,bob@example.com', 'ann@example.com'],
    ['ann@example.com bob@example.com', 'ann@example.com'],
    ['not-an-address; bob@example.com', 'bob@example.com'],
    ['Ann Smith <ann@example.com>', 'ann@example.com'],
    ['mailto:ann.o+covers@sub.example.co.uk', 'ann.o+covers@sub.example.co.uk'],
    ['ann@example.com.', 'ann@example.com'],
  ])('%j → %j', (raw, expected) => {
    expect(firstValidEmail(raw)).toBe(expected)
  })

  it.each([
    null,
    undefined,
    '',
    '   ',
    'ann at example dot com',
    'ann@',
    '@example.com',
    'ann@example',
    'ann@@example.com',
    'ann@exa_mple.com',
    'ann..o@example.com',
    '.ann@example.com',
    'ann@-example.com',
    'ann@example.c',
    'n/a',
    '#mailto:#',
  ])('finds nothing usable in %j', (raw) => {
    expect(firstValidEmail(raw)).toBeNull()
  })

  it('never answers anything but a valid, lower-case address that was in the field', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 300 }), (raw) => {
        const found = firstValidEmail(raw)
        if (found === null) return
        expect(isValidEmail(found)).toBe(true)
        expect(found).toBe(found.toLowerCase())
        expect(raw.toLowerCase()).toContain(found)
      }),
    )
  })

  it('finds a valid address wherever it stands among junk', () => {
    const junk = fc.constantFrom('', 'n/a', 'none', '#', 'mailto:', 'x@', '@y', 'phone 555-0100')
    const sep = fc.constantFrom(';', ',', ' ', '; ', '#', ' , ')
    fc.assert(
      fc.property(fc.emailAddress(), fc.array(junk, { maxLength: 3 }), sep, (email, before, s) => {
        // '#' is legal in a local part, but legacy hyperlinks use it as a separator, and quotes and
        // brackets around a field's address are trimmed: addresses starting with those are out of scope.
        fc.pre(isValidEmail(email.toLowerCase()) && /^[a-z0-9][^#]*$/i.test(email))
        const raw = [...before, email.toUpperCase()].join(s)
        expect(firstValidEmail(raw)).toBe(email.toLowerCase())
      }),
    )
  })
})
