import { describe, expect, it } from 'vitest'
import { cacheKey, createAnalyticsCache } from '../../src/cache/analytics-cache.js'

const deferred = <T>() => {
  let resolve!: (v: T) => void
  const promise = new Promise<T>((r) => {
    resolve = r
  })
  return { promise, resolve }
}

describe('the analytics cache', () => {
  it('computes once, then answers hits until invalidated', async () => {
    const cache = createAnalyticsCache({ ttlMs: 60_000, max: 10 })
    let calls = 0
    const compute = async () => ({ n: ++calls })
    expect(await cache.get('a', compute)).toEqual({ value: { n: 1 }, hit: false })
    expect(await cache.get('a', compute)).toEqual({ value: { n: 1 }, hit: true })
    cache.invalidate()
    expect(await cache.get('a', compute)).toEqual({ value: { n: 2 }, hit: false })
    expect(cache.stats()).toMatchObject({ hits: 1, misses: 2, invalidations: 1, size: 1 })
  })

  it('shares one computation between concurrent misses of a key', async () => {
    const cache = createAnalyticsCache({ ttlMs: 60_000, max: 10 })
    const gate = deferred<{ v: number }>()
    let calls = 0
    const compute = () => {
      calls++
      return gate.promise
    }
    const all = Promise.all(Array.from({ length: 20 }, () => cache.get('k', compute)))
    gate.resolve({ v: 7 })
    const results = await all
    expect(calls).toBe(1)
    expect(results.every((r) => r.value.v === 7)).toBe(true)
  })

  it('does not store a result computed before an invalidation', async () => {
    const cache = createAnalyticsCache({ ttlMs: 60_000, max: 10 })
    const gate = deferred<{ v: string }>()
    const stale = cache.get('k', () => gate.promise)
    cache.invalidate()
    gate.resolve({ v: 'old' })
    await stale
    expect(await cache.get('k', async () => ({ v: 'new' }))).toEqual({ value: { v: 'new' }, hit: false })
  })

  it('expires entries after the TTL and stays within its size bound', async () => {
    const cache = createAnalyticsCache({ ttlMs: 30, max: 2 })
    await cache.get('a', async () => ({}))
    await new Promise((r) => setTimeout(r, 60))
    expect((await cache.get('a', async () => ({}))).hit).toBe(false)
    for (const k of ['b', 'c', 'd']) await cache.get(k, async () => ({}))
    expect(cache.stats().size).toBe(2)
  })

  it('keys equal parameters equally whatever their order, leaving out empty ones', () => {
    expect(cacheKey('summary', { to: '2024-02-01', from: '2024-01-01', sourceId: undefined })).toBe(
      cacheKey('summary', { from: '2024-01-01', to: '2024-02-01' }),
    )
    expect(cacheKey('summary', { from: '2024-01-01' })).not.toBe(cacheKey('trends', { from: '2024-01-01' }))
  })
})
