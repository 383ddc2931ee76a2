import { built, defineErrors, fixed, passedOn } from '../errors.js'

export const RepairOrderErrors = defineErrors('repair-orders', {
  notFound: built(
    404,
    'repair_order.not_found',
    'No repair order has this number',
    (no: number) => `No repair order #${no}`,
  ),
  unknownReference: fixed(400, 'repair_order.unknown_reference', 'customerId does not exist'),
  itemNotFound: fixed(404, 'repair_order.item_not_found', 'No such item on this repair order'),
  invalidTransition: passedOn(
    409,
    'repair_order.invalid_transition',
    'The repair order cannot move from its status to the one asked for (docs/REPAIR-ORDERS.md)',
  ),
  alreadyLinked: built(
    409,
    'repair_order.already_linked',
    'The repair order is already linked to a work order; unlink it first',
    (no: number, workOrderNo: number) =>
      `Repair order #${no} is already linked to work order #${workOrderNo}`,
  ),
  workOrderTaken: built(
    409,
    'repair_order.work_order_linked',
    'The work order is already linked to another repair order',
    (workOrderNo: number, other: number) =>
      `Work order #${workOrderNo} is already linked to repair order #${other}`,
  ),
})
