// Server render time of the web pages (issue 17: < 50 ms p50 at 100k work orders) on data loaded through the
// legacy CSV import (bench/legacy-csv.ts, bench/imported.ts's loader), against the built server. Each page is
// asked by one connection at a time (autocannon, 1 connection, after a 2 s warm-up), so its latency is the
// server's render time plus a loopback round trip, not time spent queueing behind other requests.
// Page groups add their pages to PAGE_URLS below; `npm run bench` runs this on its imported database.
//   npm run build && npx tsx bench/pages.ts [--work-orders 100000] [--seconds 5] [--server-url …] [--reuse] [--only board]
import { execFileSync } from 'node:child_process'
import { mkdtempSync, rmSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import autocannon from 'autocannon'
import pg from 'pg'
import { cli, load, PASSWORD, SECRET_KEY, settle, start, type Variant } from './imported.js'
import { writeLegacyCsvSet } from './legacy-csv.js'

const ROOT = path.resolve(import.meta.dirname, '..')
/** The admin the admin pages are asked as, created beside the loader's manager `bench` (user CLI). */
const ADMIN = 'bench-admin'

/** Creates the bench admin unless the database has it (a --reuse run, or `npm run bench`'s database). */
async function ensureAdmin(url: string) {
  const client = new pg.Client({ connectionString: url })
  await client.connect()
  try {
    const { rowCount } = await client.query('SELECT 1 FROM users WHERE username = $1', [ADMIN])
    if (rowCount) return
  } finally {
    await client.end()
  }
  cli(ROOT, ['user.js', 'create', '--username', ADMIN, '--role', 'admin'], { DATABASE_URL: url, SECRET_KEY })
}

/**
 * The prediction history a shop has after months of nightly snapshots, unless the database has one: for
 * every order in the shop during the last 200 days, one nightly row per day it was in (and one "created"
 * row for the orders that came in then). The models page scores these; without them it would time an empty
 * table. The predictions are the real outcome with noise; only their volume matters here.
 */
async function ensurePredictionHistory(url: string) {
  const client = new pg.Client({ connectionString: url })
  await client.connect()
  try {
    const { rowCount } = await client.query('SELECT 1 FROM ml_prediction_snapshots LIMIT 1')
    if (rowCount) return
    const values = `1, d.days * (0.7 + random() * 0.6), greatest(d.days - 5, 0), d.days + 5,
                    d.price * (0.8 + random() * 0.4), d.price * 0.7, d.price * 1.3`
    const inShop = `
      WITH d AS (
        SELECT w.id, w.date_in, coalesce(w.date_completed, current_date) AS until,
               coalesce(w.date_completed, current_date) - w.date_in AS days,
               coalesce((SELECT sum(i.quantity * i.unit_price) FROM work_order_items i WHERE i.work_order_id = w.id), 0)::float8 AS price
          FROM work_orders w
         WHERE w.status <> 'cancelled' AND coalesce(w.date_completed, current_date) >= current_date - 200
           AND coalesce(w.date_completed, current_date) >= w.date_in)`
    await client.query(`${inShop}
      INSERT INTO ml_prediction_snapshots (work_order_id, snapshot_date, kind, model_id, predicted_days, days_low,
                                           days_high, predicted_price, price_low, price_high)
      SELECT d.id, day::date, 'daily', ${values}
        FROM d, generate_series(greatest(d.date_in, current_date - 200), d.until - 1, interval '1 day') day`)
    await client.query(`${inShop}
      INSERT INTO ml_prediction_snapshots (work_order_id, snapshot_date, kind, model_id, predicted_days, days_low,
                                           days_high, predicted_price, price_low, price_high)
      SELECT d.id, d.date_in, 'created', ${values} FROM d WHERE d.date_in >= current_date - 200`)
    const n = await client.query<{ n: number }>('SELECT count(*)::int AS n FROM ml_prediction_snapshots')
    await client.query('ANALYZE ml_prediction_snapshots')
    console.log(`prediction history: ${n.rows[0]?.n} snapshot rows over the last 200 days`)
  } finally {
    await client.end()
  }
}

/** Rows of the loaded data the page URLs point at, found once per run. */
export interface PageFixtures {
  /** A customer with ~10 work orders (the hub's usual size). */
  customerId: number
  /** The source with the most customers (the heaviest source page). */
  sourceId: number
  /** A few letters of a real customer name, for search-as-you-type. */
  searchText: string
  /** An order with several items and a status history (the detail and edit pages). */
  workOrderNo: number
  /** A range of 500 order numbers from the lowest (the list's from/to filter). */
  workOrderRange: string
}

export interface PageUrl {
  /** The issue 17 page group: "2 dashboard", "3 customers", … */
  group: string
  name: string
  path: (f: PageFixtures) => string
  /** Sent as htmx does (HX-Request): the fragment a search or sort swaps in. */
  htmx?: boolean
  /** Signed in as the bench admin (the admin pages), else as the bench manager. */
  admin?: boolean
}

/** Every page measured. Add yours here: one line per URL, with the fixtures it needs. */
export const PAGE_URLS: PageUrl[] = [
  { group: '2 dashboard', name: 'dashboard', path: () => '/' },
  { group: '3 customers', name: 'customers list, page 1', path: () => '/customers' },
  {
    group: '3 customers',
    name: 'customers list by name, 200 rows',
    path: () => '/customers?sort=name&pageSize=200',
  },
  {
    group: '3 customers',
    name: 'customers search as you type (fragment)',
    path: (f) => `/customers?q=${encodeURIComponent(f.searchText)}`,
    htmx: true,
  },
  {
    group: '3 customers',
    name: 'customers filtered by city',
    path: () => '/customers?city=an&sort=-customerNo',
  },
  { group: '3 customers', name: 'customer hub (~10 orders)', path: (f) => `/customers/${f.customerId}` },
  { group: '3 customers', name: 'customer edit form', path: (f) => `/customers/${f.customerId}/edit` },
  { group: '4 sources', name: 'sources list', path: () => '/sources' },
  { group: '4 sources', name: 'source detail (most customers)', path: (f) => `/sources/${f.sourceId}` },
  { group: '5 work orders', name: 'work orders list, page 1', path: () => '/work-orders' },
  // The bench database has no repair orders: these time the list's fixed cost (its statements and render).
  { group: '5 work orders', name: 'repair orders list, page 1', path: () => '/repair-orders' },
  { group: '5 work orders', name: 'repair orders, open tab', path: () => '/repair-orders?open=true' },
  { group: '5 work orders', name: 'work orders, open tab', path: () => '/work-orders?open=true' },
  { group: '5 work orders', name: 'work orders, rush tab', path: () => '/work-orders?open=true&rush=true' },
  {
    group: '5 work orders',
    name: 'work orders, cushion tab',
    path: () => '/work-orders?open=true&isCushion=true',
  },
  { group: '5 work orders', name: 'work orders, ready tab', path: () => '/work-orders?status=packaged' },
  {
    group: '5 work orders',
    name: 'work orders, completed tab',
    path: () => '/work-orders?status=completed',
  },
  {
    group: '5 work orders',
    name: 'work orders, sort by date in, customer',
    path: () => '/work-orders?sort=-dateIn,customerName',
  },
  {
    group: '5 work orders',
    name: 'work orders, number range',
    path: (f) => `/work-orders?workOrderNo=${f.workOrderRange}`,
  },
  {
    group: '5 work orders',
    name: 'work orders search as you type (fragment)',
    path: (f) => `/work-orders?q=${encodeURIComponent(f.searchText)}`,
    htmx: true,
  },
  {
    group: '5 work orders',
    name: 'work order detail (items, history)',
    path: (f) => `/work-orders/${f.workOrderNo}`,
  },
  {
    group: '5 work orders',
    name: 'new work order form (customer)',
    path: (f) => `/work-orders/new?customerId=${f.customerId}`,
  },
  { group: '5 work orders', name: 'edit work order form', path: (f) => `/work-orders/${f.workOrderNo}/edit` },
  {
    group: '5 work orders',
    name: 'form: customer picker (fragment)',
    path: (f) => `/work-orders/form/customers?customerSearch=${encodeURIComponent(f.searchText)}`,
    htmx: true,
  },
  {
    group: '5 work orders',
    name: 'form: live size (fragment)',
    path: () => `/work-orders/form/size?item-0-size=${encodeURIComponent('10x12')}`,
    htmx: true,
  },
  { group: '5 work orders', name: 'new repair order form', path: () => '/repair-orders/new' },
  // Check-ins and mail (issues 18 and 20): the bench database has none, so these time the fixed cost too.
  { group: '5 check-ins', name: 'check-ins list', path: () => '/check-ins' },
  { group: '5 check-ins', name: 'new check-in form', path: () => '/check-ins/new' },
  { group: '12 mail', name: 'mail: outbox and settings', path: () => '/mail' },
  { group: '12 mail', name: 'mail: messages', path: () => '/mail/messages' },
  { group: '6 queue', name: 'queue', path: () => '/queue' },
  { group: '7 board', name: 'board', path: () => '/board' },
  { group: '7 board', name: 'board by source', path: () => '/board?sort=source' },
  {
    group: '7 board',
    name: 'board search',
    path: (f) => `/board?q=${encodeURIComponent(f.searchText)}`,
  },
  { group: '8 analytics', name: 'analytics (default range)', path: () => '/analytics' },
  {
    group: '8 analytics',
    name: 'analytics, one source',
    path: (f) => `/analytics?sourceId=${f.sourceId}`,
  },
  { group: '9 models', name: 'models', path: () => '/models' },
  { group: '10 admin', name: 'admin: users', path: () => '/admin', admin: true },
  { group: '10 admin', name: 'admin: invites', path: () => '/admin/invites', admin: true },
  { group: '10 admin', name: 'admin: audit log, page 1', path: () => '/admin/audit', admin: true },
  {
    group: '10 admin',
    name: 'admin: audit log, filtered',
    path: () => '/admin/audit?entity=user&action=auth.login',
    admin: true,
  },
  { group: '11 account', name: 'account', path: () => '/account' },
]

export interface PageTiming {
  group: string
  name: string
  path: string
  requests: number
  p50: number
  p99: number
  max: number
  errors: number
}

async function fixtures(url: string): Promise<PageFixtures> {
  const client = new pg.Client({ connectionString: url })
  await client.connect()
  try {
    const customer = await client.query<{ id: number }>(
      'SELECT customer_id AS id FROM work_orders GROUP BY customer_id HAVING count(*) = 10 ORDER BY customer_id LIMIT 1',
    )
    const source = await client.query<{ id: number }>(
      'SELECT source_id AS id FROM customers WHERE source_id IS NOT NULL GROUP BY source_id ORDER BY count(*) DESC, source_id LIMIT 1',
    )
    const name = await client.query<{ name: string }>('SELECT name FROM customers ORDER BY id LIMIT 1')
    // Several items and history: the most items among the first orders having 2+ status changes.
    const order = await client.query<{ no: number }>(
      `SELECT o.work_order_no AS no FROM work_orders o
       WHERE (SELECT count(*) FROM work_order_status_history h WHERE h.work_order_id = o.id) >= 2
       ORDER BY (SELECT count(*) FROM work_order_items i WHERE i.work_order_id = o.id) DESC, o.id LIMIT 1`,
    )
    const lowest = await client.query<{ no: number }>('SELECT min(work_order_no) AS no FROM work_orders')
    const from = lowest.rows[0]?.no ?? 1
    return {
      customerId: customer.rows[0]?.id ?? 1,
      sourceId: source.rows[0]?.id ?? 1,
      searchText: (name.rows[0]?.name ?? 'smi').trim().slice(0, 4).toLowerCase(),
      workOrderNo: order.rows[0]?.no ?? from,
      workOrderRange: `${from}-${from + 499}`,
    }
  } finally {
    await client.end()
  }
}

/** The session cookie of a bench user (the manager `bench` or the admin `bench-admin`), as a browser holds it. */
async function signInCookie(port: number, username = 'bench'): Promise<string> {
  const res = await fetch(`http://127.0.0.1:${port}/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username, password: PASSWORD }),
  })
  const cookie = res.headers.getSetCookie().map((c) => c.split(';')[0])
  if (!res.ok || cookie.length === 0) throw new Error(`bench sign-in failed: ${res.status}`)
  return cookie.join('; ')
}

/** Times every page of PAGE_URLS on a running server. */
export async function timePages(
  serverUrl: string,
  variant: Pick<Variant, 'port' | 'url'>,
  seconds: number,
  /** Only the pages whose group or name contains this text (`--only board`). */
  only?: string | undefined,
): Promise<PageTiming[]> {
  const cookie = await signInCookie(variant.port)
  const adminCookie = PAGE_URLS.some((p) => p.admin) ? await signInCookie(variant.port, ADMIN) : ''
  const f = await fixtures(variant.url)
  const timings: PageTiming[] = []
  for (const page of PAGE_URLS) {
    if (only && !`${page.group} ${page.name}`.includes(only)) continue
    const target = page.path(f)
    const headers: Record<string, string> = {
      cookie: page.admin ? adminCookie : cookie,
      accept: 'text/html',
      ...(page.htmx ? { 'hx-request': 'true' } : {}),
    }
    // One plain request first: a page that is not a 200 HTML page is a broken bench, not a timing.
    const check = await fetch(`http://127.0.0.1:${variant.port}${target}`, { headers, redirect: 'manual' })
    if (check.status !== 200 || !check.headers.get('content-type')?.startsWith('text/html'))
      throw new Error(`${target} answered ${check.status} ${check.headers.get('content-type')}`)
    const options = { url: `http://127.0.0.1:${variant.port}${target}`, connections: 1, headers }
    await autocannon({ ...options, duration: 2 })
    await settle(serverUrl)
    const r = await autocannon({ ...options, duration: seconds })
    const timing = {
      group: page.group,
      name: page.name,
      path: target,
      requests: r.requests.total,
      p50: r.latency.p50,
      p99: r.latency.p99,
      max: r.latency.max,
      errors: r.errors + r.timeouts + r.non2xx,
    }
    timings.push(timing)
    console.log(
      `  ${page.group.padEnd(14)} ${page.name.padEnd(42)} p50 ${String(timing.p50).padStart(4)} ms  p99 ${String(timing.p99).padStart(4)} ms  (${timing.requests} requests, ${timing.errors} errors)`,
    )
  }
  return timings
}

/** Loads the legacy CSVs into `dbName` (unless reuse), starts the built server on it and times the pages. */
export async function runPagesBench(o: {
  serverUrl: string
  workOrders: number
  seconds: number
  reuse?: boolean | undefined
  only?: string | undefined
  /** imported_pages by default; `npm run bench` reuses imported_this, loaded by bench/imported.ts. */
  dbName?: string
}) {
  const dbName = o.dbName ?? 'imported_pages'
  const work = mkdtempSync(path.join(os.tmpdir(), 'awning-pages-'))
  let variant: Variant | undefined
  try {
    let url = o.serverUrl.replace(/\/[^/]*$/, `/${dbName}`)
    if (!o.reuse) {
      const files = writeLegacyCsvSet(work, { workOrders: o.workOrders, seed: 2 })
      url = await load(ROOT, o.serverUrl, dbName, files)
    }
    await ensureAdmin(url)
    await ensurePredictionHistory(url)
    variant = await start('pages', ROOT, url)
    console.log(
      `\npages: server render time, 1 connection, ${o.seconds} s per page (${o.workOrders} work orders)`,
    )
    const loadBefore = os.loadavg()
    const pages = await timePages(o.serverUrl, variant, o.seconds, o.only)
    return {
      method: `autocannon, 1 connection, 2 s warm-up then ${o.seconds} s per page; latency = render + loopback`,
      loadavg: { before: loadBefore, after: os.loadavg() },
      pages,
    }
  } finally {
    variant?.child.kill('SIGKILL')
    rmSync(work, { recursive: true, force: true })
  }
}

// Run on its own: a throwaway PostgreSQL (or --server-url), results in bench/results/pages-<date>.json.
if (import.meta.url === `file://${process.argv[1]}`) {
  const { parseArgs } = await import('node:util')
  const { mkdirSync, writeFileSync } = await import('node:fs')
  const { values } = parseArgs({
    options: {
      'work-orders': { type: 'string', default: '100000' },
      seconds: { type: 'string', default: '5' },
      'server-url': { type: 'string' },
      reuse: { type: 'boolean' },
      only: { type: 'string' },
    },
  })
  const pgEnv = values['server-url']
    ? { TEST_DATABASE_URL: values['server-url'] }
    : Object.fromEntries(
        execFileSync(path.join(ROOT, 'scripts/pg-throwaway.sh'), ['start'], { encoding: 'utf8' })
          .trim()
          .split('\n')
          .map((l) => l.replace(/^export /, '').split('=') as [string, string]),
      )
  try {
    const result = await runPagesBench({
      serverUrl: pgEnv.TEST_DATABASE_URL as string,
      workOrders: Number(values['work-orders']),
      seconds: Number(values.seconds),
      reuse: values.reuse,
      only: values.only,
    })
    mkdirSync(path.join(ROOT, 'bench/results'), { recursive: true })
    const file = path.join(
      ROOT,
      `bench/results/pages-${new Date().toISOString().slice(0, 10)}${values.only ? `-${values.only.replace(/\W+/g, '-')}` : ''}.json`,
    )
    const machine = { cpus: os.cpus().length, model: os.cpus()[0]?.model, node: process.version }
    writeFileSync(
      file,
      `${JSON.stringify({ date: new Date().toISOString(), machine, workOrders: Number(values['work-orders']), ...result }, null, 2)}\n`,
    )
    console.log(`wrote ${path.relative(ROOT, file)}`)
  } finally {
    if (pgEnv.PG_TMPDIR) execFileSync(path.join(ROOT, 'scripts/pg-throwaway.sh'), ['stop', pgEnv.PG_TMPDIR])
  }
  process.exit(0)
}
