import { Type } from 'typebox'
import { StatusSchema } from './work-orders.js'

const workOrderNo = Type.Integer({ minimum: 1, maximum: 2_147_483_647 })
const QueueVersion = Type.String({
  pattern: '^[0-9]{1,15}$',
  description: 'The queue version GET /api/queue returned; a reorder must carry it',
})

export const QueueQuery = Type.Object(
  {
    dueWithinDays: Type.Integer({
      minimum: 0,
      maximum: 60,
      default: 7,
      description: 'A rush order required within this many days of today is flagged dueSoon',
    }),
    sails: Type.Boolean({
      default: true,
      description: 'false hides sail orders (positions stay those of the whole queue)',
    }),
    cushions: Type.Boolean({ default: true, description: 'false hides cushion orders' }),
  },
  { additionalProperties: false },
)

export const QueueEntrySchema = Type.Object(
  {
    position: Type.Integer({ description: '1-based place in the queue as shown' }),
    workOrderNo: Type.Integer(),
    id: Type.Integer(),
    name: Type.Union([Type.String(), Type.Null()]),
    status: StatusSchema,
    customerName: Type.String(),
    rush: Type.Boolean(),
    firmRush: Type.Boolean(),
    dateIn: Type.String(),
    dateRequired: Type.Union([Type.String(), Type.Null()]),
    itemCount: Type.Integer(),
    squareFeet: Type.Number({ description: 'Σ quantity × square feet' }),
    manual: Type.Boolean({ description: 'Placed by a manager (false: placed by the tier rule)' }),
    dueSoon: Type.Boolean(),
    sail: Type.Boolean({ description: 'One of its items is a sail (the analytics product rule)' }),
    cushion: Type.Boolean({ description: 'The order is flagged as a cushion order' }),
    repairOrderNo: Type.Union([Type.Integer(), Type.Null()], {
      description: 'The linked repair order, if any',
    }),
    repairNotFinished: Type.Boolean({
      description: 'Its linked repair order is open (neither completed nor cancelled): "repair not finished"',
    }),
  },
  { title: 'QueueEntry' },
)

export const QueueSchema = Type.Object(
  { version: QueueVersion, data: Type.Array(QueueEntrySchema) },
  { title: 'Queue' },
)

export const ReorderBody = Type.Object(
  {
    order: Type.Array(workOrderNo, {
      maxItems: 10_000,
      description: 'Every work order number now in the queue, in the wanted order',
    }),
    version: QueueVersion,
  },
  { additionalProperties: false },
)
