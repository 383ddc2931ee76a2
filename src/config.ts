import { isIP } from 'node:net'
import path from 'node:path'
import envSchema from 'env-schema'
import cron from 'node-cron'
import { type Static, Type } from 'typebox'

/**
 * Every environment variable the service reads, with its default and a one-line doc.
 * README.md and .env.example list the same keys; a test keeps the three in step.
 */
export const EnvSchema = Type.Object({
  PORT: Type.Integer({ minimum: 1, maximum: 65535, default: 8080, description: 'HTTP port to listen on' }),
  HOST: Type.String({
    minLength: 1,
    default: '127.0.0.1',
    description: 'Interface to bind (nginx proxies to 127.0.0.1 on EB)',
  }),
  LOG_LEVEL: Type.Union(
    ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'].map((l) => Type.Literal(l)),
    { default: 'info', description: 'pino log level' },
  ),
  DATABASE_URL: Type.Optional(
    Type.String({ minLength: 1, description: 'postgres:// URL of the primary database' }),
  ),
  RDS_HOSTNAME: Type.Optional(
    Type.String({ minLength: 1, description: 'Set by Elastic Beanstalk for an attached RDS' }),
  ),
  RDS_PORT: Type.Integer({ minimum: 1, maximum: 65535, default: 5432, description: 'RDS port' }),
  RDS_DB_NAME: Type.Optional(Type.String({ minLength: 1, description: 'RDS database name' })),
  RDS_USERNAME: Type.Optional(Type.String({ minLength: 1, description: 'RDS user' })),
  RDS_PASSWORD: Type.Optional(Type.String({ description: 'RDS password' })),
  DB_SSL: Type.Optional(
    Type.Union([Type.Literal('off'), Type.Literal('require'), Type.Literal('verify-full')], {
      description:
        'TLS to PostgreSQL: off | require | verify-full (default: require for RDS_*, else as the URL says)',
    }),
  ),
  DB_SSL_CA: Type.Optional(
    Type.String({ description: 'PEM file of the CA for DB_SSL=verify-full (RDS bundle)' }),
  ),
  DB_POOL_MAX: Type.Integer({
    minimum: 1,
    maximum: 500,
    default: 10,
    description: 'Connections per instance',
  }),
  DB_CONNECT_TIMEOUT_MS: Type.Integer({
    minimum: 100,
    default: 5000,
    description: 'Give up connecting after this',
  }),
  DB_STATEMENT_TIMEOUT_MS: Type.Integer({
    minimum: 0,
    default: 30000,
    description: 'Server-side statement_timeout; 0 = none',
  }),
  DB_IDLE_TIMEOUT_MS: Type.Integer({
    minimum: 0,
    default: 30000,
    description: 'Close pooled connections idle this long',
  }),
  DATA_DIR: Type.String({
    minLength: 1,
    default: './data',
    description: 'Embedded database and local files',
  }),
  MIGRATE_ON_START: Type.Optional(
    Type.Boolean({
      description: 'Apply pending migrations at start (default: yes embedded, no server database)',
    }),
  ),
  TRUST_PROXY: Type.String({
    default: '',
    description: 'Comma-separated addresses/CIDRs of trusted proxies',
  }),
  SLOW_REQUEST_MS: Type.Integer({
    minimum: 1,
    default: 1000,
    description: 'Warn "request took N ms" above this',
  }),
  REQUEST_TIMEOUT_MS: Type.Integer({ minimum: 1000, default: 120000, description: 'Whole-request timeout' }),
  BODY_LIMIT_BYTES: Type.Integer({
    minimum: 1024,
    default: 1048576,
    description: 'Largest JSON body accepted',
  }),
  SHUTDOWN_GRACE_MS: Type.Integer({
    minimum: 100,
    maximum: 60000,
    default: 9000,
    description: 'Drain time on SIGTERM',
  }),
  SECRET_KEY: Type.Optional(
    Type.String({
      minLength: 32,
      description: 'Keys token digests; required with a server database (32+ chars)',
    }),
  ),
  SECRET_KEY_PREVIOUS: Type.Optional(
    Type.String({ minLength: 32, description: 'The key being rotated out' }),
  ),
  CRON_SECRET: Type.Optional(
    Type.String({ minLength: 16, description: 'X-Cron-Secret for /ml/cron/*; no default' }),
  ),
  COOKIE_SECURE: Type.Boolean({
    default: true,
    description: 'Secure + __Host- session cookie (browsers allow it on localhost)',
  }),
  SESSION_IDLE_TIMEOUT_S: Type.Integer({
    minimum: 60,
    default: 28800,
    description: 'Session ends after this idle time',
  }),
  SESSION_MAX_AGE_S: Type.Integer({
    minimum: 60,
    default: 2592000,
    description: 'Session ends this long after login',
  }),
  LOGIN_RATE_LIMIT_PER_MIN: Type.Integer({
    minimum: 1,
    default: 30,
    description: 'Login attempts per IP per minute',
  }),
  ALLOWED_ORIGINS: Type.String({
    default: '',
    description: 'Extra origins allowed to send cookie-authenticated writes',
  }),
  INVITE_TTL_DAYS: Type.Integer({
    minimum: 1,
    maximum: 90,
    default: 7,
    description: 'Default invite lifetime',
  }),
  ANALYTICS_CACHE_TTL_S: Type.Integer({
    minimum: 0,
    maximum: 86400,
    default: 300,
    description: 'Analytics cache and list totals lifetime; 0 = off',
  }),
  ANALYTICS_CACHE_MAX: Type.Integer({
    minimum: 1,
    maximum: 100000,
    default: 500,
    description: 'Analytics cache entries',
  }),
  ANALYTICS_DATABASE_URL: Type.Optional(
    Type.String({ minLength: 1, description: 'Read replica for analytics queries' }),
  ),
  AWS_S3_BUCKET: Type.Optional(
    Type.String({
      minLength: 3,
      maxLength: 63,
      description: 'Attachments bucket; files go to DATA_DIR/files without it',
    }),
  ),
  AWS_REGION: Type.String({ default: 'us-east-1', description: 'Region of the bucket' }),
  S3_ENDPOINT: Type.Optional(
    Type.String({
      minLength: 1,
      description: 'An S3-compatible server instead of AWS (path-style addressing)',
    }),
  ),
  S3_FORCE_PATH_STYLE: Type.Optional(
    Type.Boolean({ description: 'Path-style bucket addressing (default: on with S3_ENDPOINT, off on AWS)' }),
  ),
  MAX_UPLOAD_MB: Type.Number({
    exclusiveMinimum: 0,
    maximum: 5120,
    default: 10,
    description: 'Largest attachment',
  }),
  DOWNLOAD_URL_TTL_S: Type.Integer({
    minimum: 10,
    maximum: 604800,
    default: 300,
    description: 'Lifetime of a presigned download URL',
  }),
  ML_TRAIN_TIMEOUT_S: Type.Integer({
    minimum: 5,
    default: 600,
    description: 'A training still running after this is stopped',
  }),
  ML_MIN_SAMPLES: Type.Integer({
    minimum: 10,
    default: 100,
    description: 'Completed work orders needed to train',
  }),
  ML_MAX_REGRESSION: Type.Number({
    minimum: 0,
    default: 0.1,
    description:
      'A new model replaces the active one unless its holdout MAE is worse by more than this share',
  }),
  ML_DRIFT_RATIO: Type.Number({
    exclusiveMinimum: 1,
    default: 1.5,
    description:
      'Drift alarm: the active model’s live MAE (last 30 days) above its holdout MAE times this (issue 19)',
  }),
  ML_RETRAIN_LOG: Type.Optional(
    Type.String({ minLength: 1, description: 'File the training outcome lines are appended to' }),
  ),
  ML_RETRAIN_SCHEDULE: Type.String({
    default: '0 2 * * *',
    description: 'In-process retrain schedule (cron syntax); off disables it',
  }),
  ML_RETRAIN_TZ: Type.Optional(
    Type.String({ minLength: 1, description: 'Time zone of the schedule (default SHOP_TIMEZONE)' }),
  ),
  SEED_DEMO: Type.Boolean({
    default: false,
    description: 'On an empty embedded database, load demo data at start',
  }),
  SHOP_TIMEZONE: Type.String({
    default: 'UTC',
    description: 'IANA zone of the shop: "today" for date-in and status dates',
  }),
  DEMO: Type.Boolean({
    default: false,
    description: 'On an empty database, create a demo admin and print its password',
  }),
})

