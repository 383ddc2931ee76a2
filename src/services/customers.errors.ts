import { built, defineErrors, fixed } from '../errors.js'

export const CustomerErrors = defineErrors('customers', {
  // The prediction endpoints name the id they were given; the customer screens say it plainly.
  notFound: built(404, 'customer.not_found', 'No customer has this id', (id?: number) =>
    id === undefined ? 'No such customer' : `No customer ${id}`,
  ),
  unknownSource: fixed(400, 'customer.unknown_source', 'sourceId does not name an existing source'),
  hasWorkOrders: built(
    409,
    'customer.has_work_orders',
    'A customer with work orders or repair orders cannot be deleted',
    (customerNo: number, orders: number) =>
      `Customer #${customerNo} has ${orders} work order(s) or repair order(s) and cannot be deleted; their history must stay`,
  ),
})
