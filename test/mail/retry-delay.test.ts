import { describe, expect, it } from 'vitest'
import { isPermanentMailError } from '../../src/mail/transport.js'
import { retryDelayMs } from '../../src/services/mail-worker.js'

describe('the outbox retry rules', () => {
  it('back off exponentially from the base, capped at six hours', () => {
    expect([1, 2, 3, 4].map((a) => retryDelayMs(60_000, a))).toEqual([60_000, 120_000, 240_000, 480_000])
    expect(retryDelayMs(60_000, 40)).toBe(6 * 3600_000)
  })

  it('give up at once only on answers the server will repeat', () => {
    expect(isPermanentMailError({ responseCode: 550 })).toBe(true)
    expect(isPermanentMailError({ responseCode: 421 })).toBe(false)
    expect(isPermanentMailError({ responseCode: 451 })).toBe(false)
    expect(isPermanentMailError({ code: 'ECONNREFUSED' })).toBe(false)
    expect(isPermanentMailError({ name: 'MessageRejected' })).toBe(true)
    expect(isPermanentMailError({ name: 'TooManyRequestsException' })).toBe(false)
  })
})
