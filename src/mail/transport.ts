import { mkdir, rename, writeFile } from 'node:fs/promises'
import path from 'node:path'
import { createTransport } from 'nodemailer'
import type { MailConfig } from '../config.js'

/** One message as the outbox worker hands it to a transport. */
export interface OutgoingMail {
  /** The outbox row's id: the Message-ID and the .eml file name are derived from it. */
  outboxId: number
  to: string
  subject: string
  text: string
  html: string
  unsubscribeUrl: string
}

export interface MailTransport {
  readonly kind: MailConfig['transport']
  send(mail: OutgoingMail): Promise<{ messageId: string | null }>
  close(): void
}

/** A transport error the receiving side will repeat whatever we do (a 5xx reply, SES rejecting the message). */
export function isPermanentMailError(err: unknown): boolean {
  const e = err as { responseCode?: unknown; name?: unknown; $metadata?: unknown }
  if (typeof e?.responseCode === 'number') return e.responseCode >= 500 && e.responseCode < 600
  return e?.name === 'MessageRejected' || e?.name === 'MailFromDomainNotVerifiedException'
}

/** The domain of MAIL_FROM, for Message-IDs. */
function fromDomain(from: string): string {
  const match = /@([^>\s]+)>?\s*$/.exec(from)
  return match?.[1] ?? 'localhost'
}

/**
 * Every message: both parts, the RFC 2369 List-Unsubscribe link and RFC 8058's one-click header, and a
 * Message-ID fixed by the outbox row, so a message resent after a crash can be recognised as the same.
 */
function message(config: MailConfig, mail: OutgoingMail) {
  return {
    from: config.from,
    to: mail.to,
    subject: mail.subject,
    text: mail.text,
    html: mail.html,
    messageId: `<ams-outbox-${mail.outboxId}@${fromDomain(config.from)}>`,
    headers: {
      'List-Unsubscribe': `<${mail.unsubscribeUrl}>`,
      'List-Unsubscribe-Post': 'List-Unsubscribe=One-Click',
    },
  }
}

/** MAIL_TRANSPORT=outbox: each message becomes DATA_DIR/outbox/<id>.eml, written whole or not at all. */
function outboxTransport(config: MailConfig): MailTransport {
  const composer = createTransport({ streamTransport: true, buffer: true, newline: 'unix' })
  return {
    kind: 'outbox',
    async send(mail) {
      const info = await composer.sendMail(message(config, mail))
      await mkdir(config.outboxDir, { recursive: true })
      const name = `${String(mail.outboxId).padStart(8, '0')}.eml`
      const partial = path.join(config.outboxDir, `.${name}.tmp`)
      await writeFile(partial, info.message as Buffer)
      await rename(partial, path.join(config.outboxDir, name))
      return { messageId: info.messageId ?? null }
    },
    close: () => composer.close(),
  }
}

function smtpTransport(config: MailConfig): MailTransport {
  const { smtp } = config
  const transport = createTransport({
    host: smtp.host,
    port: smtp.port,
    secure: smtp.secure,
    requireTLS: !smtp.secure && smtp.requireTls,
    ...(smtp.user && smtp.password ? { auth: { user: smtp.user, pass: smtp.password } } : {}),
    // Well inside the worker's lease, so a hung server never lets another instance resend the row.
    connectionTimeout: 20_000,
    greetingTimeout: 20_000,
    socketTimeout: 60_000,
  })
  return {
    kind: 'smtp',
    async send(mail) {
      const info = await transport.sendMail(message(config, mail))
      return { messageId: info.messageId ?? null }
    },
    close: () => transport.close(),
  }
}

async function sesTransport(config: MailConfig): Promise<MailTransport> {
  // Loaded only when used, as the S3 client is: the SDK is large.
  const { SESv2Client, SendEmailCommand } = await import('@aws-sdk/client-sesv2')
  const sesClient = new SESv2Client({ region: config.sesRegion })
  const transport = createTransport({ SES: { sesClient, SendEmailCommand } })
  return {
    kind: 'ses',
    async send(mail) {
      const info = await transport.sendMail(message(config, mail))
      return { messageId: info.messageId ?? null }
    },
    close: () => {
      transport.close()
      sesClient.destroy()
    },
  }
}

export async function createMailTransport(config: MailConfig): Promise<MailTransport> {
  if (config.transport === 'smtp') return smtpTransport(config)
  if (config.transport === 'ses') return sesTransport(config)
  return outboxTransport(config)
}
