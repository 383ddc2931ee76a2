import { createHash, createHmac, randomBytes, timingSafeEqual } from 'node:crypto'

/** 256 random bits, URL-safe: session and invite tokens. */
export function newToken(): string {
  return randomBytes(32).toString('base64url')
}

/**
 * Tokens are stored only as HMAC-SHA256 digests keyed by SECRET_KEY: a database dump yields no usable
 * token. During key rotation a digest under SECRET_KEY_PREVIOUS is accepted too.
 */
export interface TokenDigester {
  /** The digest to store. */
  digest(token: string): string
  /** Every digest the token may be stored under (current key first). */
  candidates(token: string): string[]
}

export function createTokenDigester(keys: { current: string; previous?: string | undefined }): TokenDigester {
  const digestWith = (key: string, token: string) => createHmac('sha256', key).update(token).digest('hex')
  return {
    digest: (token) => digestWith(keys.current, token),
    candidates: (token) =>
      [keys.current, ...(keys.previous ? [keys.previous] : [])].map((k) => digestWith(k, token)),
  }
}

/** Constant-time comparison of secrets of any length: both sides are hashed first. */
export function secretsEqual(given: string, expected: string): boolean {
  const a = createHash('sha256').update(given).digest()
  const b = createHash('sha256').update(expected).digest()
  return timingSafeEqual(a, b)
}

/**
 * Signed, stateless values for links that need no login (an e-mail's unsubscribe link): `<value>.<mac>`,
 * the MAC an HMAC-SHA256 of purpose and value under SECRET_KEY (SECRET_KEY_PREVIOUS accepted too), so a
 * link for one purpose never works for another and a changed value breaks the MAC.
 */
export interface ValueSigner {
  sign(purpose: string, value: string): string
  /** The value, or undefined for a forged, tampered or malformed token. */
  verify(purpose: string, token: string): string | undefined
}

export function createValueSigner(keys: { current: string; previous?: string | undefined }): ValueSigner {
  const mac = (key: string, purpose: string, value: string) =>
    createHmac('sha256', key).update(`${purpose}\n${value}`).digest('base64url')
  return {
    sign: (purpose, value) => `${value}.${mac(keys.current, purpose, value)}`,
    verify(purpose, token) {
      const dot = token.lastIndexOf('.')
      if (dot <= 0) return undefined
      const value = token.slice(0, dot)
      const given = token.slice(dot + 1)
      const valid = [keys.current, ...(keys.previous ? [keys.previous] : [])].some((key) =>
        secretsEqual(given, mac(key, purpose, value)),
      )
      return valid ? value : undefined
    },
  }
}
