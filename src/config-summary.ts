import { secretKeySource } from './auth/secret-key.js'
import type { Config } from './config.js'
import { redactUrl } from './config.js'

/** What the service runs with, for the startup line and `npm run check -- config`: never a secret's value. */
export function configSummary(config: Config) {
  const set = (v: unknown) => (v ? 'set' : 'unset')
  const db = config.database
  return {
    port: config.port,
    host: config.host,
    logLevel: config.logLevel,
    database:
      db.kind === 'embedded'
        ? { kind: 'embedded', dataDir: db.dataDir }
        : { kind: 'postgres', url: redactUrl(db.url), poolMax: db.poolMax, ssl: db.ssl ?? 'from the URL' },
    analyticsReplica: config.analytics.replica ? redactUrl(config.analytics.replica.url) : 'none',
    migrateOnStart: config.migrateOnStart,
    trustProxy: config.trustProxy,
    storage: config.files.s3
      ? {
          kind: 's3',
          bucket: config.files.s3.bucket,
          region: config.files.s3.region,
          endpoint: config.files.s3.endpoint ?? 'aws',
        }
      : { kind: 'local', dir: config.files.localDir },
    maxUploadMb: Math.round((config.files.maxUploadBytes / 1024 / 1024) * 10) / 10,
    shopTimezone: config.shopTimezone,
    mlSchedule: config.ml.schedule
      ? `${config.ml.schedule.expression} (${config.ml.schedule.timezone})`
      : 'off',
    mail: {
      transport: config.mail.transport,
      from: config.mail.from,
      ...(config.mail.transport === 'smtp'
        ? { smtp: `${config.mail.smtp.host}:${config.mail.smtp.port}`, smtpUser: set(config.mail.smtp.user) }
        : {}),
      ...(config.mail.transport === 'ses' ? { sesRegion: config.mail.sesRegion } : {}),
      ...(config.mail.transport === 'outbox' ? { outboxDir: config.mail.outboxDir } : {}),
      publicUrl: config.mail.publicUrl,
      reminderSchedule: config.mail.reminderSchedule?.expression ?? 'off',
    },
    secrets: {
      SECRET_KEY: secretKeySource(config),
      SECRET_KEY_PREVIOUS: set(config.auth.previousSecretKey),
      CRON_SECRET: set(config.auth.cronSecret),
      SMTP_PASSWORD: set(config.mail.smtp.password),
    },
  }
}
