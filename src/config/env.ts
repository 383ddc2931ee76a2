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
    description: 'Drift alarm: the active model’s live MAE (last 30 days) above its holdout MAE times this',
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
  MAIL_TRANSPORT: Type.Union([Type.Literal('outbox'), Type.Literal('smtp'), Type.Literal('ses')], {
    default: 'outbox',
    description: 'How e-mail leaves: outbox (.eml files in DATA_DIR/outbox), smtp or ses',
  }),
  MAIL_FROM: Type.String({
    minLength: 3,
    default: 'Awning shop <shop@localhost>',
    description: 'From address of every e-mail (a verified identity with SES)',
  }),
  PUBLIC_URL: Type.Optional(
    Type.String({
      minLength: 1,
      description: 'Origin people reach the app at (https://shop.example.com): unsubscribe links use it',
    }),
  ),
  SMTP_HOST: Type.Optional(Type.String({ minLength: 1, description: 'SMTP server (MAIL_TRANSPORT=smtp)' })),
  SMTP_PORT: Type.Integer({ minimum: 1, maximum: 65535, default: 587, description: 'SMTP port' }),
  SMTP_SECURE: Type.Boolean({
    default: false,
    description: 'TLS from the first byte (port 465); otherwise STARTTLS',
  }),
  SMTP_REQUIRE_TLS: Type.Boolean({
    default: true,
    description: 'Refuse to send unless STARTTLS succeeds (off only for a loopback test server)',
  }),
  SMTP_USER: Type.Optional(Type.String({ minLength: 1, description: 'SMTP user name' })),
  SMTP_PASSWORD: Type.Optional(Type.String({ minLength: 1, description: 'SMTP password' })),
  MAIL_SES_REGION: Type.Optional(
    Type.String({ minLength: 1, description: 'Region of SES (default AWS_REGION)' }),
  ),
  MAIL_POLL_INTERVAL_S: Type.Number({
    minimum: 0.05,
    maximum: 3600,
    default: 10,
    description: 'How often each instance looks for e-mail to send',
  }),
  MAIL_RETRY_BASE_S: Type.Number({
    minimum: 0.05,
    maximum: 86400,
    default: 60,
    description: 'First retry after a transport error; doubles each attempt (capped at 6 h)',
  }),
  MAIL_MAX_ATTEMPTS: Type.Integer({
    minimum: 1,
    maximum: 50,
    default: 8,
    description: 'Attempts before a message is marked failed',
  }),
  MAIL_REMINDER_SCHEDULE: Type.String({
    default: 'off',
    description: 'In-process annual-reminder batch (cron syntax); off by default',
  }),
  SEED_DEMO: Type.Boolean({
    default: false,
    description: 'On an empty embedded database, load demo data at start',
  }),
  SHOP_TIMEZONE: Type.String({
    default: 'UTC',
    description: 'IANA zone of the shop: "today" for date-in and status dates',
  }),
  // --- The shop as printed on order PDFs (docs/PRINTING.md) and signed on e-mails (docs/MAIL.md) ---
  SHOP_NAME: Type.String({
    minLength: 1,
    maxLength: 100,
    default: 'Awning Cleaning & Repair',
    description: 'Shop name at the top of printed orders and on e-mails',
  }),
  SHOP_ADDRESS: Type.String({
    maxLength: 300,
    default: '',
    description: 'Shop address on printed orders and e-mails; lines separated by |',
  }),
  SHOP_PHONE: Type.String({
    maxLength: 40,
    default: '',
    description: 'Shop phone on printed orders and e-mails',
  }),
  DEMO: Type.Boolean({
    default: false,
    description: 'On an empty database, create a demo admin and print its password',
  }),
})

export type Env = Static<typeof EnvSchema>
