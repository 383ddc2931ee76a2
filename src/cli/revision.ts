import { execFileSync } from 'node:child_process'
import { readFileSync, writeFileSync } from 'node:fs'
import path from 'node:path'
import { MIGRATIONS_DIR } from '../db/migrations.js'

const ROOT = path.dirname(MIGRATIONS_DIR)

function journalTags(): string[] {
  const journal = JSON.parse(readFileSync(path.join(MIGRATIONS_DIR, 'meta/_journal.json'), 'utf8')) as {
    entries: { tag: string }[]
  }
  return journal.entries.map((e) => e.tag)
}

function drizzleKit(args: string[]): void {
  execFileSync(process.execPath, [path.join(ROOT, 'node_modules/drizzle-kit/bin.cjs'), 'generate', ...args], {
    cwd: ROOT,
    stdio: 'inherit',
  })
}

/**
 * Wraps `drizzle-kit generate` (the schema diff, like alembic --autogenerate); when the models have not
 * changed it makes an empty custom migration to write by hand. Either way a down script is created beside it.
 */
export function createRevision(name: string): { tag: string; empty: boolean } {
  const before = journalTags().length
  drizzleKit(['--name', name])
  let tags = journalTags()
  const empty = tags.length === before
  if (empty) {
    drizzleKit(['--custom', '--name', name])
    tags = journalTags()
  }
  const tag = tags.at(-1)
  if (!tag || tags.length !== before + 1) throw new Error('drizzle-kit did not create a migration')
  writeFileSync(
    path.join(MIGRATIONS_DIR, 'down', `${tag}.sql`),
    `-- Reverts ${tag}. Write the statements that undo drizzle/${tag}.sql, newest first,\n` +
      '-- separated by "--> statement-breakpoint". Until then `downgrade` refuses to revert it.\n',
  )
  return { tag, empty }
}
