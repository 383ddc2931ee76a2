import { describe, expect, it } from 'vitest'
import { createValueSigner } from '../../src/auth/tokens.js'

describe('signed values (unsubscribe links)', () => {
  const signer = createValueSigner({ current: 'k'.repeat(40) })

  it('verifies its own tokens and gives the value back', () => {
    expect(signer.verify('mail-unsubscribe', signer.sign('mail-unsubscribe', 'c12'))).toBe('c12')
  })

  it('refuses a changed value, another purpose, another key, and junk', () => {
    const token = signer.sign('mail-unsubscribe', 'c12')
    const mac = token.split('.')[1]
    expect(signer.verify('mail-unsubscribe', `c13.${mac}`)).toBeUndefined()
    expect(signer.verify('something-else', token)).toBeUndefined()
    expect(createValueSigner({ current: 'x'.repeat(40) }).verify('mail-unsubscribe', token)).toBeUndefined()
    for (const junk of ['', '.', 'c12', 'c12.', '.abc', `${token}x`])
      expect(signer.verify('mail-unsubscribe', junk)).toBeUndefined()
  })

  it('accepts tokens signed with the previous key during a rotation', () => {
    const old = createValueSigner({ current: 'o'.repeat(40) }).sign('mail-unsubscribe', 'c7')
    const rotated = createValueSigner({ current: 'n'.repeat(40), previous: 'o'.repeat(40) })
    expect(rotated.verify('mail-unsubscribe', old)).toBe('c7')
  })
})
