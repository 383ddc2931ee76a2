import { createHash } from 'node:crypto'
import { existsSync, readFileSync } from 'node:fs'
import path from 'node:path'
import { fileURLToPath } from 'node:url'

/** The committed drizzle/ folder, found from both src/ (tsx) and dist/ (built). */
export const MIGRATIONS_DIR = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../drizzle')

export interface Migration {
  tag: string
  when: number
  hash: string
  up: string[]
  /** Statements of drizzle/down/<tag>.sql; null when the down script is missing. */
  down: string[] | null
}

interface Journal {
  entries: { idx: number; when: number; tag: string }[]
}

export class MigrationFilesError extends Error {
  override name = 'MigrationFilesError'
}

const BREAKPOINT = '--> statement-breakpoint'

export function splitStatements(sqlText: string): string[] {
  return sqlText
    .split(BREAKPOINT)
    .map((s) => s.trim())
    .filter((s) => s.replace(/^--.*$/gm, '').trim().length > 0)
}

/**
 * Reads drizzle/meta/_journal.json and the SQL files it names. Journal timestamps must strictly
 * increase: drizzle's own migrator silently skips an entry older than the last applied one, and
 * keeping the invariant keeps the folder usable by either tool.
 */
export function loadMigrations(dir: string = MIGRATIONS_DIR): Migration[] {
  const journal = JSON.parse(readFileSync(path.join(dir, 'meta/_journal.json'), 'utf8')) as Journal
  let previous = -Infinity
  return journal.entries.map((entry) => {
    if (!(entry.when > previous)) {
      throw new MigrationFilesError(
        `Journal timestamp of ${entry.tag} (${entry.when}) is not after the previous one (${previous})`,
      )
    }
    previous = entry.when
    const upText = readFileSync(path.join(dir, `${entry.tag}.sql`), 'utf8')
    const downFile = path.join(dir, 'down', `${entry.tag}.sql`)
    const up = splitStatements(upText)
    const down = existsSync(downFile) ? splitStatements(readFileSync(downFile, 'utf8')) : null
    return {
      tag: entry.tag,
      when: entry.when,
      hash: createHash('sha256').update(upText).digest('hex'),
      up,
      // A down script that is still only the template (comments) cannot revert a real migration.
      down: down && (down.length > 0 || up.length === 0) ? down : null,
    }
  })
}
