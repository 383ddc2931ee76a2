import type { Readable } from 'node:stream'
import { CsvError, parse } from 'csv-parse'
import {
  cleanLegacyHeader,
  type LegacyRow,
  type MapResult,
  mapCustomerRow,
  mapItemRow,
  mapSourceRow,
  mapWorkOrderRow,
} from '../domain/legacy.js'
import { mapRepairItemRow, mapRepairOrderRow } from '../domain/legacy-repairs.js'
import { CsvErrors } from '../services/csv.errors.js'

export const IMPORT_KINDS = [
  'sources',
  'customers',
  'work-orders',
  'items',
  'repair-orders',
  'repair-items',
] as const
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
      : K extends 'repair-orders'
        ? ReturnType<typeof mapRepairOrderRow>
        : K extends 'repair-items'
          ? ReturnType<typeof mapRepairItemRow>
          : ReturnType<typeof mapItemRow>

const MAPPERS: { [K in ImportKind]: (row: LegacyRow) => Mapped<K> } = {
  sources: mapSourceRow,
  customers: mapCustomerRow,
  'work-orders': mapWorkOrderRow,
  items: mapItemRow,
  'repair-orders': mapRepairOrderRow,
  'repair-items': mapRepairItemRow,
}

export type Value<K extends ImportKind> = Extract<Mapped<K>, { ok: true }>['value']
export type Counts = {
  inserted: number
  updated: number
  lineErrors: { line: number; errors: string[] }[]
  /** What the writer learnt about valid rows (a SEECLEAN that could not be linked). */
  lineWarnings?: { line: number; warnings: string[] }[]
}

/** Valid rows with their CSV line numbers, as they are handed to the writer. */
export type Batch<K extends ImportKind = ImportKind> = { line: number; value: Value<K> }[]
/** Writes one batch; rows it cannot place (an order of an unknown customer) come back as line errors. */
export type WriteBatch = (batch: Batch, createdSources: string[]) => Promise<Counts>

/**
 * Reads a legacy CSV export row by row: each row is validated on its own (errors are reported with their
 * line numbers, never abort the file) and valid rows go to `write` in batches. Reading only: where the rows
 * go is the writer's business (src/services/csv-import.ts).
 */
export async function readLegacyCsv(
  kind: ImportKind,
  input: Readable,
  write: WriteBatch,
): Promise<ImportReport> {
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
  /** A line's warnings, the reader's and the writer's in one entry. */
  const addWarnings = (line: number, warnings: string[]) => {
    const entry = report.warnings.find((w) => w.line === line)
    if (entry) entry.warnings.push(...warnings)
    else if (report.warnings.length < MAX_REPORTED_ERRORS)
      report.warnings.push({ line, warnings: [...warnings] })
  }
  let batch: { line: number; value: Value<ImportKind> }[] = []
  const flush = async () => {
    if (batch.length === 0) return
    const counts = await write(batch, report.createdSources)
    report.inserted += counts.inserted
    report.updated += counts.updated
    report.failed += counts.lineErrors.length
    for (const e of counts.lineErrors) if (report.errors.length < MAX_REPORTED_ERRORS) report.errors.push(e)
    for (const w of counts.lineWarnings ?? []) addWarnings(w.line, w.warnings)
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
      if (mapped.warnings.length > 0) addWarnings(line, mapped.warnings)
      batch.push({ line, value: mapped.value })
      if (batch.length >= BATCH) await flush()
    }
  } catch (err) {
    // A file csv-parse cannot read at all (unbalanced quotes, binary) is the client's problem, not a 500.
    if (err instanceof CsvError) {
      throw CsvErrors.malformedCsv(err.lines as number | undefined, err.message)
    }
    throw err
  }
  await flush()
  return report
}
