import { built, defineErrors } from '../errors.js'

/** Printed orders (docs/PRINTING.md). A single order that does not exist is `work_order.not_found`. */
export const PrintErrors = defineErrors('printing', {
  tooMany: built(
    400,
    'print.too_many',
    'A bulk print takes at most 500 order numbers',
    (count: number, max: number) => `${count} order numbers asked for; one print takes at most ${max}`,
  ),
  notFound: built(
    404,
    'print.not_found',
    'Some of the order numbers asked for do not exist; the message lists them and nothing is printed',
    (missing: number[]) =>
      `No work order ${missing
        .slice(0, 20)
        .map((n) => `#${n}`)
        .join(', ')}${missing.length > 20 ? ` and ${missing.length - 20} more` : ''}`,
  ),
})
