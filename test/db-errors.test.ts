import { DrizzleQueryError } from 'drizzle-orm/errors'
import { describe, expect, it } from 'vitest'
import { isConnectionError, PingTimeoutError } from '../src/db/errors.js'

function withCode(message: string, code: string) {
  return Object.assign(new Error(message), { code })
}

describe('connection-class error detection', () => {
  it('recognises network and server-shutdown failures', () => {
    expect(isConnectionError(withCode('connect ECONNREFUSED 127.0.0.1:5432', 'ECONNREFUSED'))).toBe(true)
    expect(isConnectionError(withCode('terminating connection due to administrator command', '57P01'))).toBe(
      true,
    )
    expect(isConnectionError(withCode('the database system is starting up', '57P03'))).toBe(true)
    expect(isConnectionError(withCode('connection failure', '08006'))).toBe(true)
    expect(isConnectionError(new Error('Connection terminated unexpectedly'))).toBe(true)
    expect(isConnectionError(new Error('timeout exceeded when trying to connect'))).toBe(true)
    expect(isConnectionError(new PingTimeoutError(2000))).toBe(true)
  })

  it('looks through the cause chain Drizzle wraps driver errors in', () => {
    const driver = withCode('connect ECONNREFUSED 127.0.0.1:5432', 'ECONNREFUSED')
    expect(isConnectionError(new DrizzleQueryError('select 1', [], driver))).toBe(true)
  })

  it('looks inside AggregateError (both address families refused)', () => {
    const agg = new AggregateError([withCode('a', 'ECONNREFUSED'), withCode('b', 'ECONNREFUSED')], '')
    expect(isConnectionError(agg)).toBe(true)
  })

  it('does not treat data errors as outages', () => {
    expect(isConnectionError(withCode('duplicate key value violates unique constraint', '23505'))).toBe(false)
    expect(isConnectionError(withCode('syntax error at or near', '42601'))).toBe(false)
    expect(isConnectionError(new Error('Internal failure'))).toBe(false)
    expect(isConnectionError(undefined)).toBe(false)
  })

  it('survives a cyclic cause chain', () => {
    const a = new Error('a') as Error & { cause?: unknown }
    const b = new Error('b', { cause: a })
    a.cause = b
    expect(isConnectionError(a)).toBe(false)
  })
})
