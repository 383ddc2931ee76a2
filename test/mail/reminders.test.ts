import { existsSync, readFileSync } from 'node:fs'
import path from 'node:path'
import { sql } from 'drizzle-orm'
import { simpleParser } from 'mailparser'
import supertest from 'supertest'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { buildApp } from '../../src/app.js'
import { loadConfig } from '../../src/config.js'
import type { WorkOrderStatus } from '../../src/models/index.js'
import { createTestApp } from '../helpers/app.js'
import { userWithSession } from '../helpers/auth.js'
import { onPostgres, queryRows, TEST_SECRET_KEY } from '../helpers/database.js'

const TO_COMPLETED: WorkOrderStatus[] = ['queued', 'cleaned', 'completed']
const daysAgo = (n: number) => new Date(Date.now() - n * 86_400_000).toISOString().slice(0, 10)

async function waitUntil<T>(
  what: string,
  probe: () => Promise<T | undefined>,
  timeoutMs = 60_000,
): Promise<T> {
  const deadline = Date.now() + timeoutMs
  for (;;) {
    const value = await probe()
    if (value !== undefined) return value
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`)
    await new Promise((r) => setTimeout(r, 100))
  }
}

// Annual reminders on the default transport (outbox: .eml files in DATA_DIR/outbox).
describe('annual cleaning reminders', () => {
  let ctx: Awaited<ReturnType<typeof createTestApp>>
  let manager: { authorization: string }
  let staff: { authorization: string }
  const write = { actor: { id: 0, username: 'x' }, role: 'manager' as const }
  const env = {
    MAIL_POLL_INTERVAL_S: '0.2',
    PUBLIC_URL: 'https://shop.example.com',
    SHOP_NAME: 'Harbor Awning Care',
    ...(onPostgres ? { SECRET_KEY: TEST_SECRET_KEY } : {}),
  }

  /** A customer whose completed orders were completed these many days ago. */
  async function customer(name: string, email: string | null, completedDaysAgo: number[]) {
    const c = await ctx.app.customersService.create(write, { name, email })
    for (const days of completedDaysAgo) {
      const order = await ctx.app.workOrdersService.create(write, {
        customerId: c.id,
        quoteStatus: 'approved',
      } as never)
      for (const to of TO_COMPLETED)
        await ctx.app.workOrdersService.changeStatus(write, order.workOrderNo, to)
      await ctx.app.db.execute(
        sql`UPDATE work_orders SET date_completed = ${daysAgo(days)}::date WHERE work_order_no = ${order.workOrderNo}`,
      )
    }
    return c
  }

  let ed = 0
  beforeAll(async () => {
    ctx = await createTestApp({ env })
    await ctx.app.ready()
    const m = await userWithSession(ctx.app, 'manager')
    manager = m.bearer
    write.actor = { id: m.user.id, username: m.user.username }
    staff = (await userWithSession(ctx.app, 'staff')).bearer
    ed = (await customer('Ed <Due> & Sons', 'ED@EXAMPLE.COM, ed2@example.com', [700, 350])).id
    await customer('Fay Badmail', 'fay at example', [345])
    const gus = await customer('Gus Out', 'gus@example.com', [350])
    await ctx.app.mailService.setOptOut(write, gus.id, true)
    await customer('Hal Recent', 'hal@example.com', [60])
    await customer('Ivy Back', 'ivy@example.com', [350, 30])
  }, 180_000)
  afterAll(() => ctx?.close())

  it('lists who is due, counts those without a usable address, and previews the message', async () => {
    const res = await supertest(ctx.app.server).get('/api/mail/reminders/due').set(manager)
    expect(res.status).toBe(200)
    expect(res.body.due).toEqual([
      {
        customerId: ed,
        customerNo: expect.any(Number),
        name: 'Ed <Due> & Sons',
        email: 'ed@example.com',
        lastCompleted: daysAgo(350),
      },
    ])
    expect(res.body.noUsableEmail).toBe(1)
    expect(res.body.invalidExamples.map((c: { name: string }) => c.name)).toEqual(['Fay Badmail'])

    const preview = await supertest(ctx.app.server).get('/api/mail/reminders/preview').set(manager)
    expect(preview.status).toBe(200)
    expect(preview.body.preview).toMatchObject({ customerId: ed, to: 'ed@example.com' })
    expect(preview.body.preview.subject).toBe('Time for your annual cleaning at Harbor Awning Care')
    expect(preview.body.preview.html).toContain('Ed &lt;Due&gt; &amp; Sons')
  })

  it('staff may not see or send reminders', async () => {
    expect((await supertest(ctx.app.server).get('/api/mail/reminders/due').set(staff)).status).toBe(403)
    expect((await supertest(ctx.app.server).post('/api/mail/reminders/send').set(staff)).status).toBe(403)
  })

  it('a batch queues one reminder per due customer; the outbox transport writes a parseable .eml', async () => {
    const res = await supertest(ctx.app.server).post('/api/mail/reminders/send').set(manager)
    expect(res.status).toBe(201)
    expect(res.body).toMatchObject({ queued: 1, noUsableEmail: 1 })
    const [row] = await waitUntil('the reminder to be sent', async () => {
      const rows = await queryRows<{ id: number; status: string }>(
        ctx.app.db,
        sql`SELECT id, status::text FROM mail_outbox WHERE kind = 'reminder' AND status = 'sent'`,
      )
      return rows.length ? rows : undefined
    })
    if (!row) throw new Error('no row')
    const file = path.join(ctx.testDb.dataDir, 'outbox', `${String(row.id).padStart(8, '0')}.eml`)
    expect(existsSync(file)).toBe(true)
    const parsed = await simpleParser(readFileSync(file))
    expect(parsed.to && 'text' in parsed.to ? parsed.to.text : '').toBe('ed@example.com')
    expect(parsed.subject).toBe('Time for your annual cleaning at Harbor Awning Care')
    expect(parsed.text).toContain('Dear Ed <Due> & Sons,')
    expect(parsed.html).toContain('Dear Ed &lt;Due&gt; &amp; Sons,')
    expect(parsed.headerLines.find((h) => h.key === 'list-unsubscribe-post')?.line).toBe(
      'List-Unsubscribe-Post: List-Unsubscribe=One-Click',
    )
    expect(parsed.text).toMatch(/https:\/\/shop\.example\.com\/unsubscribe\/c\d+\.[\w-]+/)

    // Reminded within 60 days: not due again.
    const again = await supertest(ctx.app.server).post('/api/mail/reminders/send').set(manager)
    expect(again.body.queued).toBe(0)
    const history = await supertest(ctx.app.server).get('/api/mail/messages?kind=reminder').set(manager)
    expect(history.body.total).toBe(1)
    expect(history.body.data[0]).toMatchObject({
      status: 'sent',
      toAddress: 'ed@example.com',
      customerId: ed,
    })
  })

  it('the schedule queues each slot on one instance only', async () => {
    const jo = await customer('Jo Scheduled', 'jo@example.com', [340])
    const scheduled = { ...env, MAIL_REMINDER_SCHEDULE: '* * * * * *' }
    const config = loadConfig({
      DATA_DIR: ctx.testDb.dataDir,
      MIGRATE_ON_START: 'false',
      ML_RETRAIN_SCHEDULE: 'off',
      ...scheduled,
    })
    const a = await buildApp({ config, database: ctx.database, logger: { level: 'silent' } })
    const b = await buildApp({ config, database: ctx.database, logger: { level: 'silent' } })
    await Promise.all([a.ready(), b.ready()])
    try {
      const batches = await waitUntil('three scheduled batches', async () => {
        const rows = await queryRows<{ slot: string; queued: number }>(
          ctx.app.db,
          sql`SELECT slot, queued FROM mail_reminder_batches WHERE triggered_by = 'schedule' ORDER BY id`,
        )
        return rows.length >= 3 ? rows : undefined
      })
      expect(new Set(batches.map((b) => b.slot)).size).toBe(batches.length)
      expect(batches.every((b) => b.slot.startsWith('reminders:'))).toBe(true)
      expect(batches.reduce((sum, b) => sum + b.queued, 0)).toBe(1)
    } finally {
      await Promise.all([a.close(), b.close()])
    }
    const toJo = await queryRows<{ n: number }>(
      ctx.app.db,
      sql`SELECT count(*)::int AS n FROM mail_outbox WHERE kind = 'reminder' AND customer_id = ${jo.id}`,
    )
    expect(toJo).toEqual([{ n: 1 }])
  }, 120_000)
})
