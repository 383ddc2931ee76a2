// Printed work orders (docs/PRINTING.md): one order's PDF (target p50 < 50 ms) and a bulk print of 200
// orders (target < 5 s, memory flat), through the printing service as the routes call it, on data loaded
// through the legacy CSV import (bench/legacy-csv.ts, bench/imported.ts's loader) into a throwaway
// PostgreSQL. Memory: RSS and heap before, the peak sampled every 5 ms while the bulk PDF streams, after.
//   npm run bench:pdf [-- --work-orders 2000 --runs 200 --bulk 200] [--server-url postgres://…] [--reuse]
import { execFileSync } from 'node:child_process'
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { Writable } from 'node:stream'
import { pipeline } from 'node:stream/promises'
import { parseArgs } from 'node:util'
import pg from 'pg'
import { loadConfig } from '../src/config.js'
import { openDatabase } from '../src/db/index.js'
import { createPrintingService } from '../src/services/printing.js'
import { load, SECRET_KEY } from './imported.js'
import { writeLegacyCsvSet } from './legacy-csv.js'

const ROOT = path.resolve(import.meta.dirname, '..')
const MB = (n: number) => Math.round((n / 1024 / 1024) * 10) / 10

const { values } = parseArgs({
  options: {
    'work-orders': { type: 'string', default: '2000' },
    runs: { type: 'string', default: '200' },
    bulk: { type: 'string', default: '200' },
    'server-url': { type: 'string' },
    reuse: { type: 'boolean' },
  },
})

/** A sink that counts bytes and keeps none, read as fast as the PDF comes (as a fast client would). */
function counter() {
  let bytes = 0
  const sink = new Writable({
    write(chunk: Buffer, _enc, done) {
      bytes += chunk.length
      done()
    },
  })
  return { sink, bytes: () => bytes }
}

function memory() {
  const m = process.memoryUsage()
  return { rssMb: MB(m.rss), heapUsedMb: MB(m.heapUsed) }
}

const pgEnv = values['server-url']
  ? { TEST_DATABASE_URL: values['server-url'] }
  : Object.fromEntries(
      execFileSync(path.join(ROOT, 'scripts/pg-throwaway.sh'), ['start'], { encoding: 'utf8' })
        .trim()
        .split('\n')
        .map((l) => l.replace(/^export /, '').split('=') as [string, string]),
    )
const work = mkdtempSync(path.join(os.tmpdir(), 'awning-pdf-'))
const serverUrl = pgEnv.TEST_DATABASE_URL as string
const workOrders = Number(values['work-orders'])
try {
  let url = serverUrl.replace(/\/[^/]*$/, '/imported_pdf')
  if (!values.reuse) {
    const files = writeLegacyCsvSet(work, { workOrders, seed: 3 })
    url = await load(ROOT, serverUrl, 'imported_pdf', files)
  }
  const config = loadConfig({
    DATABASE_URL: url,
    SECRET_KEY,
    SHOP_ADDRESS: '12 Dock Street|Annapolis, MD 21401',
  })
  const database = await openDatabase(config.database, console)
  const printing = createPrintingService({ db: database.db, shop: config.shop })
  const client = new pg.Client({ connectionString: url })
  await client.connect()
  const sample = await client.query<{ no: number; items: number }>(
    `SELECT o.work_order_no AS no, count(i.id)::int AS items FROM work_orders o
     JOIN work_order_items i ON i.work_order_id = o.id GROUP BY o.id ORDER BY count(i.id) DESC, o.id LIMIT 1`,
  )
  const one = sample.rows[0] as { no: number; items: number }
  const listed = await client.query<{ no: number }>(
    'SELECT work_order_no AS no FROM work_orders ORDER BY work_order_no LIMIT $1',
    [Number(values.bulk)],
  )
  const numbers = listed.rows.map((r) => Number(r.no))
  await client.end()

  // One order: load + render + stream, as GET /api/work-orders/:no/pdf does (minus HTTP).
  const printOne = async () => {
    const { sink } = counter()
    await pipeline((await printing.workOrderPdf(one.no)).stream, sink)
  }
  for (let i = 0; i < 20; i++) await printOne()
  const times: number[] = []
  for (let i = 0; i < Number(values.runs); i++) {
    const started = performance.now()
    await printOne()
    times.push(performance.now() - started)
  }
  times.sort((a, b) => a - b)
  const pct = (p: number) => Math.round((times[Math.floor((times.length - 1) * p)] ?? 0) * 10) / 10
  const single = { workOrderNo: one.no, items: one.items, runs: times.length, p50: pct(0.5), p95: pct(0.95) }
  console.log(`one PDF (#${one.no}, ${one.items} items): p50 ${single.p50} ms, p95 ${single.p95} ms`)

  // Bulk: the 200 lowest numbers in one PDF, memory sampled while it streams.
  globalThis.gc?.()
  const before = memory()
  let peakRss = 0
  let peakHeap = 0
  const sampler = setInterval(() => {
    const m = process.memoryUsage()
    peakRss = Math.max(peakRss, m.rss)
    peakHeap = Math.max(peakHeap, m.heapUsed)
  }, 5)
  const started = performance.now()
  const { sink, bytes } = counter()
  await pipeline((await printing.workOrdersPdf(numbers)).stream, sink)
  const seconds = Math.round(performance.now() - started) / 1000
  clearInterval(sampler)
  globalThis.gc?.()
  const bulk = {
    orders: numbers.length,
    seconds,
    pdfMb: MB(bytes()),
    before,
    peak: { rssMb: MB(peakRss), heapUsedMb: MB(peakHeap) },
    after: memory(),
  }
  console.log(
    `bulk of ${bulk.orders}: ${bulk.seconds} s, ${bulk.pdfMb} MB; RSS ${before.rssMb} → peak ${bulk.peak.rssMb} → ${bulk.after.rssMb} MB, heap ${before.heapUsedMb} → peak ${bulk.peak.heapUsedMb} → ${bulk.after.heapUsedMb} MB`,
  )
  await database.close()

  mkdirSync(path.join(ROOT, 'bench/results'), { recursive: true })
  const file = path.join(ROOT, `bench/results/pdf-${new Date().toISOString().slice(0, 10)}.json`)
  const machine = { cpus: os.cpus().length, model: os.cpus()[0]?.model, node: process.version }
  writeFileSync(
    file,
    `${JSON.stringify({ date: new Date().toISOString(), machine, loadavg: os.loadavg(), workOrders, single, bulk }, null, 2)}\n`,
  )
  console.log(`wrote ${path.relative(ROOT, file)}`)
} finally {
  rmSync(work, { recursive: true, force: true })
  if (pgEnv.PG_TMPDIR) execFileSync(path.join(ROOT, 'scripts/pg-throwaway.sh'), ['stop', pgEnv.PG_TMPDIR])
}
process.exit(0)
