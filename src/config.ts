import path from 'node:path'
import { type DatabaseConfig, databaseConfig, replicaConfig } from './config/database.js'
import {
  ConfigError,
  parseEnv,
  parseOrigins,
  parseTrustProxy,
  reminderSchedule,
  retrainSchedule,
  shopHeader,
  validTimezone,
} from './config/values.js'

// The environment's schema, its parsing and the database settings live in src/config/; this file says
// what the application's configuration is and how it is read.
export { type DatabaseConfig, redactUrl } from './config/database.js'
export { type Env, EnvSchema } from './config/env.js'

import type { Env } from './config/env.js'

export { ConfigError, parseTrustProxy } from './config/values.js'

export interface AuthConfig {
  /** Undefined only for the embedded database, where a key is generated and kept in DATA_DIR. */
  secretKey: string | undefined
  previousSecretKey: string | undefined
  cronSecret: string | undefined
  cookieSecure: boolean
  sessionIdleS: number
  sessionMaxAgeS: number
  loginRateLimitPerMin: number
  allowedOrigins: string[]
  inviteTtlDays: number
}

export interface MailConfig {
  transport: 'outbox' | 'smtp' | 'ses'
  from: string
  /** Where the outbox transport writes its .eml files. */
  outboxDir: string
  /** The origin unsubscribe links point at. */
  publicUrl: string
  smtp: {
    host: string
    port: number
    secure: boolean
    requireTls: boolean
    user: string | undefined
    password: string | undefined
  }
  sesRegion: string
  pollIntervalMs: number
  retryBaseMs: number
  maxAttempts: number
  /** undefined when the reminder schedule is off (the default). */
  reminderSchedule: { expression: string; timezone: string } | undefined
}

export interface Config {
  port: number
  host: string
  logLevel: string
  dataDir: string
  database: DatabaseConfig
  migrateOnStart: boolean
  trustProxy: string[]
  slowRequestMs: number
  requestTimeoutMs: number
  bodyLimitBytes: number
  shutdownGraceMs: number
  auth: AuthConfig
  demo: boolean
  seedDemo: boolean
  shopTimezone: string
  /** The shop's name, address and phone as printed on order PDFs and signed on e-mails. */
  shop: { name: string; addressLines: string[]; phone: string | null }
  files: {
    /** undefined: the local driver in DATA_DIR/files. */
    s3: { bucket: string; region: string; endpoint: string | undefined; forcePathStyle: boolean } | undefined
    localDir: string
    maxUploadBytes: number
    downloadUrlTtlS: number
  }
  ml: {
    trainTimeoutMs: number
    minSamples: number
    maxRegression: number
    driftRatio: number
    retrainLog: string | undefined
    /** undefined when the in-process schedule is off. */
    schedule: { expression: string; timezone: string } | undefined
  }
  mail: MailConfig
  analytics: {
    cacheTtlS: number
    cacheMax: number
    /** A read replica's pool settings (as the primary's, with its own URL), when ANALYTICS_DATABASE_URL is set. */
    replica: Extract<DatabaseConfig, { kind: 'postgres' }> | undefined
  }
}

/**
 * Reads and validates the environment; throws ConfigError naming the offending variable.
 * Commands that never touch tokens (migrations) pass requireSecretKey: false.
 */
