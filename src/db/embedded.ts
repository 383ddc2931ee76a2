import { mkdirSync } from 'node:fs'
import path from 'node:path'
import { PGlite } from '@electric-sql/pglite'
import { pg_trgm } from '@electric-sql/pglite/contrib/pg_trgm'
import { drizzle } from 'drizzle-orm/pglite'
import lockfile from 'proper-lockfile'
import * as schema from '../models/index.js'
import { withTimeout } from './errors.js'
import { drizzleLogger } from './logger.js'
import type { Database, DatabaseOptions, DbLogger, SqlSession } from './types.js'

export class EmbeddedDatabaseLockedError extends Error {
  override name = 'EmbeddedDatabaseLockedError'
}

/**
 * PGlite persisted under dataDir. PGlite has no lock of its own and two writers corrupt the files,
 * so a lock file guards the directory: a second process fails at once with a clear message.
 * The lock is refreshed while we run and goes stale ~10 s after a crash.
 */
export async function createEmbeddedDatabase(
  dataDir: string,
  log: DbLogger,
  options: DatabaseOptions = {},
): Promise<Database> {
  const dir = path.join(dataDir, 'pglite')
  mkdirSync(dir, { recursive: true })
  let release: () => Promise<void>
  try {
    release = await lockfile.lock(dir, {
      lockfilePath: path.join(dataDir, 'pglite.lock'),
      stale: 10_000,
      update: 2_000,
      onCompromised: (err) => log.error({ err }, 'embedded database lock compromised'),
    })
  } catch (err) {
    if ((err as { code?: string }).code === 'ELOCKED') {
      throw new EmbeddedDatabaseLockedError(
        `The embedded database in ${dir} is in use by another process. Stop it, or set DATA_DIR to another ` +
          'directory, or set DATABASE_URL to use a PostgreSQL server (which several processes can share).',
      )
    }
    throw err
  }

  let client: PGlite
  try {
    // pg_trgm backs the list screens' contains-search, as it does on the server.
    client = await PGlite.create(dir, { extensions: { pg_trgm } })
  } catch (err) {
    await release()
    throw err
  }
  const db = drizzle({ client, schema, ...drizzleLogger(options) })
  const heldLocks = new Set<number>()
  return {
    kind: 'embedded',
    description: `embedded PGlite in ${dir}`,
    db,
    async ping(timeoutMs) {
      await withTimeout(client.query('SELECT 1'), timeoutMs)
    },
    async withSession(fn) {
      const session: SqlSession = {
        async query(text, params) {
          const result = await client.query(text, params)
          return result.rows as never[]
        },
      }
      return fn(session)
    },
    async tryLock(key) {
      // One process owns the embedded database (the lock file sees to it), and PGlite has a single
      // session in which advisory locks are re-entrant, so the process itself is the lock holder.
      if (heldLocks.has(key)) return undefined
      heldLocks.add(key)
      return async () => {
        heldLocks.delete(key)
      }
    },
    async notify() {
      // One process owns the embedded database: there is nobody else to tell.
    },
    async close() {
      try {
        await client.close()
      } finally {
        await release()
      }
    },
  }
}
