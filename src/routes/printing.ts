import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import type { FastifyReply } from 'fastify'
import { ANY_ROLE } from '../auth/access.js'
import { ErrorRef } from '../schemas/common.js'
import { BulkPdfQuery, bulkNumbers, PdfQuery, PdfResponse } from '../schemas/printing.js'
import { RepairOrderNoParams } from '../schemas/repair-orders.js'
import { WorkOrderNoParams } from '../schemas/work-orders.js'
import type { PdfDownload } from '../services/printing.js'
import { contentDisposition } from '../storage/disposition.js'

const err = (...codes: number[]) => Object.fromEntries(codes.map((c) => [c, ErrorRef]))

/** `inline` for the browser's viewer (print from there), `attachment` to save the file. */
function sendPdf(reply: FastifyReply, pdf: PdfDownload, download: string | undefined) {
  const attachment = download === '1' || download === 'true'
  const disposition = contentDisposition(pdf.filename)
  return reply
    .header('content-type', 'application/pdf')
    .header('content-disposition', attachment ? disposition : disposition.replace(/^attachment/, 'inline'))
    .header('cache-control', 'private, no-store')
    .send(pdf.stream)
}

/** Printed work and repair orders (docs/PRINTING.md): every role prints, as every role reads orders. */
const printingRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const tags = ['printing']

  app.get(
    '/api/work-orders/:no/pdf',
    {
      config: { access: ANY_ROLE },
      schema: {
        tags,
        summary: 'The work order as a PDF (US Letter): view inline, or download=1 to save it',
        params: WorkOrderNoParams,
        querystring: PdfQuery,
        response: { 200: PdfResponse, ...err(400, 401, 403, 404) },
      },
    },
    async (request, reply) =>
      sendPdf(reply, await app.printingService.workOrderPdf(request.params.no), request.query.download),
  )

  app.get(
    '/api/work-orders/pdf',
    {
      config: { access: ANY_ROLE },
      schema: {
        tags,
        summary: 'Several work orders in one PDF, in the order given (at most 500), streamed',
        description:
          'numbers=1042&numbers=1043 or numbers=1042,1043. A number given twice prints once. Any unknown ' +
          'number: 404 print.not_found listing them, nothing printed. More than 500: 400 print.too_many.',
        querystring: BulkPdfQuery,
        response: { 200: PdfResponse, ...err(400, 401, 403, 404) },
      },
    },
    async (request, reply) =>
      sendPdf(
        reply,
        await app.printingService.workOrdersPdf(bulkNumbers(request.query.numbers)),
        request.query.download,
      ),
  )

  app.get(
    '/api/repair-orders/:no/pdf',
    {
      config: { access: ANY_ROLE },
      schema: {
        tags,
        summary: 'The repair order as a PDF (US Letter): view inline, or download=1 to save it',
        params: RepairOrderNoParams,
        querystring: PdfQuery,
        response: { 200: PdfResponse, ...err(400, 401, 403, 404) },
      },
    },
    async (request, reply) =>
      sendPdf(reply, await app.printingService.repairOrderPdf(request.params.no), request.query.download),
  )

  app.get(
    '/api/repair-orders/pdf',
    {
      config: { access: ANY_ROLE },
      schema: {
        tags,
        summary: 'Several repair orders in one PDF, in the order given (at most 500), streamed',
        description: 'As /api/work-orders/pdf, for repair order numbers.',
        querystring: BulkPdfQuery,
        response: { 200: PdfResponse, ...err(400, 401, 403, 404) },
      },
    },
    async (request, reply) =>
      sendPdf(
        reply,
        await app.printingService.repairOrdersPdf(bulkNumbers(request.query.numbers)),
        request.query.download,
      ),
  )
}

export default printingRoutes
