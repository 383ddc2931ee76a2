import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { resolveSecretKeys } from '../src/auth/secret-key.js'
import { ConfigError, loadConfig as load, redactUrl } from '../src/config.js'
import { configSummary } from '../src/config-summary.js'
import { tempDir } from './helpers/database.js'

const KEY = 'k'.repeat(40)
/** Every config here gets a SECRET_KEY unless the test is about it. */
const loadConfig = (env: Record<string, string>) => load({ SECRET_KEY: KEY, ...env })

describe('configuration', () => {
  it('uses documented defaults and the embedded database when no database is configured', () => {
    const config = loadConfig({})
    expect(config.port).toBe(8080)
    expect(config.database.kind).toBe('embedded')
    expect(config.migrateOnStart).toBe(true)
    expect(config.slowRequestMs).toBe(1000)
    expect(config.trustProxy).toEqual([])
  })

  it('names the variable when a value is invalid', () => {
    expect(() => loadConfig({ PORT: 'eighty' })).toThrow(ConfigError)
    expect(() => loadConfig({ PORT: 'eighty' })).toThrow(/PORT/)
    expect(() => loadConfig({ DB_POOL_MAX: '0' })).toThrow(/DB_POOL_MAX/)
    expect(() => loadConfig({ LOG_LEVEL: 'loud' })).toThrow(/LOG_LEVEL/)
  })

  it('schedules the nightly retrain by default, validates it, and turns it off only when told', () => {
    expect(loadConfig({}).ml.schedule).toEqual({ expression: '0 2 * * *', timezone: 'UTC' })
    expect(loadConfig({ ML_RETRAIN_SCHEDULE: '' }).ml.schedule?.expression).toBe('0 2 * * *')
    expect(loadConfig({ ML_RETRAIN_SCHEDULE: 'off' }).ml.schedule).toBeUndefined()
    expect(
      loadConfig({ ML_RETRAIN_SCHEDULE: '30 3 * * 1', SHOP_TIMEZONE: 'America/New_York' }).ml.schedule,
    ).toEqual({
      expression: '30 3 * * 1',
      timezone: 'America/New_York',
    })
    expect(() => loadConfig({ ML_RETRAIN_SCHEDULE: 'every night' })).toThrow(/ML_RETRAIN_SCHEDULE/)
    expect(() => loadConfig({ ML_RETRAIN_TZ: 'Mars/Base' })).toThrow(/ML_RETRAIN_TZ "Mars\/Base"/)
    expect(() => loadConfig({ ML_MAX_REGRESSION: '-1' })).toThrow(ConfigError)
    expect(loadConfig({}).ml.driftRatio).toBe(1.5)
    expect(loadConfig({ ML_DRIFT_RATIO: '2' }).ml.driftRatio).toBe(2)
    expect(() => loadConfig({ ML_DRIFT_RATIO: '1' })).toThrow(ConfigError)
  })

  it('reads the shop printed on order PDFs: defaults, address lines split on |, no control characters', () => {
    expect(loadConfig({}).shop).toEqual({ name: 'Awning Cleaning & Repair', addressLines: [], phone: null })
    expect(
      loadConfig({ SHOP_NAME: ' Harbor ', SHOP_ADDRESS: '12 Dock St| Annapolis, MD |', SHOP_PHONE: '555' })
        .shop,
    ).toEqual({ name: 'Harbor', addressLines: ['12 Dock St', 'Annapolis, MD'], phone: '555' })
    expect(() => loadConfig({ SHOP_NAME: 'A\tB' })).toThrow(/SHOP_NAME must not contain control/)
    expect(() => loadConfig({ SHOP_NAME: '   ' })).toThrow(/SHOP_NAME must not be blank/)
    expect(() => loadConfig({ SHOP_PHONE: 'x'.repeat(41) })).toThrow(ConfigError)
  })

  it('treats empty variables as unset', () => {
    expect(loadConfig({ DATABASE_URL: '', PORT: '' }).database.kind).toBe('embedded')
  })

  it('rejects a DATABASE_URL that is not a postgres URL', () => {
    expect(() => loadConfig({ DATABASE_URL: 'mysql://x@y/z' })).toThrow(/DATABASE_URL/)
  })

  it('does not migrate a server database at start unless told to', () => {
    expect(loadConfig({ DATABASE_URL: 'postgres://u:p@h/d' }).migrateOnStart).toBe(false)
    expect(loadConfig({ DATABASE_URL: 'postgres://u:p@h/d', MIGRATE_ON_START: 'true' }).migrateOnStart).toBe(
      true,
    )
    expect(loadConfig({ MIGRATE_ON_START: 'false' }).migrateOnStart).toBe(false)
  })

  it("builds the database URL from Elastic Beanstalk's RDS_* variables, escaping the password", () => {
    const config = loadConfig({
      RDS_HOSTNAME: 'db.example.internal',
      RDS_PORT: '5433',
      RDS_DB_NAME: 'ebdb',
      RDS_USERNAME: 'awning',
      RDS_PASSWORD: 'p@ss/word',
    })
    expect(config.database.kind).toBe('postgres')
    if (config.database.kind !== 'postgres') return
    expect(config.database.url).toBe('postgres://awning:p%40ss%2Fword@db.example.internal:5433/ebdb')
    expect(config.database.ssl).toBe('require')
  })

  it('names the missing RDS variable', () => {
    expect(() => loadConfig({ RDS_HOSTNAME: 'h', RDS_DB_NAME: 'd', RDS_USERNAME: 'u' })).toThrow(
      /RDS_PASSWORD/,
    )
  })

  it('prefers DATABASE_URL over RDS_* and maps pool settings', () => {
    const config = loadConfig({ DATABASE_URL: 'postgres://a@b/c', RDS_HOSTNAME: 'x', DB_POOL_MAX: '25' })
    expect(config.database).toMatchObject({ kind: 'postgres', url: 'postgres://a@b/c', poolMax: 25 })
  })

  it('accepts addresses and CIDRs for TRUST_PROXY but never plain true', () => {
    expect(loadConfig({ TRUST_PROXY: '127.0.0.1, 10.0.0.0/8,::1' }).trustProxy).toEqual([
      '127.0.0.1',
      '10.0.0.0/8',
      '::1',
    ])
    expect(() => loadConfig({ TRUST_PROXY: 'true' })).toThrow(/TRUST_PROXY/)
    expect(() => loadConfig({ TRUST_PROXY: '10.0.0.0/33' })).toThrow(/TRUST_PROXY/)
    expect(() => loadConfig({ TRUST_PROXY: '*' })).toThrow(/TRUST_PROXY/)
  })

  it('requires a CA file for verify-full TLS', () => {
    expect(() => loadConfig({ DATABASE_URL: 'postgres://a@b/c', DB_SSL: 'verify-full' })).toThrow(/DB_SSL_CA/)
  })

  it('requires SECRET_KEY with a server database, but not for the embedded one or for migrations', () => {
    expect(() => load({ DATABASE_URL: 'postgres://a@b/c' })).toThrow(/SECRET_KEY/)
    expect(load({}).auth.secretKey).toBeUndefined()
    expect(load({ DATABASE_URL: 'postgres://a@b/c' }, { requireSecretKey: false }).database.kind).toBe(
      'postgres',
    )
    expect(() => load({ SECRET_KEY: 'short' })).toThrow(/SECRET_KEY/)
  })

  it('has no default cron secret and refuses a short one', () => {
    expect(load({}).auth.cronSecret).toBeUndefined()
    expect(() => load({ CRON_SECRET: 'abc' })).toThrow(/CRON_SECRET/)
  })

  it('validates ALLOWED_ORIGINS', () => {
    expect(
      load({ ALLOWED_ORIGINS: 'https://shop.example.com/, http://localhost:3000' }).auth.allowedOrigins,
    ).toEqual(['https://shop.example.com', 'http://localhost:3000'])
    expect(() => load({ ALLOWED_ORIGINS: 'not a url' })).toThrow(/ALLOWED_ORIGINS/)
  })

  it('masks the password when a URL is shown', () => {
    expect(redactUrl('postgres://u:topsecret@h:5432/d')).not.toContain('topsecret')
    expect(redactUrl('postgres://u:topsecret@h:5432/d')).toContain('u:***@h')
  })
})

describe('the configuration summary (startup line, npm run check -- config)', () => {
  it('says where SECRET_KEY comes from, never its value', () => {
    const dataDir = tempDir()
    const fromEnv = configSummary(loadConfig({ DATA_DIR: dataDir })).secrets.SECRET_KEY
    expect(fromEnv).toBe('from environment')
    const embedded = load({ DATA_DIR: dataDir })
    expect(configSummary(embedded).secrets.SECRET_KEY).toMatch(/^unset: to be generated into .*secret-key/)
    const generated = resolveSecretKeys(embedded).current
    const summary = configSummary(embedded)
    expect(summary.secrets.SECRET_KEY).toBe(`from ${path.join(dataDir, 'secret-key')} (generated)`)
    expect(JSON.stringify(summary)).not.toContain(generated)
    expect(JSON.stringify(configSummary(loadConfig({ DATA_DIR: dataDir })))).not.toContain(KEY)
  })
})
