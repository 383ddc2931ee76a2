import { defineErrors, passedOn } from '../errors.js'

export const ListErrors = defineErrors('lists', {
  invalidFilter: {
    status: 400,
    code: 'query.invalid_filter',
    ...passedOn('An unknown filter, or a value the filter cannot take (the message says what it takes)'),
  },
  invalidSort: {
    status: 400,
    code: 'query.invalid_sort',
    about: 'A sort on a field the list cannot sort by',
    message: (name: string, allowed: string[]) =>
      `Cannot sort by "${name}" (use one of: ${allowed.join(', ')})`,
  },
})