export type Env = Static<typeof EnvSchema>

export type DatabaseConfig =
  | { kind: 'embedded'; dataDir: string }
  | {
      kind: 'postgres'
      url: string
      ssl: 'off' | 'require' | 'verify-full' | undefined
      sslCaFile: string | undefined
      poolMax: number
      connectTimeoutMs: number
      statementTimeoutMs: number
      idleTimeoutMs: number
      applicationName: string
    }

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
  analytics: {
    cacheTtlS: number
    cacheMax: number
    /** A read replica's pool settings (as the primary's, with its own URL), when ANALYTICS_DATABASE_URL is set. */
    replica: Extract<DatabaseConfig, { kind: 'postgres' }> | undefined
  }
}

export class ConfigError extends Error {
  override name = 'ConfigError'
}

const APPLICATION_NAME = 'awning-management-system'

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

function retrainSchedule(env: Env): Config['ml']['schedule'] {
  // An empty variable means "unset" (the default) like every other, so turning it off is explicit.
  const expression = env.ML_RETRAIN_SCHEDULE.trim()
  if (expression.toLowerCase() === 'off') return undefined
  if (!cron.validate(expression))
    throw new ConfigError(
      `Invalid configuration: ML_RETRAIN_SCHEDULE is not a cron expression: ${expression}`,
    )
  return {
    expression,
    timezone: validTimezone(
      env.ML_RETRAIN_TZ ?? env.SHOP_TIMEZONE,
      env.ML_RETRAIN_TZ ? 'ML_RETRAIN_TZ' : 'SHOP_TIMEZONE',
    ),
  }
}

