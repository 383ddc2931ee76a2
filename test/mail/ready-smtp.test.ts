import { sql } from 'drizzle-orm'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { WorkOrderStatus } from '../../src/models/index.js'
import { createTestApp } from '../helpers/app.js'
import { queryRows } from '../helpers/database.js'
import { type SmtpTestServer, smtpEnv, startSmtpServer } from './smtp.js'

type Ctx = Awaited<ReturnType<typeof createTestApp>>

const TO_PACKAGED: WorkOrderStatus[] = ['queued', 'in_progress', 'cleaned', 'packaged']

// The "ready" message end to end: a status change on the app, a real SMTP server on loopback receiving it.
describe('the "ready" e-mail over SMTP', () => {
  let smtp: SmtpTestServer
  let ctx: Ctx
  const write = { actor: { id: 0, username: 'mail-manager' }, role: 'manager' as const }

  beforeAll(async () => {
    smtp = await startSmtpServer()
    ctx = await createTestApp({ env: smtpEnv(smtp) })
    await ctx.app.ready()
    const user = await ctx.app.usersService.createDirect({
      username: 'mail-manager',
      password: 'a ladder of blue canvas',
      role: 'manager',
    })
    write.actor.id = user.id
  })
  afterAll(async () => {
    await ctx?.close()
    await smtp?.stop()
  })

  async function customer(name: string, email: string | null) {
    return ctx.app.customersService.create(write, { name, email })
  }
  async function readyOrder(customerId: number, fields: Record<string, unknown> = {}) {
    const order = await ctx.app.workOrdersService.create(write, {
      customerId,
      quoteStatus: 'approved',
      ...fields,
    } as never)
    for (const to of TO_PACKAGED)
      await ctx.app.workOrdersService.changeStatus(
        write,
        order.workOrderNo,
        to,
        undefined,
        to === 'packaged' ? 'B-12' : undefined,
      )
    return order.workOrderNo
  }
  const outbox = () =>
    queryRows<{ kind: string; status: string; skip_reason: string | null; customer_id: number }>(
      ctx.app.db,
      sql`SELECT kind::text, status::text, skip_reason, customer_id FROM mail_outbox ORDER BY id`,
    )
  const header = (raw: string, name: string) =>
    new RegExp(`^${name}: (.*)$`, 'im').exec(raw.replace(/\r?\n[ \t]+/g, ' '))?.[1]

  let unsubscribeUrl = ''
  let annId = 0

  it('sends one message with both parts, escaped HTML and the unsubscribe headers', async () => {
    const ann = await customer('Ann <b>& "Co"</b>', 'ANN@Example.COM#mailto:ann@example.com#; other@x.com')
    annId = ann.id
    const no = await readyOrder(ann.id, { name: 'Patio awning', returnStatus: 'pickup' })
    const [message] = await smtp.waitFor(1)
    if (!message) throw new Error('no message')
    const { parsed, raw } = message
    expect(message.envelopeTo).toEqual(['ann@example.com'])
    expect(parsed.from?.value).toEqual([{ name: 'Harbor Awning Care', address: 'shop@harbor.test' }])
    expect(parsed.subject).toBe(`Your order ${no} is ready for pickup`)
    expect(parsed.text).toContain('Dear Ann <b>& "Co"</b>,')
    expect(parsed.text).toContain('ready for pickup at 12 Quay Street, Portsmouth')
    expect(parsed.text).toContain('shelf B-12')
    expect(parsed.html).toContain('Dear Ann &lt;b&gt;&amp; &quot;Co&quot;&lt;/b&gt;,')
    expect(parsed.html).not.toContain('<b>&')
    const listUnsubscribe = header(raw, 'List-Unsubscribe') ?? ''
    expect(listUnsubscribe).toMatch(/^<http:\/\/shop\.test\/unsubscribe\/c\d+\.[\w-]+>$/)
    expect(header(raw, 'List-Unsubscribe-Post')).toBe('List-Unsubscribe=One-Click')
    unsubscribeUrl = listUnsubscribe.slice(1, -1)
    expect(parsed.text).toContain(unsubscribeUrl)
    expect(parsed.html).toContain(`href="${unsubscribeUrl}"`)
    expect(header(raw, 'Message-ID')).toMatch(/^<ams-outbox-\d+@harbor\.test>$/)

    // Completing the order later sends nothing more: one message per order.
    await ctx.app.workOrdersService.changeStatus(write, no, 'completed')
    await new Promise((r) => setTimeout(r, 1000))
    expect(smtp.received).toHaveLength(1)
    expect(await outbox()).toEqual([
      { kind: 'ready', status: 'sent', skip_reason: null, customer_id: ann.id },
    ])
  })

  it('words the message for shipping and re-hanging', async () => {
    const source = await ctx.app.sourcesService.create(write, { name: 'North Sails Loft' })
    const bo = await customer('Bo Marsh', 'bo@example.com')
    await readyOrder(bo.id, { returnStatus: 'ship', shipToSourceId: source.id })
    await readyOrder(bo.id, { returnStatus: 'rehang' })
    const received = await smtp.waitFor(3)
    const subjects = received.slice(1).map((m) => m.parsed.subject)
    expect(subjects.some((s) => s?.endsWith('is ready to ship'))).toBe(true)
    expect(subjects.some((s) => s?.endsWith('is ready to re-hang'))).toBe(true)
    const shipped = received.find((m) => m.parsed.subject?.endsWith('ship'))
    expect(shipped?.parsed.text).toContain('ship it to North Sails Loft')
  })

  it('GET of the link only asks; POST (one-click) opts the customer out at once', async () => {
    const path = new URL(unsubscribeUrl).pathname
    const page = await ctx.app.inject({ method: 'GET', url: path, headers: { accept: 'text/html' } })
    expect(page.statusCode).toBe(200)
    expect(page.body).toContain('Unsubscribe</button>')
    expect((await ctx.app.mailService.preferences(annId)).optOut).toBe(false)

    const oneClick = await ctx.app.inject({
      method: 'POST',
      url: path,
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      payload: 'List-Unsubscribe=One-Click',
    })
    expect(oneClick.statusCode).toBe(200)
    expect(oneClick.body).toContain('Unsubscribed')
    expect((await ctx.app.mailService.preferences(annId)).optOut).toBe(true)

    // RFC 8058's example posts multipart/form-data: accepted too.
    const multipart = await ctx.app.inject({
      method: 'POST',
      url: path,
      headers: { 'content-type': 'multipart/form-data; boundary=---FormBoundaryjWmhtjORrn' },
      payload:
        '---FormBoundaryjWmhtjORrn\r\nContent-Disposition: form-data; name="List-Unsubscribe"\r\n\r\nOne-Click\r\n---FormBoundaryjWmhtjORrn--\r\n',
    })
    expect(multipart.statusCode).toBe(200)

    // An opted-out customer's next ready order is recorded as skipped, and nothing is sent.
    const before = smtp.received.length
    await readyOrder(annId)
    const rows = await outbox()
    expect(rows.at(-1)).toMatchObject({ status: 'skipped', skip_reason: 'opted out' })
    await new Promise((r) => setTimeout(r, 500))
    expect(smtp.received).toHaveLength(before)
  })

  it('refuses a forged or tampered token with a 400 page and changes nothing', async () => {
    const bo = await customer('Cy Forged', 'cy@example.com')
    const [, mac] = new URL(unsubscribeUrl).pathname.slice('/unsubscribe/'.length).split('.')
    for (const token of [
      `c${bo.id}.${mac}`,
      `c${bo.id}.AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA`,
      'garbage',
      'c1.',
    ]) {
      for (const method of ['GET', 'POST'] as const) {
        const res = await ctx.app.inject({
          method,
          url: `/unsubscribe/${token}`,
          headers: { accept: 'text/html', 'content-type': 'application/x-www-form-urlencoded' },
          payload: method === 'POST' ? 'List-Unsubscribe=One-Click' : undefined,
        })
        expect(res.statusCode, `${method} ${token}`).toBe(400)
        expect(res.body).toContain('not valid')
      }
    }
    expect((await ctx.app.mailService.preferences(bo.id)).optOut).toBe(false)
  })

  it('sends nothing to a customer without a usable address, and records why', async () => {
    const before = smtp.received.length
    const dee = await customer('Dee Nomail', 'not an address; also@bad')
    await readyOrder(dee.id)
    const rows = await outbox()
    expect(rows.at(-1)).toMatchObject({
      customer_id: dee.id,
      status: 'skipped',
      skip_reason: 'no usable e-mail',
    })
    await new Promise((r) => setTimeout(r, 500))
    expect(smtp.received).toHaveLength(before)
  })
})
