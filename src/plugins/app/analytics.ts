import { randomUUID } from 'node:crypto'
import fp from 'fastify-plugin'
import { type CachedQueries, cacheKey, createAnalyticsCache } from '../../cache/analytics-cache.js'
import { isConnectionError } from '../../db/errors.js'
import type { Database, Db } from '../../db/index.js'
import type { ChannelListener } from '../../db/listener.js'
import type { CountMatches } from '../../repositories/list-query.js'
import { CHANGES_CHANNEL } from '../../services/changes.js'

/** After the replica fails, analytics use the primary for this long before trying the replica again. */
const REPLICA_RETRY_MS = 30_000

export interface Analytics extends CachedQueries {
  /**
   * A list's total, cached like the analytics until the next committed write on any instance, and always
   * counted on the primary: the first screen (every order, newest first) otherwise counts the whole table
   * on every request.
   */
  countMatches: CountMatches
  /** Pings the replica (if any) and records whether it answered; never throws. */
  probeReplica(): Promise<void>
}

declare module 'fastify' {
  interface FastifyInstance {
    analytics: Analytics
  }
}

/**
 * The analytics cache and where its queries run. Any committed write of business data (the change hub)
 * clears this instance's cache at once and NOTIFYs the others, which clear theirs on LISTEN; while the
 * LISTEN connection is down the cache is bypassed, since invalidations could be missed. Queries go to
 * ANALYTICS_DATABASE_URL when set and fall back to the primary while the replica is unreachable.
 */
export default fp(
  async (app) => {
    const { cacheTtlS, cacheMax, replica: replicaConfig } = app.config.analytics
    const cache = createAnalyticsCache({ ttlMs: cacheTtlS * 1000, max: cacheMax })
    const totals = createAnalyticsCache({ ttlMs: cacheTtlS * 1000, max: cacheMax })
    const invalidate = () => {
      cache.invalidate()
      totals.invalidate()
    }
    const instanceId = randomUUID()
    const primary: Database = app.database

    let listener: ChannelListener | undefined
    if (primary.listen) {
      listener = primary.listen(CHANGES_CHANNEL, {
        onMessage: (sender) => {
          if (sender !== instanceId) invalidate()
        },
        onReconnect: invalidate,
      })
    }
    app.changes.subscribe(() => {
      invalidate()
      primary.notify(CHANGES_CHANNEL, instanceId).catch((err: Error) => {
        app.log.warn({ err: { message: err.message } }, 'could not notify other instances of a change')
      })
    })

    const replica = replicaConfig
      ? (await import('../../db/postgres.js')).createPostgresDatabase(replicaConfig, app.log)
      : undefined
    let replicaDownUntil = 0
    async function onBestDatabase<T>(query: (db: Db) => Promise<T>): Promise<T> {
      if (!replica || Date.now() < replicaDownUntil) return query(primary.db)
      try {
        return await query(replica.db)
      } catch (err) {
        if (!isConnectionError(err)) throw err
        replicaDownUntil = Date.now() + REPLICA_RETRY_MS
        app.log.warn(
          { err: { message: (err as Error).message } },
          'analytics replica unavailable; using the primary',
        )
        return query(primary.db)
      }
    }

    const usable = () => cacheTtlS > 0 && (listener === undefined || listener.connected())

    app.decorate('analytics', {
      async cached(endpoint, params, query) {
        if (!usable()) return { value: await onBestDatabase(query), cache: 'bypass' as const }
        const { value, hit } = await cache.get(cacheKey(endpoint, params), () => onBestDatabase(query))
        return { value, cache: hit ? ('hit' as const) : ('miss' as const) }
      },
      async countMatches(key, count) {
        if (!usable()) return count()
        const { value } = await totals.get(key, async () => ({ n: await count() }))
        return value.n
      },
      stats() {
        const crossInstance = listener
          ? listener.connected()
            ? 'listening'
            : 'not listening'
          : 'single instance'
        return {
          ...cache.stats(),
          crossInstance: crossInstance as 'listening' | 'not listening' | 'single instance',
        }
      },
      replicaStatus() {
        if (!replica) return 'not configured'
        return Date.now() < replicaDownUntil ? 'unavailable' : 'connected'
      },
      async probeReplica() {
        if (!replica) return
        try {
          await replica.ping(1000)
          replicaDownUntil = 0
        } catch {
          replicaDownUntil = Date.now() + REPLICA_RETRY_MS
        }
      },
    } satisfies Analytics)

    app.addHook('onClose', async () => {
      await listener?.close()
      await replica?.close()
    })
  },
  { name: 'analytics', dependencies: ['database', 'changes'] },
)
