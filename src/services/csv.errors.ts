import { built, defineErrors, fixed } from '../errors.js'

export const CsvErrors = defineErrors('csv', {
  csvRequired: fixed(
    415,
    'import.csv_required',
    'Send the file as the request body with Content-Type: text/csv',
  ),
  malformedCsv: built(
    400,
    'import.malformed_csv',
    'The file cannot be read as CSV at all (unbalanced quotes, binary)',
    (line: number | undefined, why: string) => `The CSV cannot be read near line ${line ?? '?'}: ${why}`,
  ),
})
