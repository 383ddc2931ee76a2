import type { AddressInfo } from 'node:net'
import { type ParsedMail, simpleParser } from 'mailparser'
import { SMTPServer } from 'smtp-server'

export interface Received {
  envelopeTo: string[]
  parsed: ParsedMail
  raw: string
}

/**
 * A real SMTP server on loopback (smtp-server) that parses what it receives (mailparser). `stop()` then
 * `start()` again takes it down and brings it back on the same port, for the retry tests.
 */
export async function startSmtpServer() {
  const received: Received[] = []
  let port = 0
  let server: SMTPServer | undefined

  const make = () =>
    new SMTPServer({
      authOptional: true,
      disabledCommands: ['STARTTLS', 'AUTH'],
      logger: false,
      onData(stream, session, callback) {
        const chunks: Buffer[] = []
        stream.on('data', (c: Buffer) => chunks.push(c))
        stream.on('end', () => {
          const raw = Buffer.concat(chunks).toString('utf8')
          simpleParser(raw)
            .then((parsed) => {
              received.push({ envelopeTo: session.envelope.rcptTo.map((r) => r.address), parsed, raw })
              callback()
            })
            .catch((err: Error) => callback(err))
        })
      },
    })

  async function start() {
    const s = make()
    await new Promise<void>((resolve, reject) => {
      s.once('error', reject)
      s.listen(port, '127.0.0.1', () => resolve())
    })
    s.on('error', () => {})
    port = (s.server.address() as AddressInfo).port
    server = s
  }

  async function stop() {
    const s = server
    server = undefined
    if (s) await new Promise<void>((resolve) => s.close(() => resolve()))
  }

  await start()
  return {
    received,
    get port() {
      return port
    },
    start,
    stop,
    /** Resolves when `count` messages have arrived (or fails after `timeoutMs`). */
    async waitFor(count: number, timeoutMs = 60_000) {
      const deadline = Date.now() + timeoutMs
      while (received.length < count) {
        if (Date.now() > deadline) throw new Error(`only ${received.length} of ${count} messages arrived`)
        await new Promise((r) => setTimeout(r, 50))
      }
      return received
    },
  }
}

export type SmtpTestServer = Awaited<ReturnType<typeof startSmtpServer>>

export function smtpEnv(server: SmtpTestServer): Record<string, string> {
  return {
    MAIL_TRANSPORT: 'smtp',
    SMTP_HOST: '127.0.0.1',
    SMTP_PORT: String(server.port),
    SMTP_REQUIRE_TLS: 'false',
    MAIL_FROM: 'Harbor Awning Care <shop@harbor.test>',
    PUBLIC_URL: 'http://shop.test',
    SHOP_NAME: 'Harbor Awning Care',
    SHOP_ADDRESS: '12 Quay Street, Portsmouth',
    SHOP_PHONE: '555-0100',
    MAIL_POLL_INTERVAL_S: '0.2',
    MAIL_RETRY_BASE_S: '0.2',
  }
}
