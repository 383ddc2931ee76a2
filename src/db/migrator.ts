import { loadMigrations, type Migration } from './migrations.js'
import type { Database, SqlSession } from './types.js'

/** Arbitrary but fixed: every instance and the CLI contend for the same key. */
export const MIGRATION_LOCK_KEY = 7_325_019_001

const CREATE_TABLE = `CREATE TABLE IF NOT EXISTS schema_migrations (
  tag text PRIMARY KEY,
  hash text NOT NULL,
  applied_at timestamptz NOT NULL DEFAULT now()
)`

export interface AppliedMigration {
  tag: string
  hash: string
  appliedAt: Date
}

export interface MigrationStatus {
  tag: string
  applied: boolean
  appliedAt: Date | null
  /** The file changed after it was applied: committed migrations must never be edited. */
  modified: boolean
}

export type UpgradeTarget = { kind: 'head' } | { kind: 'steps'; steps: number }
export type DowngradeTarget =
  | { kind: 'steps'; steps: number }
  | { kind: 'tag'; tag: string }
  | { kind: 'base' }

export class MigrationError extends Error {
  override name = 'MigrationError'
}

export interface MigratorLog {
  info(msg: string): void
  warn(msg: string): void
}

const silent: MigratorLog = { info() {}, warn() {} }

/**
 * Applies and reverts migrations under a PostgreSQL advisory lock held on the same connection that
 * runs them, so instances starting together apply each migration exactly once. Each migration runs in
 * its own transaction together with its bookkeeping row.
 */
export function createMigrator(
  database: Database,
  log: MigratorLog = silent,
  migrations: Migration[] = loadMigrations(),
) {
  async function locked<T>(fn: (session: SqlSession) => Promise<T>): Promise<T> {
    return database.withSession(async (session) => {
      await session.query('SELECT pg_advisory_lock($1)', [MIGRATION_LOCK_KEY])
      try {
        await session.query(CREATE_TABLE)
        return await fn(session)
      } finally {
        await session.query('SELECT pg_advisory_unlock($1)', [MIGRATION_LOCK_KEY])
      }
    })
  }

  async function appliedRows(session: SqlSession): Promise<AppliedMigration[]> {
    const rows = await session.query<{ tag: string; hash: string; applied_at: Date | string }>(
      'SELECT tag, hash, applied_at FROM schema_migrations ORDER BY tag',
    )
    return rows.map((r) => ({ tag: r.tag, hash: r.hash, appliedAt: new Date(r.applied_at) }))
  }

  async function runInTransaction(
    session: SqlSession,
    statements: string[],
    bookkeeping: [string, unknown[]],
  ) {
    await session.query('BEGIN')
    try {
      for (const statement of statements) await session.query(statement)
      await session.query(bookkeeping[0], bookkeeping[1])
      await session.query('COMMIT')
    } catch (err) {
      await session.query('ROLLBACK').catch(() => {})
      throw err
    }
  }

  function statusOf(applied: AppliedMigration[]): MigrationStatus[] {
    const byTag = new Map(applied.map((a) => [a.tag, a]))
    return migrations.map((m) => {
      const row = byTag.get(m.tag)
      return {
        tag: m.tag,
        applied: !!row,
        appliedAt: row?.appliedAt ?? null,
        modified: !!row && row.hash !== m.hash,
      }
    })
  }

  return {
    migrations,

    /** Applied migrations the code does not know (the database is ahead of this build). */
    async status(): Promise<{ migrations: MigrationStatus[]; unknown: string[] }> {
      return locked(async (session) => {
        const applied = await appliedRows(session)
        const known = new Set(migrations.map((m) => m.tag))
        return {
          migrations: statusOf(applied),
          unknown: applied.filter((a) => !known.has(a.tag)).map((a) => a.tag),
        }
      })
    },

    async upgrade(target: UpgradeTarget = { kind: 'head' }): Promise<string[]> {
      return locked(async (session) => {
        const applied = new Set((await appliedRows(session)).map((a) => a.tag))
        let pending = migrations.filter((m) => !applied.has(m.tag))
        if (target.kind === 'steps') pending = pending.slice(0, target.steps)
        if (pending.length > 1) log.info(`applying ${pending.length} migrations…`)
        const done: string[] = []
        for (const m of pending) {
          log.info(`applying ${m.tag}`)
          await runInTransaction(session, m.up, [
            'INSERT INTO schema_migrations (tag, hash) VALUES ($1, $2)',
            [m.tag, m.hash],
          ])
          done.push(m.tag)
        }
        return done
      })
    },

    async downgrade(target: DowngradeTarget): Promise<string[]> {
      return locked(async (session) => {
        const applied = new Set((await appliedRows(session)).map((a) => a.tag))
        const appliedInOrder = migrations.filter((m) => applied.has(m.tag)).reverse()
        let toRevert: Migration[]
        if (target.kind === 'base') toRevert = appliedInOrder
        else if (target.kind === 'steps') toRevert = appliedInOrder.slice(0, target.steps)
        else {
          const index = appliedInOrder.findIndex(
            (m) => m.tag === target.tag || m.tag.startsWith(`${target.tag}_`),
          )
          if (index < 0) throw new MigrationError(`${target.tag} is not an applied migration`)
          toRevert = appliedInOrder.slice(0, index)
        }
        const done: string[] = []
        for (const m of toRevert) {
          if (!m.down) throw new MigrationError(`${m.tag} has no down script (drizzle/down/${m.tag}.sql)`)
          log.info(`reverting ${m.tag}`)
          await runInTransaction(session, m.down, ['DELETE FROM schema_migrations WHERE tag = $1', [m.tag]])
          done.push(m.tag)
        }
        return done
      })
    },
  }
}

export type Migrator = ReturnType<typeof createMigrator>
