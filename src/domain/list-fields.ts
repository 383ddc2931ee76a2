// The fields each list filters on, declared once: the route's query schema, the repository's whitelist
// (src/repositories/*: `Record<…Filter, ListField>`) and the CSV exports' filters all come from here.

export const WORK_ORDER_FILTERS = [
  'workOrderNo',
  'name',
  'status',
  'quoteStatus',
  'dateIn',
  'dateRequired',
  'dateCompleted',
  'rush',
  'firmRush',
  'customerId',
  'customerName',
  // The customer's source by id (exact; sourceName is a contains match on the name).
  'sourceId',
  'sourceName',
  'rackLocation',
  'isCushion',
  // Neither completed nor cancelled: the pages' "open" tab and the dashboard's counts link with it.
  'open',
] as const
export type WorkOrderFilter = (typeof WORK_ORDER_FILTERS)[number]

export const CUSTOMER_FILTERS = [
  'customerNo',
  'name',
  'contact',
  'city',
  'state',
  'email',
  'sourceId',
  'sourceName',
] as const
export type CustomerFilter = (typeof CUSTOMER_FILTERS)[number]

export const SOURCE_FILTERS = ['name', 'city', 'state'] as const
export type SourceFilter = (typeof SOURCE_FILTERS)[number]

export const CHECK_IN_FILTERS = [
  'state',
  'customerId',
  'customerName',
  'dateIn',
  'dateRequired',
  'rush',
  'firmRush',
] as const
export type CheckInFilter = (typeof CHECK_IN_FILTERS)[number]
export const REPAIR_ORDER_FILTERS = [
  'repairOrderNo',
  'name',
  'status',
  'quoteStatus',
  'dateIn',
  'dateRequired',
  'dateToSub',
  'dateCompleted',
  'rush',
  'firmRush',
  'customerId',
  'customerName',
  'workOrderNo',
  'itemType',
  'repairType',
  'repairsDoneBy',
  // Neither completed nor cancelled: the pages' "open" tab.
  'open',
] as const
export type RepairOrderFilter = (typeof REPAIR_ORDER_FILTERS)[number]
