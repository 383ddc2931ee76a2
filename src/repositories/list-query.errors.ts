import { built, defineErrors, passedOn } from '../errors.js'

export const ListErrors = defineErrors('lists', {
  invalidFilter: passedOn(
    400,
    'query.invalid_filter',
    'An unknown filter, or a value the filter cannot take (the message says what it takes)',
  ),
  invalidSort: built(
    400,
    'query.invalid_sort',
    'A sort on a field the list cannot sort by',
    (name: string, allowed: string[]) => `Cannot sort by "${name}" (use one of: ${allowed.join(', ')})`,
  ),
})
