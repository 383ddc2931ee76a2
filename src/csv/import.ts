import type { Readable } from 'node:stream'
import { CsvError, parse } from 'csv-parse'
import { inArray, sql } from 'drizzle-orm'
import type { Db } from '../db/index.js'
import {
  cleanLegacyHeader,
  type LegacyRow,
  type MapResult,
  mapCustomerRow,
  mapItemRow,
  mapSourceRow,
  mapWorkOrderRow,
} from '../domain/legacy.js'
import { parseSquareFeet } from '../domain/square-feet.js'
import { AppError } from '../errors.js'
import {
  customerItems,
  customers,
  sources,
  workOrderItems,
  workOrderStatusHistory,
  workOrders,
} from '../models/index.js'
import { CATALOG_IDENTITY } from '../repositories/items.js'

export const IMPORT_KINDS = ['sources', 'customers', 'work-orders', 'items'] as const
export type ImportKind = (typeof IMPORT_KINDS)[number]

export interface ImportReport {
  kind: ImportKind
  rows: number
  inserted: number
  updated: number
  failed: number
  /** The first problems, by CSV line number (the header is line 1). */
  errors: { line: number; errors: string[] }[]
  /** Rows imported with something to know (NUL characters removed, a size that gave no square feet). */
  warnings: { line: number; warnings: string[] }[]
  /** Sources created because a customer or order named one the database did not have. */
  createdSources: string[]
}

const BATCH = 500
const MAX_REPORTED_ERRORS = 200 // and as many warnings

type Mapped<K extends ImportKind> = K extends 'sources'
  ? ReturnType<typeof mapSourceRow>
  : K extends 'customers'
    ? ReturnType<typeof mapCustomerRow>
    : K extends 'work-orders'
      ? ReturnType<typeof mapWorkOrderRow>
      : ReturnType<typeof mapItemRow>

const MAPPERS: { [K in ImportKind]: (row: LegacyRow) => Mapped<K> } = {
  sources: mapSourceRow,
  customers: mapCustomerRow,
  'work-orders': mapWorkOrderRow,
  items: mapItemRow,
}

type Value<K extends ImportKind> = Extract<Mapped<K>, { ok: true }>['value']
type Counts = { inserted: number; updated: number; lineErrors: { line: number; errors: string[] }[] }

/**
 * Imports a legacy CSV export row by row: each row is validated on its own (errors are reported with their
 * line numbers, never abort the file), valid rows are upserted in batches keyed by the legacy numbers and
 * names, so importing the same file again updates and never duplicates.
 */
export async function importCsv(db: Db, kind: ImportKind, input: Readable): Promise<ImportReport> {
  const report: ImportReport = {
    kind,
    rows: 0,
    inserted: 0,
    updated: 0,
    failed: 0,
    errors: [],
    warnings: [],
    createdSources: [],
  }
  const context = { seenOrders: new Set<number>(), createdSources: report.createdSources }
  // relax_quotes: Access exports leave the inch marks of sizes like 10'6"x8'3" unescaped.
  const parser = input.pipe(
    parse({
      columns: (header: string[]) => header.map(cleanLegacyHeader),
      bom: true,
      trim: true,
      skip_empty_lines: true,
      relax_column_count: true,
      relax_quotes: true,
    }),
  )
  let batch: { line: number; value: Value<ImportKind> }[] = []
  const flush = async () => {
    if (batch.length === 0) return
    const counts = await writeBatch(db, kind, batch, context)
    report.inserted += counts.inserted
    report.updated += counts.updated
    report.failed += counts.lineErrors.length
    for (const e of counts.lineErrors) if (report.errors.length < MAX_REPORTED_ERRORS) report.errors.push(e)
    batch = []
  }
  try {
    for await (const record of parser as AsyncIterable<LegacyRow>) {
      report.rows++
      const line = report.rows + 1
      const mapped = (MAPPERS[kind] as (row: LegacyRow) => MapResult<Value<ImportKind>>)(record)
      if (!mapped.ok) {
        report.failed++
        if (report.errors.length < MAX_REPORTED_ERRORS) report.errors.push({ line, errors: mapped.errors })
        continue
      }
      if (mapped.warnings.length > 0 && report.warnings.length < MAX_REPORTED_ERRORS)
        report.warnings.push({ line, warnings: mapped.warnings })
      batch.push({ line, value: mapped.value })
      if (batch.length >= BATCH) await flush()
    }
  } catch (err) {
    // A file csv-parse cannot read at all (unbalanced quotes, binary) is the client's problem, not a 500.
    if (err instanceof CsvError) {
      throw new AppError(
        400,
        'import.malformed_csv',
        `The CSV cannot be read near line ${err.lines ?? '?'}: ${err.message}`,
      )
    }
    throw err
  }
  await flush()
  await db.execute(
    sql`SELECT setval('customer_number_seq', greatest((SELECT max(customer_no) FROM customers), 1))`,
  )
  await db.execute(
    sql`SELECT setval('work_order_number_seq', greatest((SELECT max(work_order_no) FROM work_orders), 1))`,
  )
  if (report.inserted + report.updated > 0) await vacuumAfterImport(db, kind)
  return report
}

