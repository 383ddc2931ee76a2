import { existsSync, readFileSync, writeFileSync } from 'node:fs'
import path from 'node:path'
import type { Config } from '../config.js'
import { newToken } from './tokens.js'

/**
 * SECRET_KEY is required with a server database (config refuses to start without it). For the embedded
 * database a key is generated once and kept beside it in DATA_DIR, readable by the owner only.
 */
export function resolveSecretKeys(config: Config): { current: string; previous?: string | undefined } {
  if (config.auth.secretKey)
    return { current: config.auth.secretKey, previous: config.auth.previousSecretKey }
  const file = secretKeyFile(config)
  if (!existsSync(file)) writeFileSync(file, `${newToken()}${newToken()}\n`, { mode: 0o600, flag: 'wx' })
  return { current: readFileSync(file, 'utf8').trim(), previous: config.auth.previousSecretKey }
}

const secretKeyFile = (config: Config) => path.join(config.dataDir, 'secret-key')

/** Where SECRET_KEY comes from, for the startup line and `npm run check -- config`: never its value. */
export function secretKeySource(config: Config): string {
  if (config.auth.secretKey) return 'from environment'
  const file = secretKeyFile(config)
  if (existsSync(file)) return `from ${file} (generated)`
  // A server database refuses to start without one; the embedded one writes it at its first start.
  return config.database.kind === 'embedded' ? `unset: to be generated into ${file} at start` : 'unset'
}
