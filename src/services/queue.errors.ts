import { built, defineErrors } from '../errors.js'

export const QueueErrors = defineErrors('queue', {
  duplicate: built(
    400,
    'queue.duplicate',
    'The new order lists a work order twice',
    (numbers: string) => `The order lists ${numbers} more than once`,
  ),
  conflict: built(
    409,
    'queue.conflict',
    'The queue was reordered since the version the client read',
    (version: string) =>
      `The queue has been reordered since version ${version} was read; reload it and reorder again`,
  ),
  membershipChanged: built(
    409,
    'queue.membership_changed',
    'The new order does not list exactly the orders now in the queue',
    (problems: string) =>
      `The order must list exactly the orders in the queue: ${problems}. Reload it and reorder again`,
  ),
})
