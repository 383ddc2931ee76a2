import { defineErrors } from '../errors.js'

export const CustomerErrors = defineErrors('customers', {
  notFound: {
    status: 404,
    code: 'customer.not_found',
    about: 'No customer has this id',
    // The prediction endpoints name the id they were given; the customer screens say it plainly.
    message: (id?: number) => (id === undefined ? 'No such customer' : `No customer ${id}`),
  },
  unknownSource: {
    status: 400,
    code: 'customer.unknown_source',
    message: 'sourceId does not name an existing source',
  },
  hasWorkOrders: {
    status: 409,
    code: 'customer.has_work_orders',
    about: 'A customer with work orders cannot be deleted',
    message: (customerNo: number, orders: number) =>
      `Customer #${customerNo} has ${orders} work order(s) and cannot be deleted; their history must stay`,
  },
})
