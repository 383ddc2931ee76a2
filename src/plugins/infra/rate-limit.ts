import rateLimit from '@fastify/rate-limit'
import { sql } from 'drizzle-orm'
import fp from 'fastify-plugin'
import type { Db } from '../../db/index.js'
import { HttpErrors } from '../../errors.js'

type Callback = (err: Error | null, result?: { current: number; ttl: number }) => void

/**
 * A @fastify/rate-limit store in PostgreSQL: fixed windows counted by one upsert, so the limit holds
 * across every instance (the legacy per-process limits did not).
 */
function postgresStore(db: Db) {
  return class PostgresRateLimitStore {
    constructor(
      _options: unknown,
      private readonly prefix = 'global',
    ) {}

    incr(key: string, callback: Callback, timeWindow: number) {
      const fullKey = `${this.prefix}:${key}`
      const seconds = timeWindow / 1000
      db.execute<{ count: number; ttl: number }>(sql`
        INSERT INTO rate_limits AS r (key, count, window_start) VALUES (${fullKey}, 1, now())
        ON CONFLICT (key) DO UPDATE SET
          count = CASE WHEN r.window_start <= now() - make_interval(secs => ${seconds}) THEN 1 ELSE r.count + 1 END,
          window_start = CASE WHEN r.window_start <= now() - make_interval(secs => ${seconds}) THEN now() ELSE r.window_start END
        RETURNING count, greatest(0, ceil(extract(epoch from (window_start + make_interval(secs => ${seconds}) - now())) * 1000))::int AS ttl`)
        .then((result) => {
          const row = (result as unknown as { rows: { count: number; ttl: number }[] }).rows[0]
          callback(null, { current: Number(row?.count ?? 1), ttl: Number(row?.ttl ?? timeWindow) })
        })
        .catch((err: Error) => callback(err))
    }

    child(routeOptions: { routeInfo?: { method?: string; url?: string } }) {
      const route = routeOptions.routeInfo
      return new PostgresRateLimitStore(undefined, `${route?.method ?? ''}${route?.url ?? ''}`)
    }
  }
}

/** Rate limits are opt-in per route (`config.rateLimit`); the login and register routes use them. */
export default fp(
  async (app) => {
    await app.register(rateLimit, {
      global: false,
      store: postgresStore(app.db) as never,
      errorResponseBuilder: (_request, context) =>
        HttpErrors.rateLimited(context.after, Math.ceil(context.ttl / 1000)),
    })
    // Old windows are useless after a day; clearing them here keeps the table small without a scheduler.
    // In the background and not fatal: start-up must not wait for, or fail on, a database that is away.
    app.addHook('onReady', async () => {
      app.db
        .execute(sql`DELETE FROM rate_limits WHERE window_start < now() - interval '1 day'`)
        .catch((err: Error) => app.log.warn({ err: { message: err.message } }, 'rate limit cleanup skipped'))
    })
  },
  { name: 'rate-limit', dependencies: ['database'] },
)
