import { built, defineErrors, fixed, passedOn } from '../errors.js'

export const WorkOrderErrors = defineErrors('work-orders', {
  notFound: built(
    404,
    'work_order.not_found',
    'No work order has this number',
    (no: number) => `No work order #${no}`,
  ),
  finalLocationNotPackaged: fixed(
    400,
    'work_order.final_location_not_packaged',
    'A final location is recorded with the packaged step only',
  ),
  unknownReference: fixed(400, 'work_order.unknown_reference', 'customerId or shipToSourceId does not exist'),
  itemNotFound: fixed(404, 'work_order.item_not_found', 'No such item on this work order'),
  invalidTransition: passedOn(
    409,
    'work_order.invalid_transition',
    'The order cannot move from its status to the one asked for (docs/WORK-ORDERS.md)',
  ),
  quoteNotApproved: passedOn(
    409,
    'work_order.quote_not_approved',
    'An order with a pending or declined quote cannot go into work',
  ),
  unknownCatalogItem: fixed(
    400,
    'item.unknown_catalog_item',
    "catalogItemId is not in this customer's catalog",
  ),
  descriptionRequired: fixed(
    400,
    'item.description_required',
    'An item needs a description or a catalogItemId',
  ),
})