function validTimezone(zone: string, name = 'SHOP_TIMEZONE'): string {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: zone })
    return zone
  } catch {
    throw new ConfigError(
      `Invalid configuration: ${name} "${zone}" is not an IANA time zone (e.g. America/New_York)`,
    )
  }
}

function parseOrigins(value: string): string[] {
  return value
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean)
    .map((origin) => {
      try {
        return new URL(origin).origin
      } catch {
        throw new ConfigError(
          `Invalid configuration: ALLOWED_ORIGINS entry "${origin}" is not an origin like https://host`,
        )
      }
    })
}

function parseEnv(source: NodeJS.ProcessEnv): Env {
  // Empty strings mean "unset" (EB and .env files often carry KEY= lines).
  const data = Object.fromEntries(Object.entries(source).filter(([, v]) => v !== undefined && v !== ''))
  try {
    return envSchema<Env>({ schema: EnvSchema, data, dotenv: false })
  } catch (err) {
    throw new ConfigError(
      `Invalid configuration: ${(err as Error).message.replace(/\/?env\/?/g, ' ').trim()}`,
    )
  }
}

function databaseConfig(env: Env, dataDir: string): DatabaseConfig {
  const url = env.DATABASE_URL ?? rdsUrl(env)
  if (!url) return { kind: 'embedded', dataDir }
  if (!/^postgres(ql)?:\/\//.test(url)) {
    throw new ConfigError('Invalid configuration: DATABASE_URL must start with postgres:// or postgresql://')
  }
  if (env.DB_SSL === 'verify-full' && !env.DB_SSL_CA) {
    throw new ConfigError('Invalid configuration: DB_SSL_CA is required when DB_SSL=verify-full')
  }
  return {
    kind: 'postgres',
    url,
    ssl: env.DB_SSL ?? (env.DATABASE_URL ? undefined : 'require'),
    sslCaFile: env.DB_SSL_CA,
    poolMax: env.DB_POOL_MAX,
    connectTimeoutMs: env.DB_CONNECT_TIMEOUT_MS,
    statementTimeoutMs: env.DB_STATEMENT_TIMEOUT_MS,
    idleTimeoutMs: env.DB_IDLE_TIMEOUT_MS,
    applicationName: APPLICATION_NAME,
  }
}

function replicaConfig(env: Env): Extract<DatabaseConfig, { kind: 'postgres' }> | undefined {
  const url = env.ANALYTICS_DATABASE_URL
  if (!url) return undefined
  if (!/^postgres(ql)?:\/\//.test(url)) {
    throw new ConfigError(
      'Invalid configuration: ANALYTICS_DATABASE_URL must start with postgres:// or postgresql://',
    )
  }
  return {
    kind: 'postgres',
    url,
    ssl: env.DB_SSL,
    sslCaFile: env.DB_SSL_CA,
    poolMax: Math.max(2, Math.ceil(env.DB_POOL_MAX / 2)),
    connectTimeoutMs: Math.min(env.DB_CONNECT_TIMEOUT_MS, 2000),
    statementTimeoutMs: env.DB_STATEMENT_TIMEOUT_MS,
    idleTimeoutMs: env.DB_IDLE_TIMEOUT_MS,
    applicationName: `${APPLICATION_NAME}-analytics`,
  }
}

function rdsUrl(env: Env): string | undefined {
  if (!env.RDS_HOSTNAME) return undefined
  for (const key of ['RDS_DB_NAME', 'RDS_USERNAME', 'RDS_PASSWORD'] as const) {
    if (env[key] === undefined)
      throw new ConfigError(`Invalid configuration: ${key} is required with RDS_HOSTNAME`)
  }
  const user = encodeURIComponent(env.RDS_USERNAME ?? '')
  const password = encodeURIComponent(env.RDS_PASSWORD ?? '')
  const db = encodeURIComponent(env.RDS_DB_NAME ?? '')
  return `postgres://${user}:${password}@${env.RDS_HOSTNAME}:${env.RDS_PORT}/${db}`
}

/** Only explicit addresses or CIDRs: trusting every hop would let clients forge their IP. */
export function parseTrustProxy(value: string): string[] {
  const entries = value
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean)
  for (const entry of entries) {
    const [address, bits, ...rest] = entry.split('/')
    const family = isIP(address ?? '')
    const maxBits = family === 6 ? 128 : 32
    const validBits = bits === undefined || (/^\d+$/.test(bits) && Number(bits) <= maxBits)
    if (family === 0 || !validBits || rest.length > 0) {
      throw new ConfigError(
        `Invalid configuration: TRUST_PROXY entry "${entry}" is not an IP address or CIDR (plain "true" is not allowed)`,
      )
    }
  }
  return entries
}

/** The URL with its password masked, for logs and CLI output. */
export function redactUrl(url: string): string {
  try {
    const parsed = new URL(url)
    if (parsed.password) parsed.password = '***'
    return parsed.toString()
  } catch {
    return '<unparseable database url>'
  }
}
