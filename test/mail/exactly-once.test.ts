import { sql } from 'drizzle-orm'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { buildApp } from '../../src/app.js'
import { loadConfig } from '../../src/config.js'
import type { WorkOrderStatus } from '../../src/models/index.js'
import { createTestApp } from '../helpers/app.js'
import { onPostgres, queryRows, TEST_SECRET_KEY } from '../helpers/database.js'
import { type SmtpTestServer, smtpEnv, startSmtpServer } from './smtp.js'

const TO_TREATED: WorkOrderStatus[] = ['queued', 'cleaned', 'treated']

/**
 * Two app instances on one database, each with its own outbox worker, sending to one SMTP server. On
 * PostgreSQL they are two connection pools racing for the rows (SKIP LOCKED and the lease decide); PGlite
 * has one connection, so there the two instances share it and the race is only between their workers.
 */
describe(`the outbox sends each message exactly once (two instances, ${onPostgres ? 'PostgreSQL' : 'PGlite'})`, () => {
  let smtp: SmtpTestServer
  let ctx: Awaited<ReturnType<typeof createTestApp>>
  let second: Awaited<ReturnType<typeof buildApp>>
  const write = { actor: { id: 0, username: 'once-manager' }, role: 'manager' as const }

  beforeAll(async () => {
    smtp = await startSmtpServer()
    const env = { ...smtpEnv(smtp), ...(onPostgres ? { SECRET_KEY: TEST_SECRET_KEY } : {}) }
    ctx = await createTestApp({ env })
    await ctx.app.ready()
    const config = loadConfig({
      DATA_DIR: ctx.testDb.dataDir,
      MIGRATE_ON_START: 'false',
      ML_RETRAIN_SCHEDULE: 'off',
      ...env,
    })
    second = await buildApp({ config, database: ctx.database, logger: { level: 'silent' } })
    await second.ready()
    const user = await ctx.app.usersService.createDirect({
      username: 'once-manager',
      password: 'a ladder of blue canvas',
      role: 'manager',
    })
    write.actor.id = user.id
  }, 120_000)
  afterAll(async () => {
    await second?.close()
    await ctx?.close()
    await smtp?.stop()
  })

  /** `count` customers, each with one order waiting at "treated". */
  async function treatedOrders(count: number, prefix: string) {
    const numbers: number[] = []
    for (let i = 0; i < count; i++) {
      const c = await ctx.app.customersService.create(write, {
        name: `${prefix} customer ${i}`,
        email: `${prefix}${i}@example.com`,
      })
      const order = await ctx.app.workOrdersService.create(write, {
        customerId: c.id,
        quoteStatus: 'approved',
      } as never)
      for (const to of TO_TREATED) await ctx.app.workOrdersService.changeStatus(write, order.workOrderNo, to)
      numbers.push(order.workOrderNo)
    }
    return numbers
  }

  /** All made ready at once, half on each instance. */
  async function makeReady(numbers: number[]) {
    await Promise.all(
      numbers.map((no, i) =>
        (i % 2 ? second : ctx.app).workOrdersService.changeStatus(write, no, 'packaged'),
      ),
    )
  }

  const outboxStatus = () =>
    queryRows<{ status: string; n: number }>(
      ctx.app.db,
      sql`SELECT status::text, count(*)::int AS n FROM mail_outbox GROUP BY status ORDER BY status`,
    )

  it('50 orders made ready at once on two instances: 50 messages, no duplicates', async () => {
    const numbers = await treatedOrders(50, 'once')
    const started = Date.now()
    await makeReady(numbers)
    await smtp.waitFor(50, 120_000)
    console.log(`50 status changes committed and 50 messages received in ${Date.now() - started} ms`)
    // Several poll intervals more: a duplicate would arrive now.
    await new Promise((r) => setTimeout(r, 2000))
    expect(smtp.received).toHaveLength(50)
    const recipients = new Set(smtp.received.flatMap((m) => m.envelopeTo))
    expect(recipients.size).toBe(50)
    const ids = new Set(smtp.received.map((m) => m.parsed.messageId))
    expect(ids.size).toBe(50)
    expect(await outboxStatus()).toEqual([{ status: 'sent', n: 50 }])
    // Which worker sent how many (informative: either instance may drain the lot on a quiet machine).
    const byWorker = await queryRows<{ n: number }>(
      ctx.app.db,
      sql`SELECT count(*)::int AS n FROM mail_outbox GROUP BY locked_by ORDER BY n DESC`,
    )
    console.log(`messages per worker: ${byWorker.map((r) => r.n).join(', ')}`)
  }, 300_000)

  it('while the SMTP server is down messages wait and retry; all arrive once it is back, none twice', async () => {
    const numbers = await treatedOrders(10, 'down')
    await smtp.stop()
    await makeReady(numbers)
    // Wait until the workers have tried and failed at least twice for some of them.
    const deadline = Date.now() + 60_000
    for (;;) {
      const [row] = await queryRows<{ retried: number }>(
        ctx.app.db,
        sql`SELECT count(*)::int AS retried FROM mail_outbox
             WHERE status = 'pending' AND attempts >= 2 AND last_error IS NOT NULL`,
      )
      if ((row?.retried ?? 0) > 0) break
      if (Date.now() > deadline) throw new Error('no retry was recorded')
      await new Promise((r) => setTimeout(r, 200))
    }
    expect(smtp.received).toHaveLength(50)
    await smtp.start()
    await smtp.waitFor(60, 120_000)
    await new Promise((r) => setTimeout(r, 2000))
    expect(smtp.received).toHaveLength(60)
    const recipients = smtp.received.slice(50).flatMap((m) => m.envelopeTo)
    expect(new Set(recipients)).toEqual(new Set(numbers.map((_, i) => `down${i}@example.com`)))
    expect(await outboxStatus()).toEqual([{ status: 'sent', n: 60 }])
  }, 300_000)
})
