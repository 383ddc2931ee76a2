import { defineErrors } from '../errors.js'

export const SourceErrors = defineErrors('sources', {
  notFound: { status: 404, code: 'source.not_found', message: 'No such source' },
  nameTaken: {
    status: 409,
    code: 'source.name_taken',
    about: 'Another source already has this name',
    message: (name: string) => `A source named "${name}" already exists`,
  },
  inUse: {
    status: 409,
    code: 'source.in_use',
    message: 'This source still has customers; move them to another source first',
  },
})
