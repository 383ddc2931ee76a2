import { createHash } from 'node:crypto'
import { readFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import path from 'node:path'
import { brotliCompressSync, constants, gzipSync } from 'node:zlib'

const require = createRequire(import.meta.url)
const OWN = path.join(import.meta.dirname, 'assets')

/**
 * Every file the pages may load, by the name templates use. Third-party files come from node_modules (no
 * CDN: the CSP allows only our origin); ours from src/web/assets (copied to dist/web/assets by the build).
 */
const SOURCES = {
  'app.css': path.join(OWN, 'app.css'),
  'app.js': path.join(OWN, 'app.js'),
  'work-orders.css': path.join(OWN, 'work-orders.css'),
  'queue.js': path.join(OWN, 'queue.js'),
  'shopfloor.css': path.join(OWN, 'shopfloor.css'),
  'analytics.js': path.join(OWN, 'analytics.js'),
  'clipboard.js': path.join(OWN, 'clipboard.js'),
  'manage.css': path.join(OWN, 'manage.css'),
  'htmx.js': require.resolve('htmx.org/dist/htmx.min.js'),
  'sortable.js': require.resolve('sortablejs/Sortable.min.js'),
  'uplot.js': require.resolve('uplot/dist/uPlot.iife.min.js'),
  'uplot.css': require.resolve('uplot/dist/uPlot.min.css'),
} as const

export type AssetName = keyof typeof SOURCES

export interface Asset {
  name: AssetName
  /** `htmx.3f9c0a1b2c3d.js`: the content hash in the name, so a cached copy can never be stale. */
  file: string
  url: string
  type: string
  body: Buffer
  gzip: Buffer
  brotli: Buffer
}

const TYPES: Record<string, string> = {
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
}

function load(name: AssetName): Asset {
  const body = readFileSync(SOURCES[name])
  const hash = createHash('sha256').update(body).digest('hex').slice(0, 12)
  const ext = path.extname(name)
  const file = `${path.basename(name, ext)}.${hash}${ext}`
  return {
    name,
    file,
    url: `/assets/${file}`,
    type: TYPES[ext] ?? 'application/octet-stream',
    body,
    // Compressed once at boot: the files never change while the process runs.
    gzip: gzipSync(body, { level: 9 }),
    brotli: brotliCompressSync(body, { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } }),
  }
}

let manifest: Map<AssetName, Asset> | undefined

/** All assets, read, hashed and compressed on first use (a few hundred KB, kept in memory). */
export function assets(): Map<AssetName, Asset> {
  manifest ??= new Map((Object.keys(SOURCES) as AssetName[]).map((name) => [name, load(name)]))
  return manifest
}

/** The fingerprinted URL of an asset, for `<script src>` and `<link href>`. */
export function assetUrl(name: AssetName): string {
  const asset = assets().get(name)
  if (!asset) throw new Error(`unknown asset ${name}`)
  return asset.url
}

/** JavaScript shipped to browsers, raw and compressed, in bytes (docs/WEB.md reports it). */
export function javascriptWeight() {
  const js = [...assets().values()].filter((a) => a.file.endsWith('.js'))
  const sum = (pick: (a: Asset) => Buffer) => js.reduce((n, a) => n + pick(a).length, 0)
  return {
    files: Object.fromEntries(js.map((a) => [a.name, a.body.length])),
    raw: sum((a) => a.body),
    gzip: sum((a) => a.gzip),
    brotli: sum((a) => a.brotli),
  }
}
