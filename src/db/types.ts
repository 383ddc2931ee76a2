import type { PgDatabase, PgQueryResultHKT } from 'drizzle-orm/pg-core'
import type * as schema from '../models/index.js'
import type { ChannelListener } from './listener.js'

/** The Drizzle handle; the same type over node-postgres and PGlite. */
export type Db = PgDatabase<PgQueryResultHKT, typeof schema>

/** Raw SQL on one connection: what the migrator and maintenance commands need. */
export interface SqlSession {
  query<T = Record<string, unknown>>(text: string, params?: unknown[]): Promise<T[]>
}

export interface Database {
  kind: 'embedded' | 'postgres'
  /** Where it points, safe to print (no password). */
  description: string
  db: Db
  /** One cheap round trip; rejects when the database does not answer within timeoutMs. */
  ping(timeoutMs: number): Promise<void>
  /** Runs fn on one dedicated connection (advisory locks are per connection). */
  withSession<T>(fn: (session: SqlSession) => Promise<T>): Promise<T>
  /**
   * Tries a session-level advisory lock across every instance; resolves to its release function, or to
   * undefined at once when another holder has it.
   */
  tryLock(key: number): Promise<(() => Promise<void>) | undefined>
  /** NOTIFY other instances (a no-op on the embedded database, which has only this one). */
  notify(channel: string, payload: string): Promise<void>
  /** LISTEN for other instances' notifications; undefined on the embedded database. */
  listen?(
    channel: string,
    handlers: { onMessage(payload: string): void; onReconnect(): void },
  ): ChannelListener
  close(): Promise<void>
}

/** What the database layer logs through (pino's and Fastify's loggers both fit). */
export interface DbLogger {
  warn(obj: object, msg: string): void
  error(obj: object, msg: string): void
}

export interface DatabaseOptions {
  /** Called with every SQL statement Drizzle sends (tests count statements per request with it). */
  onQuery?: (sql: string, params: unknown[]) => void
}
