import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { hashPassword, passwordProblem, verifyPassword } from '../../src/auth/passwords.js'
import { createTokenDigester, secretsEqual } from '../../src/auth/tokens.js'

describe('password policy', () => {
  it('accepts 8 to 128 characters with no composition rules', () => {
    expect(passwordProblem('awningsandsails')).toBeUndefined()
    expect(passwordProblem('        a')).toBeUndefined()
    expect(passwordProblem('ü'.repeat(128))).toBeUndefined()
  })

  it('rejects short, overlong and common passwords, and the username itself', () => {
    expect(passwordProblem('short')).toMatch(/at least 8/)
    expect(passwordProblem('x'.repeat(129))).toMatch(/at most 128/)
    expect(passwordProblem('password1')).toMatch(/too common/)
    expect(passwordProblem('Iloveyou')).toMatch(/too common/)
    expect(passwordProblem('sailmaker42', 'SailMaker42')).toMatch(/username/)
  })

  it('never throws on any string', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 300 }), (s) => {
        const result = passwordProblem(s)
        expect(result === undefined || typeof result === 'string').toBe(true)
      }),
    )
  })
})

describe('password hashing', () => {
  it('stores argon2id with OWASP parameters (m=19 MiB, t=2, p=1) and a per-password salt', async () => {
    const a = await hashPassword('awningsandsails')
    const b = await hashPassword('awningsandsails')
    expect(a).toMatch(/^\$argon2id\$v=19\$m=19456,t=2,p=1\$[A-Za-z0-9+/]+\$[A-Za-z0-9+/]+$/)
    expect(a).not.toBe(b)
    expect(await verifyPassword(a, 'awningsandsails')).toBe(true)
    expect(await verifyPassword(a, 'awningsandsail')).toBe(false)
  })

  it('fails verification without a stored hash, and on a malformed one', async () => {
    expect(await verifyPassword(undefined, 'anything at all')).toBe(false)
    expect(await verifyPassword('not-a-hash', 'anything at all')).toBe(false)
  })
})

describe('token digests', () => {
  it('depend on the key and accept the previous key during rotation', () => {
    const old = createTokenDigester({ current: 'a'.repeat(40) })
    const rotated = createTokenDigester({ current: 'b'.repeat(40), previous: 'a'.repeat(40) })
    const stored = old.digest('tok')
    expect(stored).toMatch(/^[0-9a-f]{64}$/)
    expect(stored).not.toContain('tok')
    expect(rotated.digest('tok')).not.toBe(stored)
    expect(rotated.candidates('tok')).toContain(stored)
  })

  it('compare secrets of different lengths without throwing', () => {
    expect(secretsEqual('abc', 'abc')).toBe(true)
    expect(secretsEqual('abc', 'abcd')).toBe(false)
    expect(secretsEqual('', 'abcd')).toBe(false)
  })
})
