import { LRUCache } from 'lru-cache'
import type { Db } from '../db/index.js'

export interface CacheStats {
  hits: number
  misses: number
  invalidations: number
  size: number
}

/**
 * The analytics cache: bounded LRU with a TTL, keys of endpoint + normalized parameters, and one
 * computation per key at a time (concurrent misses share it). An invalidation clears everything and
 * makes computations already under way discard their result, so nothing computed before a write is
 * stored after it.
 */
export function createAnalyticsCache(options: { ttlMs: number; max: number }) {
  const entries = new LRUCache<string, object>({ max: options.max, ttl: options.ttlMs })
  const inflight = new Map<string, Promise<object>>()
  let generation = 0
  const stats = { hits: 0, misses: 0, invalidations: 0 }

  return {
    async get<T extends object>(key: string, compute: () => Promise<T>): Promise<{ value: T; hit: boolean }> {
      const cached = entries.get(key)
      if (cached !== undefined) {
        stats.hits++
        return { value: cached as T, hit: true }
      }
      stats.misses++
      let pending = inflight.get(key)
      if (!pending) {
        const startedIn = generation
        const computation: Promise<object> = compute()
          .then((value) => {
            if (startedIn === generation) entries.set(key, value)
            return value
          })
          .finally(() => {
            if (inflight.get(key) === computation) inflight.delete(key)
          })
        pending = computation
        inflight.set(key, pending)
      }
      return { value: (await pending) as T, hit: false }
    },

    invalidate(): void {
      generation++
      stats.invalidations++
      entries.clear()
      inflight.clear()
    },

    stats(): CacheStats {
      return { ...stats, size: entries.size }
    },
  }
}

export type AnalyticsCache = ReturnType<typeof createAnalyticsCache>

/** Endpoint + parameters in a fixed key order, undefined left out: equal requests share an entry. */
export function cacheKey(endpoint: string, params: Record<string, unknown>): string {
  const normalized = Object.keys(params)
    .sort()
    .filter((k) => params[k] !== undefined && params[k] !== '')
    .map((k) => `${k}=${String(params[k])}`)
  return `${endpoint}?${normalized.join('&')}`
}

export type CacheOutcome = 'hit' | 'miss' | 'bypass'
export type ReplicaStatus = 'not configured' | 'connected' | 'unavailable'

/** Where analytics queries run: through this instance's cache, on the replica when there is one. */
export interface CachedQueries {
  cached<T extends object>(
    endpoint: string,
    params: Record<string, unknown>,
    query: (db: Db) => Promise<T>,
  ): Promise<{ value: T; cache: CacheOutcome }>
  stats(): CacheStats & { crossInstance: 'listening' | 'not listening' | 'single instance' }
  replicaStatus(): ReplicaStatus
}
