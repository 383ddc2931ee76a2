import { readdirSync, readFileSync } from 'node:fs'
import path from 'node:path'
import { brotliDecompressSync } from 'node:zlib'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { assets, assetUrl, javascriptWeight } from '../../src/web/assets.js'
import { createTestApp } from '../helpers/app.js'
import { ROOT } from '../helpers/cli.js'

describe('fingerprinted assets', () => {
  let ctx: Awaited<ReturnType<typeof createTestApp>>
  beforeAll(async () => {
    ctx = await createTestApp()
  })
  afterAll(() => ctx.close())

  it('puts a content hash in every URL', () => {
    for (const asset of assets().values())
      expect(asset.url).toMatch(/^\/assets\/[a-z]+(-[a-z]+)*\.[0-9a-f]{12}\.(js|css)$/)
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

  // Every page loads htmx and app.js; a page adds what its `scripts:` option names (the queue SortableJS,
  // analytics uPlot). What a page ships is that sum, read here from the pages' sources.
  it('ships less than 150 KB of JavaScript on every page (issue 17)', () => {
    const weight = javascriptWeight()
    const pagesDir = path.join(ROOT, 'src/web/pages')
    const extras = readdirSync(pagesDir).flatMap((file) =>
      readFileSync(path.join(pagesDir, file), 'utf8')
        .split('\n')
        .filter((line) => /\bscripts:/.test(line))
        .map((line) => [...line.matchAll(/'([\w-]+\.js)'/g)].map((m) => m[1] as string)),
    )
    expect(extras.flat()).toContain('uplot.js') // the scan sees the pages' scripts
    const perPage = [[], ...extras].map((names) => ['htmx.js', 'app.js', ...names])
    const bytes = (names: string[]) => names.reduce((n, name) => n + (weight.files[name] ?? Number.NaN), 0)
    const heaviest = perPage.reduce((a, b) => (bytes(b) > bytes(a) ? b : a))
    console.log('JavaScript (bytes):', JSON.stringify({ ...weight, heaviest, heaviestRaw: bytes(heaviest) }))
    for (const names of perPage) expect(bytes(names), names.join(' + ')).toBeLessThan(150 * 1024)
  })
})
