import { Readable } from 'node:stream'
import { type ExportKind, toCsv } from '../csv/export.js'
import type { ImportKind } from '../csv/import.js'
import type { Db } from '../db/index.js'
import { createAuditRepository } from '../repositories/audit.js'
import { createExportsRepository } from '../repositories/exports.js'
import type { ExportParams } from '../repositories/work-orders.js'
import type { DataChange } from './changes.js'
import { CsvErrors } from './csv.errors.js'
import { importLegacyCsv } from './csv-import.js'
import type { WriteContext, WriteDeps } from './write-context.js'

const CHANGED_ENTITY: Record<ImportKind, DataChange['entity']> = {
  sources: 'source',
  customers: 'customer',
  'work-orders': 'work_order',
  items: 'work_order_item',
  'repair-orders': 'repair_order',
  'repair-items': 'repair_order_item',
}

/**
 * Every matching work order, item or customer as CSV. The filters are checked before this returns (a bad
 * one throws the list's 400); the rows are read as the stream is. (The export command calls this too.)
 */
export function exportCsv(db: Db, kind: ExportKind, params: ExportParams): Readable {
  const rows = createExportsRepository(db)
  if (kind === 'items') return toCsv.items(rows.items(params))
  if (kind === 'customers') return toCsv.customers(rows.customers(params))
  if (kind === 'repair-orders') return toCsv['repair-orders'](rows.repairOrders(params))
  return toCsv['work-orders'](rows.workOrders(params))
}

/** CSV exports (streamed, constant memory) and the legacy import (streamed, batch by batch). */
export function createCsvService(deps: WriteDeps) {
  return {
    export: (kind: ExportKind, params: ExportParams) => exportCsv(deps.db, kind, params),

    /** An import, audited with its counts and announced on the change hub like any other write. */
    async import(ctx: WriteContext, kind: ImportKind, input: unknown) {
      if (!(input instanceof Readable)) throw CsvErrors.csvRequired()
      const report = await importLegacyCsv(deps.db, kind, input)
      await createAuditRepository(deps.db).record({
        action: 'import.completed',
        entity: kind,
        actor: ctx.actor,
        requestId: ctx.requestId,
        ip: ctx.ip,
        summary: {
          rows: report.rows,
          inserted: report.inserted,
          updated: report.updated,
          failed: report.failed,
        },
      })
      if (report.inserted + report.updated > 0)
        deps.changes.emit({ entity: CHANGED_ENTITY[kind], action: 'imported', ids: [] })
      return report
    },
  }
}

export type CsvService = ReturnType<typeof createCsvService>
