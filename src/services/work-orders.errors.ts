import { defineErrors, passedOn } from '../errors.js'

export const WorkOrderErrors = defineErrors('work-orders', {
  notFound: {
    status: 404,
    code: 'work_order.not_found',
    about: 'No work order has this number',
    message: (no: number) => `No work order #${no}`,
  },
  unknownReference: {
    status: 400,
    code: 'work_order.unknown_reference',
    message: 'customerId or shipToSourceId does not exist',
  },
  itemNotFound: {
    status: 404,
    code: 'work_order.item_not_found',
    message: 'No such item on this work order',
  },
  invalidTransition: {
    status: 409,
    code: 'work_order.invalid_transition',
    ...passedOn('The order cannot move from its status to the one asked for (docs/WORK-ORDERS.md)'),
  },
  quoteNotApproved: {
    status: 409,
    code: 'work_order.quote_not_approved',
    ...passedOn('An order with a pending or declined quote cannot go into work'),
  },
  unknownCatalogItem: {
    status: 400,
    code: 'item.unknown_catalog_item',
    message: "catalogItemId is not in this customer's catalog",
  },
  descriptionRequired: {
    status: 400,
    code: 'item.description_required',
    message: 'An item needs a description or a catalogItemId',
  },
})
