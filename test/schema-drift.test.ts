import { spawnSync } from 'node:child_process'
import { cpSync, readdirSync } from 'node:fs'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { MIGRATIONS_DIR } from '../src/db/migrations.js'
import { tempDir } from './helpers/database.js'

describe('src/models and drizzle/', () => {
  it('agree: drizzle-kit generate finds nothing new to write', () => {
    const out = tempDir()
    cpSync(MIGRATIONS_DIR, out, { recursive: true })
    const before = readdirSync(out).sort()
    const root = path.dirname(MIGRATIONS_DIR)
    const result = spawnSync(
      process.execPath,
      [
        path.join(root, 'node_modules/drizzle-kit/bin.cjs'),
        'generate',
        '--dialect=postgresql',
        '--schema=./src/models/index.ts',
        '--casing=snake_case',
        `--out=${path.relative(root, out)}`, // drizzle-kit prefixes "./" to whatever it is given
      ],
      { cwd: root, encoding: 'utf8' },
    )
    expect(result.status).toBe(0)
    expect(`${result.stdout}${result.stderr}`).toMatch(/No schema changes/i)
    expect(readdirSync(out).sort()).toEqual(before)
  })
})
