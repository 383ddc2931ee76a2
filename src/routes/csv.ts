import type { Readable } from 'node:stream'
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { Type } from 'typebox'
import { ADMIN, MANAGERS } from '../auth/access.js'
import type { ExportKind } from '../csv/export.js'
import { CUSTOMER_FILTERS, REPAIR_ORDER_FILTERS, WORK_ORDER_FILTERS } from '../domain/list-fields.js'
import { ErrorRef } from '../schemas/common.js'
import { ImportParams, ImportReportSchema } from '../schemas/csv.js'
import { ListQuery, listParams } from '../schemas/list.js'
import { writeContext } from './context.js'

const IMPORT_LIMIT_BYTES = 200 * 1024 * 1024

/** CSV exports (streamed, constant memory) and legacy CSV import (streamed, row by row). */
const csvRoutes: FastifyPluginAsyncTypebox = async (app) => {
  // The CSV body reaches the handler as the raw request stream, never buffered whole.
  app.addContentTypeParser('text/csv', (_request, payload, done) => done(null, payload))

  /**
   * A CSV export: the list's filters (no paging or sort), streamed in constant memory. Filters are checked
   * before the first byte, so a bad one is a JSON 400 like the list's, never a broken download.
   */
  const exportRoute = (url: string, kind: ExportKind, filters: readonly string[], summary: string) =>
    app.get(
      url,
      {
        config: { access: MANAGERS },
        schema: {
          tags: ['csv'],
          summary,
          querystring: Type.Omit(ListQuery(filters), ['page', 'pageSize', 'sort']),
          response: {
            // Only the 200 is CSV; the errors are JSON like everywhere else.
            200: Type.Unsafe<Readable>({
              description: 'The matching rows as CSV',
              content: { 'text/csv': { schema: { type: 'string' } } },
            }),
            400: ErrorRef,
            401: ErrorRef,
            403: ErrorRef,
          },
        },
      },
      async (request, reply) => {
        const { q, filters: values } = listParams({ page: 1, pageSize: 1, ...request.query })
        const csv = app.csvService.export(kind, { q, filters: values })
        const stamp = new Date().toISOString().slice(0, 10)
        return reply
          .header('content-type', 'text/csv; charset=utf-8')
          .header('content-disposition', `attachment; filename="${kind}-${stamp}.csv"`)
          .send(csv)
      },
    )
  exportRoute(
    '/api/work-orders/export.csv',
    'work-orders',
    WORK_ORDER_FILTERS,
    "Every matching work order as CSV, with the customer's phones and e-mail (the list filters apply)",
  )
  exportRoute(
    '/api/work-orders/items/export.csv',
    'items',
    WORK_ORDER_FILTERS,
    'One CSV row per item of every matching work order (the work order list filters apply)',
  )
  exportRoute(
    '/api/customers/export.csv',
    'customers',
    CUSTOMER_FILTERS,
    'Every matching customer as CSV, with contact columns (the customer list filters apply)',
  )

  exportRoute(
    '/api/repair-orders/export.csv',
    'repair-orders',
    REPAIR_ORDER_FILTERS,
    'Every matching repair order as CSV in the legacy columns (the repair order list filters apply)',
  )

  app.post(
    '/api/import/:kind',
    {
      config: {
        access: ADMIN,
        documentedBody: {
          consumes: ['text/csv'],
          schema: { type: 'string', description: 'The legacy CSV file, as exported by the old system' },
        },
      },
      bodyLimit: IMPORT_LIMIT_BYTES,
      schema: {
        tags: ['csv'],
        summary:
          'Import a legacy CSV (Content-Type: text/csv): sources, customers, work-orders, items, then repair-orders and repair-items',
        params: ImportParams,
        response: {
          200: ImportReportSchema,
          400: ErrorRef,
          401: ErrorRef,
          403: ErrorRef,
          413: ErrorRef,
          415: ErrorRef,
        },
      },
    },
    async (request) => {
      const report = await app.csvService.import(writeContext(request), request.params.kind, request.body)
      request.log.info({ kind: report.kind, rows: report.rows, failed: report.failed }, 'import finished')
      return report
    },
  )
}

export default csvRoutes
