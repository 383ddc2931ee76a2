import type { FastifyInstance } from 'fastify'
import { ANY_ROLE } from '../../auth/access.js'
import { setFlash } from '../flash.js'
import type { Column } from './paged-table.js'

/**
 * "Print selected" on a list: a plain GET form (no script) that the ticked rows' checkboxes join through their
 * `form` attribute (they live in the table, the form above it); a page route turns the selection into the
 * address of the API's merged PDF, which checks the numbers.
 */
export interface PrintSelection {
  /** The form's id, which the checkboxes name. */
  formId: string
  /** The list's page address: `/work-orders`; the form posts to `${base}/print`. */
  base: string
  /** The API's bulk PDF: `/api/work-orders/pdf`. */
  pdf: string
  /** How a row is named to a screen reader: `work order 1042`. */
  what: (no: number) => string
}

/** The first column: one checkbox per row. */
export function printColumn<R>(p: PrintSelection, numberOf: (row: R) => number): Column<R> {
  return {
    label: 'Print',
    cell: (row) => (
      <input
        type="checkbox"
        name="numbers"
        value={String(numberOf(row))}
        form={p.formId}
        aria-label={`Print ${p.what(numberOf(row))}`}
      />
    ),
  }
}

export function PrintSelected({ p }: { p: PrintSelection }) {
  return (
    <form id={p.formId} method="get" action={`${p.base}/print`} class="print-selected">
      <button type="submit">Print selected</button>
    </form>
  )
}

/** `GET ${base}/print`: nothing ticked is a message on the list rather than the API's JSON 400. */
export function printRoute(app: FastifyInstance, p: PrintSelection) {
  app.get(`${p.base}/print`, { config: { access: ANY_ROLE } }, async (request, reply) => {
    const raw = (request.query as Record<string, unknown>).numbers
    const numbers = [raw ?? []]
      .flat()
      .filter((n): n is string => typeof n === 'string' && /^\d{1,10}$/.test(n))
    if (numbers.length === 0) {
      setFlash(reply, { kind: 'error', text: 'Tick the orders to print first.' })
      return reply.redirect(p.base, 303)
    }
    return reply.redirect(`${p.pdf}?numbers=${numbers.join(',')}`, 303)
  })
}
