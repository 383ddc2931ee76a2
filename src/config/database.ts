// Where the primary database and the analytics replica are, and the pool settings each gets.

import type { Env } from './env.js'
import { ConfigError } from './values.js'

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

const APPLICATION_NAME = 'awning-management-system'

export function databaseConfig(env: Env, dataDir: string): DatabaseConfig {
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

export function replicaConfig(env: Env): Extract<DatabaseConfig, { kind: 'postgres' }> | undefined {
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
