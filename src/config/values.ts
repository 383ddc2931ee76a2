// Reading the environment and checking the values JSON Schema cannot: time zones, origins, proxies, cron.

import { isIP } from 'node:net'
import envSchema from 'env-schema'
import cron from 'node-cron'
import { type Env, EnvSchema } from './env.js'

export class ConfigError extends Error {
  override name = 'ConfigError'
}

export function parseEnv(source: NodeJS.ProcessEnv): Env {
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

export function retrainSchedule(env: Env): { expression: string; timezone: string } | undefined {
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

/** MAIL_REMINDER_SCHEDULE: off unless set; runs in the shop's time zone. */
export function reminderSchedule(env: Env): { expression: string; timezone: string } | undefined {
  const expression = env.MAIL_REMINDER_SCHEDULE.trim()
  if (expression.toLowerCase() === 'off') return undefined
  if (!cron.validate(expression))
    throw new ConfigError(
      `Invalid configuration: MAIL_REMINDER_SCHEDULE is not a cron expression: ${expression}`,
    )
  return { expression, timezone: validTimezone(env.SHOP_TIMEZONE) }
}

export function validTimezone(zone: string, name = 'SHOP_TIMEZONE'): string {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: zone })
    return zone
  } catch {
    throw new ConfigError(
      `Invalid configuration: ${name} "${zone}" is not an IANA time zone (e.g. America/New_York)`,
    )
  }
}

export function parseOrigins(value: string): string[] {
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

/** The shop as printed on order PDFs: no control characters (a stray tab or newline would break the header). */
export function shopHeader(env: Pick<Env, 'SHOP_NAME' | 'SHOP_ADDRESS' | 'SHOP_PHONE'>) {
  for (const key of ['SHOP_NAME', 'SHOP_ADDRESS', 'SHOP_PHONE'] as const) {
    // biome-ignore lint/suspicious/noControlCharactersInRegex: refusing control characters is the point
    if (/[\u0000-\u001f\u007f]/.test(env[key]))
      throw new ConfigError(`Invalid configuration: ${key} must not contain control characters`)
  }
  const name = env.SHOP_NAME.trim()
  if (!name) throw new ConfigError('Invalid configuration: SHOP_NAME must not be blank')
  return {
    name,
    addressLines: env.SHOP_ADDRESS.split('|')
      .map((line) => line.trim())
      .filter(Boolean),
    phone: env.SHOP_PHONE.trim() || null,
  }
}
