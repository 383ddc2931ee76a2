// A legacy CSV set as the MS-Access era system exports it, for loading through the real import: sources,
// customers, work orders and items with the legacy column names (src/domain/legacy.ts), and the mess the
// real exports carry (docs/RUNBOOK.md, test/fixtures/legacy): dates as 3/5/2024, 03/05/24, 2024-03-05 or
// 3/5/2024 0:00:00; prices as $1,045.50, 45 or " 45 "; flags as True/False/-1/0/Yes/N or blank; names in
// upper or lower case with stray spaces; e-mails as `a@x.com#mailto:a@x.com#`; blank fields; and rows in no
// particular order (the export follows Access's physical order, not the numbers). Deterministic per seed.
//   npx tsx bench/legacy-csv.ts <dir> [--work-orders 100000] [--seed 2]
import { mkdirSync, writeFileSync } from 'node:fs'
import path from 'node:path'
import { parseArgs } from 'node:util'
import { stringify } from 'csv-stringify/sync'
import { generateShopData } from '../src/seed/generate.js'

export const LEGACY_KINDS = ['sources', 'customers', 'work-orders', 'items'] as const
export type LegacyKind = (typeof LEGACY_KINDS)[number]

/** mulberry32: the mess is as reproducible as the data under it. */
function rng(seed: number) {
  let s = seed >>> 0
  const next = () => {
    s = (s + 0x6d2b79f5) | 0
    let t = Math.imul(s ^ (s >>> 15), 1 | s)
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
  return {
    next,
    chance: (p: number) => next() < p,
    pick: <T>(xs: readonly T[]) => xs[Math.floor(next() * xs.length)] as T,
  }
}
type Rng = ReturnType<typeof rng>

function shuffle<T>(r: Rng, xs: T[]): T[] {
  for (let i = xs.length - 1; i > 0; i--) {
    const j = Math.floor(r.next() * (i + 1))
    ;[xs[i], xs[j]] = [xs[j] as T, xs[i] as T]
  }
  return xs
}

function messyDate(r: Rng, iso: string | null | undefined): string {
  if (!iso) return ''
  const [y, m, d] = iso.split('-') as [string, string, string]
  const mm = String(Number(m))
  const dd = String(Number(d))
  const x = r.next()
  if (x < 0.45) return `${mm}/${dd}/${y}`
  if (x < 0.6) return `${m}/${d}/${y.slice(2)}`
  if (x < 0.75) return iso
  if (x < 0.9) return `${mm}/${dd}/${y} 0:00:00`
  return `${iso} 00:00:00`
}

function messyPrice(r: Rng, price: number | null): string {
  if (price === null) return ''
  const x = r.next()
  const fixed = price.toFixed(2)
  if (x < 0.5) return `$${Number(fixed).toLocaleString('en-US', { minimumFractionDigits: 2 })}`
  if (x < 0.7) return fixed
  if (x < 0.85) return Number.isInteger(price) ? ` ${price} ` : String(price)
  return `$ ${fixed}`
}

function messyFlag(r: Rng, value: boolean | null | undefined): string {
  if (!value && r.chance(0.3)) return ''
  return value ? r.pick(['True', 'TRUE', '-1', 'Yes', 'Y']) : r.pick(['False', 'false', '0', 'No', 'N'])
}

function messyText(r: Rng, text: string | null | undefined): string {
  if (!text) return ''
  const x = r.next()
  if (x < 0.08) return text.toUpperCase()
  if (x < 0.12) return text.toLowerCase()
  if (x < 0.2) return ` ${text}  `
  return text
}

const messyEmail = (r: Rng, email: string | null | undefined) =>
  !email
    ? ''
    : r.chance(0.3)
      ? `${email.toUpperCase()}#mailto:${email}#`
      : r.chance(0.1)
        ? `mailto:${email}`
        : email

const messyPhone = (r: Rng, phone: string | null | undefined) => {
  if (!phone) return ''
  const digits = phone.replace(/\D/g, '').slice(-10)
  if (digits.length < 10) return phone
  const x = r.next()
  if (x < 0.3) return digits
  if (x < 0.6) return `${digits.slice(0, 3)}-${digits.slice(3, 6)}-${digits.slice(6)}`
  if (x < 0.8) return `(${digits.slice(0, 3)}) ${digits.slice(3, 6)} ${digits.slice(6)}`
  return `${digits.slice(0, 3)}.${digits.slice(3, 6)}.${digits.slice(6)}`
}

const QUOTE: Record<string, string[]> = {
  pending: ['Yes', 'yes', 'Pending'],
  approved: ['Approved', 'APPROVED', 'Done'],
  declined: ['Declined'],
}

/** The four files' text, keyed by import kind; customers ≈ orders / 5, as in the shop's own history. */
export function legacyCsvSet(opts: {
  workOrders: number
  seed: number
}): Record<LegacyKind, { text: string; rows: number }> {
  const data = generateShopData({
    customers: Math.max(10, Math.floor(opts.workOrders / 5)),
    workOrders: opts.workOrders,
    seed: opts.seed,
  })
  const r = rng(opts.seed * 7919 + 1)
  const sourceName = (i: number | null) => (i === null ? '' : (data.sources[i]?.name ?? ''))
  const sources = data.sources.map((s) => ({
    SSource: r.chance(0.1) ? ` ${s.name} ` : s.name,
    SourceAddress: s.address ?? '',
    SourceCity: messyText(r, s.city),
    SourceState: s.state ?? '',
    SourceZip: s.zip ?? '',
    SourcePhone: messyPhone(r, s.phone),
    SourceFax: '',
    SourceEmail: messyEmail(r, s.email),
  }))
  const customers = data.customers.map((c) => ({
    CustID: c.customerNo,
    Name: messyText(r, c.name),
    Contact: messyText(r, c.contact),
    Address: c.address ?? '',
    Address2: '',
    City: messyText(r, c.city),
    State: r.chance(0.1) ? (c.state ?? '').toLowerCase() : (c.state ?? ''),
    ZipCode: c.zip ?? '',
    HomePhone: messyPhone(r, c.homePhone),
    WorkPhone: messyPhone(r, c.workPhone),
    CellPhone: messyPhone(r, c.cellPhone),
    EmailAddress: messyEmail(r, c.email),
    MailAddress: '',
    MailCity: '',
    MailState: '',
    MailZip: '',
    Source: sourceName(c.sourceIndex),
  }))
  const workOrders = data.workOrders.map((w) => {
    // The legacy system had no status: the import infers it from these dates and the quote.
    const completed = w.status === 'completed' ? w.dateCompleted : null
    return {
      WorkOrderNo: w.workOrderNo,
      CustID: data.customers[w.customerIndex]?.customerNo,
      WOName: messyText(r, w.name),
      DateIn: messyDate(r, w.dateIn),
      DateRequired: messyDate(r, w.dateRequired),
      DateCompleted: messyDate(r, completed),
      RushOrder: messyFlag(r, w.rush),
      FirmRush: messyFlag(r, w.firmRush),
      isCushion: messyFlag(r, w.isCushion),
      StorageTime: w.storageTime
        ? r.pick([w.storageTime, w.storageTime.toUpperCase(), 'Season', 'Temp'])
        : '',
      RackNo: w.rackLocation ?? '',
      SpecialInstructions: w.specialInstructions ?? '',
      RepairsNeeded: w.repairsNeeded
        ? r.pick(['True', '-1', 'Restitch seams'])
        : r.pick(['False', '', 'None', 'N/A']),
      ReturnStatus: w.returnStatus ? r.pick([w.returnStatus, w.returnStatus.toUpperCase()]) : '',
      ReturnTo: w.returnTo ?? '',
      ShipTo: sourceName(w.shipToSourceIndex),
      Quote: w.quoteStatus ? r.pick(QUOTE[w.quoteStatus] ?? ['']) : '',
      Clean: messyDate(r, w.dateCleaned),
      Treat: messyDate(r, w.dateTreated),
      SeeRepair: '',
      FinalLocation: w.status === 'packaged' ? (w.finalLocation ?? 'Shelf A') : '',
    }
  })
  const items = data.workOrders.flatMap((w) =>
    w.items.map((it) => ({
      WorkOrderNo: w.workOrderNo,
      CustID: r.chance(0.05) ? '' : data.customers[w.customerIndex]?.customerNo,
      Description: messyText(r, it.description),
      Material: messyText(r, it.material),
      Qty: it.quantity === 1 && r.chance(0.3) ? '' : it.quantity,
      Condition: it.condition ?? '',
      Color: messyText(r, it.color),
      SizeWgt: it.sizeText ?? '',
      Price: messyPrice(r, it.unitPrice),
    })),
  )
  const csv = (rows: Record<string, unknown>[]) => ({
    text: stringify(shuffle(r, rows), { header: true, bom: r.chance(0.5) }),
    rows: rows.length,
  })
  return {
    sources: csv(sources),
    customers: csv(customers),
    'work-orders': csv(workOrders),
    items: csv(items),
  }
}

/** Writes `<kind>.csv` for each kind into dir; returns the paths in import order. */
export function writeLegacyCsvSet(dir: string, opts: { workOrders: number; seed: number }) {
  mkdirSync(dir, { recursive: true })
  const files = legacyCsvSet(opts)
  return LEGACY_KINDS.map((kind) => {
    const file = path.join(dir, `${kind}.csv`)
    writeFileSync(file, files[kind].text)
    return { kind, file, rows: files[kind].rows }
  })
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const { values, positionals } = parseArgs({
    allowPositionals: true,
    options: { 'work-orders': { type: 'string', default: '100000' }, seed: { type: 'string', default: '2' } },
  })
  const dir = positionals[0]
  if (!dir) throw new Error('usage: npx tsx bench/legacy-csv.ts <dir> [--work-orders N] [--seed S]')
  for (const f of writeLegacyCsvSet(dir, {
    workOrders: Number(values['work-orders']),
    seed: Number(values.seed),
  }))
    console.log(`${f.file}: ${f.rows} rows`)
}
