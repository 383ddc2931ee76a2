import { defineErrors } from '../errors.js'

export const QueueErrors = defineErrors('queue', {
  duplicate: {
    status: 400,
    code: 'queue.duplicate',
    about: 'The new order lists a work order twice',
    message: (numbers: string) => `The order lists ${numbers} more than once`,
  },
  conflict: {
    status: 409,
    code: 'queue.conflict',
    about: 'The queue was reordered since the version the client read',
    message: (version: string) =>
      `The queue has been reordered since version ${version} was read; reload it and reorder again`,
  },
  membershipChanged: {
    status: 409,
    code: 'queue.membership_changed',
    about: 'The new order does not list exactly the orders now in the queue',
    message: (problems: string) =>
      `The order must list exactly the orders in the queue: ${problems}. Reload it and reorder again`,
  },
})
