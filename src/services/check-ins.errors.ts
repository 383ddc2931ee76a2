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
    (state: string, workOrderNo?: number | null) =>
      state === 'converted'
        ? `This check-in is already converted${workOrderNo ? ` into work order #${workOrderNo}` : ''}: change the work order instead`
        : `This check-in is ${state}: only a pending check-in can be changed`,
  ),
  alreadyConverted: built(
    409,
    'check_in.already_converted',
    'The check-in was converted already; a second conversion is refused',
    (workOrderNo: number | null) =>
      workOrderNo
        ? `This check-in is already converted into work order #${workOrderNo}`
        : 'This check-in is already converted (its work order has since been deleted)',
  ),
  targetNotSupported: built(
    400,
    'check_in.target_not_supported',
    'The conversion target is not supported yet (only "work-order" is)',
    (into: string) => `Converting a check-in into a ${into} is not supported yet; use "work-order"`,
  ),
  unknownCustomer: fixed(400, 'check_in.unknown_customer', 'customerId does not exist'),
})