const IMPORTED_TABLES: Record<ImportKind, string[]> = {
  sources: ['sources'],
  customers: ['customers', 'sources'],
  'work-orders': ['work_orders', 'work_order_status_history', 'sources'],
  items: ['work_order_items', 'customer_items'],
}

/**
 * Leaves the tables as autovacuum would, at once: statistics for the planner (until ANALYZE, freshly loaded
 * tables are planned from guesses) and the visibility map, without which a list's exact count reads every
 * heap page instead of an index alone. VACUUM only visits the pages the import changed. It cannot run in
 * a transaction, hence one statement per table outside the batches'.
 */
async function vacuumAfterImport(db: Db, kind: ImportKind) {
  for (const table of IMPORTED_TABLES[kind]) await db.execute(sql.raw(`VACUUM (ANALYZE) ${table}`))
}

type Ctx = { seenOrders: Set<number>; createdSources: string[] }

/** `xmax = 0` tells a freshly inserted row from an updated one in an upsert's RETURNING. */
const insertedFlag = sql<boolean>`(xmax = 0)`

function tally(rows: { inserted: boolean }[]): Pick<Counts, 'inserted' | 'updated'> {
  const inserted = rows.filter((r) => r.inserted).length
  return { inserted, updated: rows.length - inserted }
}

/** Source ids by name, creating (by name only) any the file refers to but the database lacks. */
async function sourceIds(tx: Db, names: (string | null)[], ctx: Ctx): Promise<Map<string, number>> {
  const wanted = [...new Set(names.filter((n): n is string => !!n))]
  if (wanted.length === 0) return new Map()
  const created = await tx
    .insert(sources)
    .values(wanted.map((name) => ({ name })))
    .onConflictDoNothing()
    .returning({ name: sources.name })
  ctx.createdSources.push(...created.map((c) => c.name))
  const rows = await tx
    .select({ id: sources.id, name: sources.name })
    .from(sources)
    .where(inArray(sources.name, wanted))
  return new Map(rows.map((r) => [r.name, r.id]))
}

async function writeBatch(
  db: Db,
  kind: ImportKind,
  batch: { line: number; value: Value<ImportKind> }[],
  ctx: Ctx,
): Promise<Counts> {
  return db.transaction(async (tx) => {
    switch (kind) {
      case 'sources':
        return {
          ...(await upsertSources(
            tx,
            batch.map((b) => b.value as Value<'sources'>),
          )),
          lineErrors: [],
        }
      case 'customers':
        return upsertCustomers(tx, batch as { line: number; value: Value<'customers'> }[], ctx)
      case 'work-orders':
        return upsertWorkOrders(tx, batch as { line: number; value: Value<'work-orders'> }[], ctx)
      default:
        return importItems(tx, batch as { line: number; value: Value<'items'> }[], ctx)
    }
  })
}

/** Last row wins when a file names the same key twice (one statement cannot upsert a row twice). */
function lastByKey<T>(rows: T[], key: (row: T) => string | number): T[] {
  return [...new Map(rows.map((r) => [key(r), r])).values()]
}

async function upsertSources(tx: Db, rows: Value<'sources'>[]) {
  const unique = lastByKey(rows, (r) => r.name)
  const result = await tx
    .insert(sources)
    .values(unique)
    .onConflictDoUpdate({
      target: sources.name,
      set: {
        address: sql`excluded.address`,
        city: sql`excluded.city`,
        state: sql`excluded.state`,
        zip: sql`excluded.zip`,
        phone: sql`excluded.phone`,
        fax: sql`excluded.fax`,
        email: sql`excluded.email`,
        updatedAt: sql`now()`,
      },
    })
    .returning({ inserted: insertedFlag })
  return tally(result)
}

async function upsertCustomers(
  tx: Db,
  batch: { line: number; value: Value<'customers'> }[],
  ctx: Ctx,
): Promise<Counts> {
  const ids = await sourceIds(
    tx,
    batch.map((b) => b.value.sourceName),
    ctx,
  )
  const unique = lastByKey(batch, (b) => b.value.customerNo)
  const values = unique.map(({ value: { sourceName, ...c } }) => ({
    ...c,
    sourceId: sourceName ? (ids.get(sourceName) ?? null) : null,
  }))
  const columns = Object.keys(values[0] ?? {}).filter((k) => k !== 'customerNo')
  const set = Object.fromEntries(columns.map((k) => [k, sql.raw(`excluded.${toSnake(k)}`)]))
  const result = await tx
    .insert(customers)
    .values(values)
    .onConflictDoUpdate({ target: customers.customerNo, set: { ...set, updatedAt: sql`now()` } })
    .returning({ inserted: insertedFlag })
  return { ...tally(result), lineErrors: [] }
}

