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
