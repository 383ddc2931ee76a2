import { built, defineErrors, fixed } from '../errors.js'

export const CheckInErrors = defineErrors('check-ins', {
  notFound: built(
    404,
    'check_in.not_found',
    'No check-in has this number',
    (id: number) => `No check-in #${id}`,
  ),
  notPending: built(
    409,
    'check_in.not_pending',
    'Only a pending check-in can be edited, cancelled, converted or given files',
    (state: string, order?: string | null) =>
      state === 'converted'
        ? `This check-in is already converted${order ? ` into ${order}` : ''}: change the order instead`
        : `This check-in is ${state}: only a pending check-in can be changed`,
  ),
  alreadyConverted: built(
    409,
    'check_in.already_converted',
    'The check-in was converted already; a second conversion is refused',
    (order: string | null) =>
      order
        ? `This check-in is already converted into ${order}`
        : 'This check-in is already converted (its order has since been deleted)',
  ),
  unknownCustomer: fixed(400, 'check_in.unknown_customer', 'customerId does not exist'),
})
