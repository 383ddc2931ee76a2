import { createServer, type IncomingMessage } from 'node:http'
import type { AddressInfo } from 'node:net'
import { simpleParser } from 'mailparser'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { loadConfig } from '../../src/config.js'
import { createMailTransport } from '../../src/mail/transport.js'

const body = (req: IncomingMessage) =>
  new Promise<string>((resolve) => {
    const chunks: Buffer[] = []
    req.on('data', (c: Buffer) => chunks.push(c))
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')))
  })

// MAIL_TRANSPORT=ses against a stand-in for the SESv2 API on loopback (the SDK's standard endpoint
// override, AWS_ENDPOINT_URL_SESV2): the raw message it receives is what SES would send.
describe('the SES transport', () => {
  const requests: { path: string; json: { Content?: { Raw?: { Data?: string } } } }[] = []
  const server = createServer(async (req, res) => {
    requests.push({ path: req.url ?? '', json: JSON.parse(await body(req)) })
    res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ MessageId: 'ses-1' }))
  })
  const saved = { ...process.env }

  beforeAll(async () => {
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()))
    const { port } = server.address() as AddressInfo
    process.env.AWS_ENDPOINT_URL_SESV2 = `http://127.0.0.1:${port}`
    process.env.AWS_ACCESS_KEY_ID = 'AKIDEXAMPLE'
    process.env.AWS_SECRET_ACCESS_KEY = 'not-a-real-secret'
  })
  afterAll(async () => {
    process.env = saved
    await new Promise((r) => server.close(r))
  })

  it('sends the raw MIME message through SendEmail, headers and both parts included', async () => {
    const config = loadConfig({
      DATA_DIR: '/tmp/awning-ses',
      MAIL_TRANSPORT: 'ses',
      MAIL_FROM: 'Shop <shop@harbor.test>',
    })
    const transport = await createMailTransport(config.mail)
    try {
      await transport.send({
        outboxId: 7,
        to: 'ann@example.com',
        subject: 'Your order 1 is ready for pickup',
        text: 'Dear Ann,',
        html: '<p>Dear Ann,</p>',
        unsubscribeUrl: 'https://shop.example.com/unsubscribe/c1.x',
      })
    } finally {
      transport.close()
    }
    expect(requests).toHaveLength(1)
    expect(requests[0]?.path).toBe('/v2/email/outbound-emails')
    const raw = Buffer.from(requests[0]?.json.Content?.Raw?.Data ?? '', 'base64')
    const parsed = await simpleParser(raw)
    expect(parsed.subject).toBe('Your order 1 is ready for pickup')
    expect(parsed.text?.trim()).toBe('Dear Ann,')
    expect(parsed.html).toContain('<p>Dear Ann,</p>')
    expect(parsed.headerLines.map((h) => h.key)).toEqual(
      expect.arrayContaining(['list-unsubscribe', 'list-unsubscribe-post']),
    )
    expect(parsed.messageId).toBe('<ams-outbox-7@harbor.test>')
  })
})
