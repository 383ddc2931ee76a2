import { built, defineErrors, fixed } from '../errors.js'

export const SourceErrors = defineErrors('sources', {
  notFound: fixed(404, 'source.not_found', 'No such source'),
  nameTaken: built(
    409,
    'source.name_taken',
    'Another source already has this name',
    (name: string) => `A source named "${name}" already exists`,
  ),
  inUse: fixed(409, 'source.in_use', 'This source still has customers; move them to another source first'),
})