async function upsertWorkOrders(
  tx: Db,
  batch: { line: number; value: Value<'work-orders'> }[],
  ctx: Ctx,
): Promise<Counts> {
  const lineErrors: Counts['lineErrors'] = []
  const customerNos = [...new Set(batch.map((b) => b.value.customerNo))]
  const known = await tx
    .select({ id: customers.id, no: customers.customerNo })
    .from(customers)
    .where(inArray(customers.customerNo, customerNos))
  const customerIds = new Map(known.map((c) => [c.no, c.id]))
  const shipTo = await sourceIds(
    tx,
    batch.map((b) => b.value.shipToName),
    ctx,
  )
  const valid = batch.filter((b) => {
    if (customerIds.has(b.value.customerNo)) return true
    lineErrors.push({
      line: b.line,
      errors: [`CustID: no customer ${b.value.customerNo} (import customers first)`],
    })
    return false
  })
  const values = lastByKey(valid, (b) => b.value.workOrderNo).map(({ value }) => {
    const { customerNo, shipToName, repairNotes, ...fields } = value
    const notes = [fields.specialInstructions, repairNotes ? `Repairs: ${repairNotes}` : null]
      .filter(Boolean)
      .join('\n')
    return {
      ...fields,
      specialInstructions: notes || null,
      customerId: customerIds.get(customerNo) as number,
      shipToSourceId: shipToName ? (shipTo.get(shipToName) ?? null) : null,
    }
  })
  if (values.length === 0) return { inserted: 0, updated: 0, lineErrors }
  const columns = Object.keys(values[0] ?? {}).filter((k) => k !== 'workOrderNo')
  const set = Object.fromEntries(columns.map((k) => [k, sql.raw(`excluded.${toSnake(k)}`)]))
  const result = await tx
    .insert(workOrders)
    .values(values)
    .onConflictDoUpdate({ target: workOrders.workOrderNo, set: { ...set, updatedAt: sql`now()` } })
    .returning({ id: workOrders.id, status: workOrders.status, inserted: insertedFlag })
  const fresh = result.filter((r) => r.inserted)
  if (fresh.length) {
    await tx
      .insert(workOrderStatusHistory)
      .values(
        fresh.map((r) => ({ workOrderId: r.id, fromStatus: null, toStatus: r.status, note: 'imported' })),
      )
  }
  return { ...tally(result), lineErrors }
}

/**
 * Items have no legacy key: the first time an import run meets a work order, that order's items are
 * replaced by the file's, so a re-import yields the same items, not twice as many. Each item also feeds
 * the customer's catalog.
 */
async function importItems(
  tx: Db,
  batch: { line: number; value: Value<'items'> }[],
  ctx: Ctx,
): Promise<Counts> {
  const lineErrors: Counts['lineErrors'] = []
  const numbers = [...new Set(batch.map((b) => b.value.workOrderNo))]
  const orders = await tx
    .select({ id: workOrders.id, no: workOrders.workOrderNo, customerId: workOrders.customerId })
    .from(workOrders)
    .where(inArray(workOrders.workOrderNo, numbers))
  const byNo = new Map(orders.map((o) => [o.no, o]))
  const firstSeen = orders.filter((o) => !ctx.seenOrders.has(o.no))
  let replaced = 0
  if (firstSeen.length) {
    const removed = await tx
      .delete(workOrderItems)
      .where(
        inArray(
          workOrderItems.workOrderId,
          firstSeen.map((o) => o.id),
        ),
      )
      .returning({ id: workOrderItems.id })
    replaced = removed.length
    for (const o of firstSeen) ctx.seenOrders.add(o.no)
  }
  const rows = batch.flatMap((b) => {
    const order = byNo.get(b.value.workOrderNo)
    if (!order) {
      lineErrors.push({
        line: b.line,
        errors: [`WorkOrderNo: no work order ${b.value.workOrderNo} (import work orders first)`],
      })
      return []
    }
    const { workOrderNo: _no, customerNo: _c, ...item } = b.value
    return [
      {
        ...item,
        workOrderId: order.id,
        customerId: order.customerId,
        squareFeet: parseSquareFeet(item.sizeText),
      },
    ]
  })
  if (rows.length === 0) return { inserted: 0, updated: 0, lineErrors }
  const catalog = lastByKey(rows, (r) =>
    JSON.stringify([r.customerId, r.description, r.material, r.color, r.sizeText]),
  )
  await tx
    .insert(customerItems)
    .values(
      catalog.map((r) => ({
        customerId: r.customerId,
        description: r.description,
        material: r.material,
        condition: r.condition,
        color: r.color,
        sizeText: r.sizeText,
        squareFeet: r.squareFeet,
        lastPrice: r.unitPrice,
        quantity: r.quantity,
      })),
    )
    .onConflictDoUpdate({
      target: CATALOG_IDENTITY,
      set: {
        lastPrice: sql`coalesce(excluded.last_price, ${customerItems.lastPrice})`,
        updatedAt: sql`now()`,
      },
    })
  await tx.insert(workOrderItems).values(rows.map(({ customerId: _c, ...r }) => r))
  // Re-imported items count as updates: they replace what the order had.
  const updated = Math.min(replaced, rows.length)
  return { inserted: rows.length - updated, updated, lineErrors }
}

function toSnake(key: string): string {
  return key.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`)
}
