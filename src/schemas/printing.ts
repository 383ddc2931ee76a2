import { Type } from 'typebox'

/** `download=1`: offer the file to save (attachment); otherwise the browser shows it (inline). */
const download = Type.Optional(
  Type.Union([Type.Literal('1'), Type.Literal('0'), Type.Literal('true'), Type.Literal('false')], {
    description: '1 or true: Content-Disposition attachment (download); default inline (view, print)',
  }),
)

export const PdfQuery = Type.Object({ download }, { additionalProperties: false })

/**
 * `numbers`: the orders to print, repeated (`numbers=1042&numbers=1043`, what a form of checkboxes sends)
 * or comma-separated (`numbers=1042,1043`), or both. Bounded here for the parser; the service caps the
 * count (400 print.too_many past 500 distinct numbers).
 */
export const BulkPdfQuery = Type.Object(
  {
    numbers: Type.Array(
      Type.String({ pattern: '^[0-9]{1,10}(,[0-9]{1,10})*$', maxLength: 6000, description: 'Order numbers' }),
      { minItems: 1, maxItems: 1000 },
    ),
    download,
  },
  { additionalProperties: false },
)

/** The PDF bytes, streamed (documented as binary; never serialized). */
export const PdfResponse = Type.Unsafe<unknown>({
  description: 'The PDF (US Letter)',
  content: { 'application/pdf': { schema: { type: 'string', format: 'binary' } } },
})

/** The order numbers of the bulk query, flattened from repeats and comma lists, as numbers. */
export function bulkNumbers(values: string[]): number[] {
  return values.flatMap((value) => value.split(',')).map(Number)
}
