import { Type } from 'typebox'
import { CONVERT_TARGETS } from '../domain/check-ins.js'
import { checkInState } from '../models/check-ins.js'
import { DateTime, NullableText } from './common.js'
import { ItemSchema } from './customers.js'
import { ItemBody } from './items.js'
import { enumOf, StorageSchema } from './work-orders.js'

const day = Type.String({ format: 'date', description: 'YYYY-MM-DD' })
const optionalDay = Type.Union([day, Type.Null()])
const id = Type.Integer({ minimum: 1, maximum: 2_147_483_647 })

export const CheckInStateSchema = enumOf(checkInState.enumValues)

const columns = {
  id: Type.Integer(),
  customerId: Type.Integer(),
  state: CheckInStateSchema,
  dateIn: Type.String(),
  dateRequired: Type.Union([Type.String(), Type.Null()]),
  rush: Type.Boolean(),
  firmRush: Type.Boolean(),
  storageTime: StorageSchema,
  rackLocation: NullableText(),
  repairsNeeded: Type.Boolean(),
  specialInstructions: NullableText(4000),
  workOrderId: Type.Union([Type.Integer(), Type.Null()]),
  workOrderNo: Type.Union([Type.Integer(), Type.Null()], {
    description:
      'The work order it was converted into (null while pending, cancelled, converted into a repair order, or if that order was deleted)',
  }),
  repairOrderId: Type.Union([Type.Integer(), Type.Null()]),
  repairOrderNo: Type.Union([Type.Integer(), Type.Null()], {
    description: 'The repair order it was converted into (null otherwise, or if that order was deleted)',
  }),
  createdBy: Type.Union([Type.Integer(), Type.Null()]),
  closedAt: Type.Union([DateTime, Type.Null()]),
  createdAt: DateTime,
  updatedAt: DateTime,
}

export const CheckInRowSchema = Type.Object(
  { ...columns, customerName: Type.String(), customerNo: Type.Integer(), itemCount: Type.Integer() },
  { title: 'CheckInRow' },
)

const { workOrderId: _w, ...itemColumns } = ItemSchema.properties as typeof ItemSchema.properties & {
  workOrderId?: unknown
}

export const CheckInDetailSchema = Type.Object(
  {
    ...columns,
    customer: Type.Object({ id: Type.Integer(), customerNo: Type.Integer(), name: Type.String() }),
    items: Type.Array(Type.Object({ ...itemColumns, checkInId: Type.Integer() })),
  },
  { title: 'CheckInDetail' },
)

const editable = {
  dateIn: Type.Optional(day),
  dateRequired: Type.Optional(optionalDay),
  rush: Type.Optional(Type.Boolean()),
  firmRush: Type.Optional(Type.Boolean()),
  storageTime: Type.Optional(StorageSchema),
  rackLocation: Type.Optional(NullableText(100)),
  repairsNeeded: Type.Optional(Type.Boolean()),
  specialInstructions: Type.Optional(NullableText(4000)),
  items: Type.Optional(
    Type.Array(ItemBody, {
      maxItems: 200,
      description: 'Picked from the catalog (catalogItemId) or typed; unitPrice is the quoted price',
    }),
  ),
}

export const CreateCheckInBody = Type.Object({ customerId: id, ...editable }, { additionalProperties: false })

export const UpdateCheckInBody = Type.Object(editable, {
  additionalProperties: false,
  minProperties: 1,
  description: 'Fields given are changed; items, when given, replace the whole list',
})

export const ConvertBody = Type.Object(
  {
    into: Type.Unsafe<(typeof CONVERT_TARGETS)[number]>({
      type: 'string',
      enum: [...CONVERT_TARGETS],
      description: '"work-order" or "repair-order": which order the check-in becomes',
    }),
  },
  { additionalProperties: false },
)

export const ConvertResultSchema = Type.Object(
  {
    into: Type.Unsafe<(typeof CONVERT_TARGETS)[number]>({ type: 'string', enum: [...CONVERT_TARGETS] }),
    workOrderNo: Type.Optional(Type.Integer({ description: 'The new work order (into="work-order")' })),
    repairOrderNo: Type.Optional(Type.Integer({ description: 'The new repair order (into="repair-order")' })),
    checkIn: CheckInDetailSchema,
  },
  { title: 'CheckInConversion' },
)

export const CheckInParams = Type.Object({ id })
export const CheckInFileParams = Type.Object({ id, fileId: Type.String({ format: 'uuid' }) })
