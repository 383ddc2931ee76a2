import { readFileSync } from 'node:fs'
import { drizzle } from 'drizzle-orm/node-postgres'
import pg from 'pg'
import { type DatabaseConfig, redactUrl } from '../config.js'
import * as schema from '../models/index.js'
import { withTimeout } from './errors.js'
import { listenOnChannel } from './listener.js'
import { drizzleLogger } from './logger.js'
import type { Database, DatabaseOptions, DbLogger, SqlSession } from './types.js'

type PostgresConfig = Extract<DatabaseConfig, { kind: 'postgres' }>

// Return DATE columns as 'YYYY-MM-DD' strings, not local-midnight Date objects that shift across zones.
pg.types.setTypeParser(pg.types.builtins.DATE, (value) => value)

function sslOptions(cfg: PostgresConfig): pg.PoolConfig['ssl'] {
  switch (cfg.ssl) {
    case 'require':
      return { rejectUnauthorized: false }
    case 'verify-full':
      return { rejectUnauthorized: true, ca: readFileSync(cfg.sslCaFile ?? '', 'utf8') }
    case 'off':
      return false
    default:
      return undefined
  }
}

export function createPostgresDatabase(
  cfg: PostgresConfig,
  log: DbLogger,
  options: DatabaseOptions = {},
): Database {
  const pool = new pg.Pool({
    connectionString: cfg.url,
    max: cfg.poolMax,
    connectionTimeoutMillis: cfg.connectTimeoutMs,
    idleTimeoutMillis: cfg.idleTimeoutMs,
    statement_timeout: cfg.statementTimeoutMs || undefined,
    application_name: cfg.applicationName,
    // JIT compilation cost 175 ms of a 520 ms analytics summary on 100k orders and never paid off for our
    // statements (docs/PERFORMANCE.md); a startup parameter, so it costs no round trip.
    options: '-c jit=off',
    keepAlive: true,
    ...(cfg.ssl === undefined ? {} : { ssl: sslOptions(cfg) }),
  })
  // An idle client's error (backend terminated, server restarted) is emitted on the pool; without a
  // listener Node exits. A checked-out client emits on itself, so every client gets one too
  // (drizzle-orm issue #3908). The pool discards broken clients and reconnects on demand.
  pool.on('error', (err) =>
    log.warn(
      { err: { message: err.message, code: (err as { code?: string }).code } },
      'idle database connection lost',
    ),
  )
  pool.on('connect', (client) => {
    client.on('error', (err) => log.warn({ err: { message: err.message } }, 'database connection error'))
  })

  const db = drizzle({ client: pool, schema, ...drizzleLogger(options) })
  return {
    kind: 'postgres',
    description: redactUrl(cfg.url),
    db,
    async ping(timeoutMs) {
      await withTimeout(pool.query('SELECT 1'), timeoutMs)
    },
    async withSession(fn) {
      const client = await pool.connect()
      const session: SqlSession = {
        async query(text, params) {
          const result = await client.query(text, params as unknown[])
          return result.rows
        },
      }
      let broken: Error | undefined
      try {
        return await fn(session)
      } catch (err) {
        broken = err as Error
        throw err
      } finally {
        // Passing the error destroys the connection, releasing any session-level advisory lock.
        client.release(broken)
      }
    },
    async tryLock(key) {
      const client = await pool.connect()
      try {
        const { rows } = await client.query<{ ok: boolean }>('SELECT pg_try_advisory_lock($1) AS ok', [key])
        if (!rows[0]?.ok) {
          client.release()
          return undefined
        }
      } catch (err) {
        client.release(err as Error)
        throw err
      }
      // Held on this connection until released; if the connection dies, PostgreSQL releases it.
      return async () => {
        try {
          await client.query('SELECT pg_advisory_unlock($1)', [key])
          client.release()
        } catch (err) {
          client.release(err as Error)
        }
      }
    },
    async notify(channel, payload) {
      await pool.query('SELECT pg_notify($1, $2)', [channel, payload])
    },
    listen(channel, handlers) {
      const { connectionString, ssl, connectionTimeoutMillis, application_name } = pool.options
      return listenOnChannel(
        { connectionString, ssl, connectionTimeoutMillis, application_name, keepAlive: true },
        channel,
        handlers,
        log,
      )
    },
    async close() {
      await pool.end()
    },
  }
}
