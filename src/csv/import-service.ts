import type { Readable } from 'node:stream'
import { createAuditRepository } from '../repositories/audit.js'
import type { WriteContext, WriteDeps } from '../services/write-context.js'
import { type ImportKind, importCsv } from './import.js'

/** An import, audited with its counts and announced on the change hub like any other write. */
export async function auditedImport(deps: WriteDeps, ctx: WriteContext, kind: ImportKind, input: Readable) {
  const report = await importCsv(deps.db, kind, input)
  await createAuditRepository(deps.db).record({
    action: 'import.completed',
    entity: kind,
    actor: ctx.actor,
    requestId: ctx.requestId,
    ip: ctx.ip,
    summary: { rows: report.rows, inserted: report.inserted, updated: report.updated, failed: report.failed },
  })
  const entity =
    kind === 'sources'
      ? 'source'
      : kind === 'customers'
        ? 'customer'
        : kind === 'items'
          ? 'work_order_item'
          : 'work_order'
  if (report.inserted + report.updated > 0) deps.changes.emit({ entity, action: 'imported', ids: [] })
  return report
}
