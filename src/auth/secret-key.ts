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
  const file = path.join(config.dataDir, 'secret-key')
  if (!existsSync(file)) writeFileSync(file, `${newToken()}${newToken()}\n`, { mode: 0o600, flag: 'wx' })
  return { current: readFileSync(file, 'utf8').trim(), previous: config.auth.previousSecretKey }
}
