import { sql } from 'drizzle-orm'
import { DrizzleQueryError } from 'drizzle-orm/errors'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { redactDatabaseError } from '../src/db/redact.js'
import { createTestApp, logCapture } from './helpers/app.js'
import { userWithSession } from './helpers/auth.js'

/** Issue 15, item 6: a failed statement reaches the log with its text, never with its values. */
describe('database errors in the log', () => {
  const logs = logCapture()
  let ctx: Awaited<ReturnType<typeof createTestApp>>
  let admin: Record<string, string>

  beforeAll(async () => {
    ctx = await createTestApp({ logs })
    admin = (await userWithSession(ctx.app, 'admin')).bearer
    // Two ways a statement fails with the customer's data in the error: a CHECK constraint (PostgreSQL
    // puts the failing row in `detail`) and a bad value for a column type (class 22: the message quotes it).
    await ctx.database.db.execute(
      sql.raw(`ALTER TABLE sources ADD CONSTRAINT no_secret CHECK (name <> 'Secret Harbor Loft 4471')`),
    )
    await ctx.database.db.execute(sql.raw('ALTER TABLE sources ALTER COLUMN fax TYPE integer USING NULL'))
  })
  afterAll(() => ctx.close())

  const failedInsert = async (payload: object) => {
    const before = logs.lines.length
    const res = await ctx.app.inject({ method: 'POST', url: '/api/sources', headers: admin, payload })
    expect(res.statusCode).toBe(500)
    expect(res.body).not.toContain('insert')
    const errors = logs
      .records()
      .slice(before)
      .filter((r) => r.level === 50)
    expect(errors).toHaveLength(1)
    return JSON.stringify(errors[0])
  }

  it('logs the statement of a constraint failure without its parameters or the failing row', async () => {
    const line = await failedInsert({ name: 'Secret Harbor Loft 4471', city: 'Privateville 9932' })
    expect(line).toContain('insert into \\"sources\\"')
    expect(line).toContain('"sqlState":"23514"')
    expect(line).toContain('"constraint":"no_secret"')
    expect(line).not.toContain('Secret Harbor')
    expect(line).not.toContain('Privateville')
  })

  it('logs a bad value for a column type without the value PostgreSQL quotes in its message', async () => {
    const line = await failedInsert({ name: 'Quiet Cove', phone: '410-555-0101', fax: 'FAX-SECRET-7781' })
    expect(line).toContain('insert into \\"sources\\"')
    expect(line).toContain('"sqlState":"22P02"')
    expect(line).not.toContain('FAX-SECRET-7781')
    expect(line).not.toContain('410-555-0101')
    expect(line).not.toContain('Quiet Cove')
  })
})

describe('redactDatabaseError', () => {
  const pgError = Object.assign(new Error('duplicate key value violates unique constraint "sources_name"'), {
    code: '23505',
    severity: 'ERROR',
    detail: 'Key (name)=(Acme Awnings) already exists.',
    where: 'JSON data, line 1: {"name":"Acme',
    constraint: 'sources_name',
  })
  const drizzleError = new DrizzleQueryError(
    'insert into "sources" ("name") values ($1)',
    ['Acme Awnings'],
    pgError,
  )

  it('keeps the statement, the SQLSTATE and the constraint, and drops every value', () => {
    const redacted = redactDatabaseError(drizzleError)
    const text = JSON.stringify({ ...redacted, message: redacted.message, stack: redacted.stack })
    expect(redacted.message).toMatch(
      /^Failed query: insert into "sources" \("name"\) values \(\$1\)\nparams: /,
    )
    expect(redacted.query).toBe(drizzleError.query)
    expect(redacted).toBeInstanceOf(DrizzleQueryError)
    expect((redacted.cause as typeof pgError).constraint).toBe('sources_name')
    expect((redacted.cause as typeof pgError).code).toBe('23505')
    expect(text).not.toContain('Acme')
    expect(JSON.stringify(redacted.cause)).not.toContain('Acme')
  })

  it('leaves the original error untouched, and anything that is not an error as it is', () => {
    redactDatabaseError(drizzleError)
    expect(drizzleError.params).toEqual(['Acme Awnings'])
    expect(redactDatabaseError('text')).toBe('text')
    expect(redactDatabaseError(undefined)).toBeUndefined()
  })
})
