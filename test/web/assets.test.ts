import { brotliDecompressSync } from 'node:zlib'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { assets, assetUrl, javascriptWeight } from '../../src/web/assets.js'
import { createTestApp } from '../helpers/app.js'

describe('fingerprinted assets', () => {
  let ctx: Awaited<ReturnType<typeof createTestApp>>
  beforeAll(async () => {
    ctx = await createTestApp()
  })
  afterAll(() => ctx.close())

  it('puts a content hash in every URL', () => {
    for (const asset of assets().values())
      expect(asset.url).toMatch(/^\/assets\/[a-z]+\.[0-9a-f]{12}\.(js|css)$/)
  })

  it('serves an asset for a year, immutable, compressed when the browser accepts it', async () => {
    const res = await ctx.app.inject({ url: assetUrl('htmx.js'), headers: { 'accept-encoding': 'gzip, br' } })
    expect(res.statusCode).toBe(200)
    expect(res.headers['cache-control']).toBe('public, max-age=31536000, immutable')
    expect(res.headers['content-type']).toBe('text/javascript; charset=utf-8')
    expect(res.headers['content-encoding']).toBe('br')
    expect(brotliDecompressSync(res.rawPayload).equals(assets().get('htmx.js')?.body as Buffer)).toBe(true)
    const plain = await ctx.app.inject({ url: assetUrl('app.css') })
    expect(plain.headers['content-encoding']).toBeUndefined()
    expect(plain.body).toContain('--focus')
  })

  it('answers an old or unknown fingerprint with the JSON 404', async () => {
    const res = await ctx.app.inject({ url: '/assets/htmx.000000000000.js' })
    expect(res.statusCode).toBe(404)
    expect(res.json().code).toBe('route_not_found')
  })

  it('ships less than 150 KB of JavaScript in all (issue 17)', () => {
    const weight = javascriptWeight()
    console.log('JavaScript shipped (bytes):', JSON.stringify(weight))
    expect(weight.raw).toBeLessThan(150 * 1024)
  })
})