export function loadConfig(
  source: NodeJS.ProcessEnv = process.env,
  options: { requireSecretKey?: boolean } = {},
): Config {
  const env = parseEnv(source)
  const dataDir = path.resolve(env.DATA_DIR)
  const database = databaseConfig(env, dataDir)
  if (database.kind === 'postgres' && !env.SECRET_KEY && options.requireSecretKey !== false) {
    throw new ConfigError(
      'Invalid configuration: SECRET_KEY is required with a server database (32+ random characters)',
    )
  }
  return {
    port: env.PORT,
    host: env.HOST,
    logLevel: env.LOG_LEVEL,
    dataDir,
    database,
    migrateOnStart: env.MIGRATE_ON_START ?? database.kind === 'embedded',
    trustProxy: parseTrustProxy(env.TRUST_PROXY),
    slowRequestMs: env.SLOW_REQUEST_MS,
    requestTimeoutMs: env.REQUEST_TIMEOUT_MS,
    bodyLimitBytes: env.BODY_LIMIT_BYTES,
    shutdownGraceMs: env.SHUTDOWN_GRACE_MS,
    auth: {
      secretKey: env.SECRET_KEY,
      previousSecretKey: env.SECRET_KEY_PREVIOUS,
      cronSecret: env.CRON_SECRET,
      cookieSecure: env.COOKIE_SECURE,
      sessionIdleS: env.SESSION_IDLE_TIMEOUT_S,
      sessionMaxAgeS: env.SESSION_MAX_AGE_S,
      loginRateLimitPerMin: env.LOGIN_RATE_LIMIT_PER_MIN,
      allowedOrigins: parseOrigins(env.ALLOWED_ORIGINS),
      inviteTtlDays: env.INVITE_TTL_DAYS,
    },
    demo: env.DEMO,
    seedDemo: env.SEED_DEMO,
    analytics: {
      cacheTtlS: env.ANALYTICS_CACHE_TTL_S,
      cacheMax: env.ANALYTICS_CACHE_MAX,
      replica: replicaConfig(env),
    },
    shopTimezone: validTimezone(env.SHOP_TIMEZONE),
    shop: shopHeader(env),
    files: {
      s3: env.AWS_S3_BUCKET
        ? {
            bucket: env.AWS_S3_BUCKET,
            region: env.AWS_REGION,
            endpoint: env.S3_ENDPOINT,
            forcePathStyle: env.S3_FORCE_PATH_STYLE ?? env.S3_ENDPOINT !== undefined,
          }
        : undefined,
      localDir: path.join(dataDir, 'files'),
      maxUploadBytes: Math.round(env.MAX_UPLOAD_MB * 1024 * 1024),
      downloadUrlTtlS: env.DOWNLOAD_URL_TTL_S,
    },
    mail: mailConfig(env, dataDir),
    ml: {
      trainTimeoutMs: env.ML_TRAIN_TIMEOUT_S * 1000,
      minSamples: env.ML_MIN_SAMPLES,
      maxRegression: env.ML_MAX_REGRESSION,
      driftRatio: env.ML_DRIFT_RATIO,
      retrainLog: env.ML_RETRAIN_LOG,
      schedule: retrainSchedule(env),
    },
  }
}

function mailConfig(env: Env, dataDir: string): MailConfig {
  const transport = env.MAIL_TRANSPORT
  if (transport === 'smtp' && !env.SMTP_HOST)
    throw new ConfigError('Invalid configuration: MAIL_TRANSPORT=smtp needs SMTP_HOST')
  if ((env.SMTP_USER === undefined) !== (env.SMTP_PASSWORD === undefined))
    throw new ConfigError('Invalid configuration: SMTP_USER and SMTP_PASSWORD go together')
  return {
    transport,
    from: env.MAIL_FROM,
    outboxDir: path.join(dataDir, 'outbox'),
    publicUrl: publicUrl(env),
    smtp: {
      host: env.SMTP_HOST ?? 'localhost',
      port: env.SMTP_PORT,
      secure: env.SMTP_SECURE,
      requireTls: env.SMTP_REQUIRE_TLS,
      user: env.SMTP_USER,
      password: env.SMTP_PASSWORD,
    },
    sesRegion: env.MAIL_SES_REGION ?? env.AWS_REGION,
    pollIntervalMs: Math.round(env.MAIL_POLL_INTERVAL_S * 1000),
    retryBaseMs: Math.round(env.MAIL_RETRY_BASE_S * 1000),
    maxAttempts: env.MAIL_MAX_ATTEMPTS,
    reminderSchedule: reminderSchedule(env),
  }
}

/** Without PUBLIC_URL, links point at this process's own address (right for one machine, wrong behind a proxy). */
function publicUrl(env: Env): string {
  const given = env.PUBLIC_URL ?? `http://${env.HOST === '0.0.0.0' ? 'localhost' : env.HOST}:${env.PORT}`
  try {
    return new URL(given).origin
  } catch {
    throw new ConfigError(`Invalid configuration: PUBLIC_URL "${given}" is not an origin like https://host`)
  }
}
