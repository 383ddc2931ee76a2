import { defineErrors } from '../errors.js'

export const CsvErrors = defineErrors('csv', {
  csvRequired: {
    status: 415,
    code: 'import.csv_required',
    message: 'Send the file as the request body with Content-Type: text/csv',
  },
  malformedCsv: {
    status: 400,
    code: 'import.malformed_csv',
    about: 'The file cannot be read as CSV at all (unbalanced quotes, binary)',
    message: (line: number | undefined, why: string) =>
      `The CSV cannot be read near line ${line ?? '?'}: ${why}`,
  },
})
