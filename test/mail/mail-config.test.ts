import { describe, expect, it } from 'vitest'
import { ConfigError, loadConfig } from '../../src/config.js'

const base = { DATA_DIR: '/tmp/awning-mail-config' }

describe('mail configuration', () => {
  it('defaults to the outbox transport in DATA_DIR/outbox, no reminder schedule, links on this host', () => {
    const { mail, shop } = loadConfig(base)
    expect(mail.transport).toBe('outbox')
    expect(mail.outboxDir).toBe('/tmp/awning-mail-config/outbox')
    expect(mail.reminderSchedule).toBeUndefined()
    expect(mail.publicUrl).toBe('http://127.0.0.1:8080')
    expect(mail.pollIntervalMs).toBe(10_000)
    expect(shop.name).toBe('Awning Cleaning & Repair')
  })

  it('reads SMTP settings and the schedule in the shop time zone', () => {
    const { mail } = loadConfig({
      ...base,
      MAIL_TRANSPORT: 'smtp',
      SMTP_HOST: 'email-smtp.us-east-1.amazonaws.com',
      SMTP_USER: 'AKIA-example',
      SMTP_PASSWORD: 'not-a-real-password',
      MAIL_REMINDER_SCHEDULE: '0 9 * * 1',
      SHOP_TIMEZONE: 'America/New_York',
      PUBLIC_URL: 'https://shop.example.com/some/path',
    })
    expect(mail.smtp).toMatchObject({
      host: 'email-smtp.us-east-1.amazonaws.com',
      port: 587,
      requireTls: true,
    })
    expect(mail.reminderSchedule).toEqual({ expression: '0 9 * * 1', timezone: 'America/New_York' })
    expect(mail.publicUrl).toBe('https://shop.example.com')
  })

  it.each([
    [{ MAIL_TRANSPORT: 'smtp' }, /SMTP_HOST/],
    [{ MAIL_TRANSPORT: 'pigeon' }, /MAIL_TRANSPORT/],
    [{ SMTP_USER: 'only-a-user' }, /SMTP_USER and SMTP_PASSWORD/],
    [{ MAIL_REMINDER_SCHEDULE: 'every monday' }, /MAIL_REMINDER_SCHEDULE/],
    [{ PUBLIC_URL: 'not a url' }, /PUBLIC_URL/],
  ])('refuses %j', (env, message) => {
    expect(() => loadConfig({ ...base, ...env })).toThrow(ConfigError)
    expect(() => loadConfig({ ...base, ...env })).toThrow(message)
  })
})
