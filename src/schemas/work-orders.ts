import { Type } from 'typebox'
import { repairOrderStatus } from '../models/repair-orders.js'
import { quoteStatus, returnStatus, storageTime, workOrderStatus } from '../models/work-orders.js'
import { DateTime, NullableText } from './common.js'
import { CustomerSchema, ItemSchema } from './customers.js'
import { ItemBody } from './items.js'
import { SourceSchema } from './sources.js'

export { ItemBody, UpdateItemBody } from './items.js'

const text = (max = 500) => NullableText(max)
const day = Type.String({ format: 'date', description: 'YYYY-MM-DD' })
const optionalDay = Type.Union([day, Type.Null()])
/** A string enum typed as its union in TypeScript. */
export const enumOf = <T extends string>(values: readonly T[]) =>
  Type.Unsafe<T>({ type: 'string', enum: [...values] })
const nullableEnumOf = <T extends string>(values: readonly T[]) =>
  Type.Unsafe<T | null>({ anyOf: [{ type: 'string', enum: [...values] }, { type: 'null' }] })

export const StatusSchema = enumOf(workOrderStatus.enumValues)
export const QuoteStatusSchema = nullableEnumOf(quoteStatus.enumValues)
export const StorageSchema = nullableEnumOf(storageTime.enumValues)
const ReturnSchema = nullableEnumOf(returnStatus.enumValues)

const orderColumns = {
  id: Type.Integer(),
  workOrderNo: Type.Integer(),
  customerId: Type.Integer(),
  name: text(),
  status: StatusSchema,
  quoteStatus: QuoteStatusSchema,
  dateIn: Type.String(),
  dateRequired: Type.Union([Type.String(), Type.Null()]),
  dateCleaned: Type.Union([Type.String(), Type.Null()]),
  dateTreated: Type.Union([Type.String(), Type.Null()]),
  datePackaged: Type.Union([Type.String(), Type.Null()]),
  dateCompleted: Type.Union([Type.String(), Type.Null()]),
  rush: Type.Boolean(),
  firmRush: Type.Boolean(),
  isCushion: Type.Boolean(),
  storageTime: StorageSchema,
  rackLocation: text(),
  specialInstructions: text(),
  repairsNeeded: Type.Boolean(),
  returnStatus: ReturnSchema,
  returnTo: text(),
  shipToSourceId: Type.Union([Type.Integer(), Type.Null()]),
  queuePosition: Type.Union([Type.Integer(), Type.Null()]),
  finalLocation: text(),
  createdAt: DateTime,
  updatedAt: DateTime,
}

export const WorkOrderRowSchema = Type.Object(
  {
    ...orderColumns,
    customerName: Type.String(),
    customerNo: Type.Integer(),
    sourceName: text(),
    itemCount: Type.Integer(),
    total: Type.Number({ description: 'Σ quantity × unit price' }),
    squareFeet: Type.Number({ description: 'Σ quantity × square feet' }),
    unparsedSizes: Type.Integer({
      description: 'Items whose size text gave no square feet (not counting blanks and sail weights)',
    }),
  },
  { title: 'WorkOrderRow' },
)

export const StatusChangeSchema = Type.Object({
  id: Type.Integer(),
  workOrderId: Type.Integer(),
  fromStatus: nullableEnumOf(workOrderStatus.enumValues),
  toStatus: StatusSchema,
  changedBy: Type.Union([Type.Integer(), Type.Null()]),
  note: text(),
  changedAt: DateTime,
})

export const WorkOrderDetailSchema = Type.Object(
  {
    ...orderColumns,
    customer: Type.Object({ ...CustomerSchema.properties, source: Type.Union([SourceSchema, Type.Null()]) }),
    shipTo: Type.Union([SourceSchema, Type.Null()]),
    items: Type.Array(
      Type.Object({
        ...ItemSchema.properties,
        sizeWarning: Type.Union([Type.String(), Type.Null()], {
          description: 'Why this size gave no square feet; null when it did (or is blank or a sail weight)',
        }),
      }),
    ),
    warnings: Type.Array(Type.String(), {
      description: "What the user should know about the order's data, e.g. sizes that were not understood",
    }),
    statusHistory: Type.Array(StatusChangeSchema),
    repairOrder: Type.Union(
      [
        Type.Object({
          repairOrderNo: Type.Integer(),
          status: enumOf(repairOrderStatus.enumValues),
        }),
        Type.Null(),
      ],
      { description: 'The linked repair order (at most one), or null' },
    ),
    estimatedCompletion: Type.Optional(
      Type.Union([Type.String(), Type.Null()], {
        description: 'Open orders: predicted completion date (GET only; null without an active model)',
      }),
    ),
    predictedPrice: Type.Optional(
      Type.Union([Type.Number(), Type.Null()], { description: 'Open orders: predicted price (GET only)' }),
    ),
  },
  { title: 'WorkOrderDetail' },
)

const editable = {
  name: Type.Optional(text(300)),
  quoteStatus: Type.Optional(QuoteStatusSchema),
  dateRequired: Type.Optional(optionalDay),
  rush: Type.Optional(Type.Boolean()),
  firmRush: Type.Optional(Type.Boolean()),
  isCushion: Type.Optional(Type.Boolean()),
  storageTime: Type.Optional(StorageSchema),
  rackLocation: Type.Optional(text(100)),
  specialInstructions: Type.Optional(text(4000)),
  repairsNeeded: Type.Optional(Type.Boolean()),
  returnStatus: Type.Optional(ReturnSchema),
  returnTo: Type.Optional(text(300)),
  shipToSourceId: Type.Optional(
    Type.Union([Type.Integer({ minimum: 1, maximum: 2_147_483_647 }), Type.Null()]),
  ),
  finalLocation: Type.Optional(text(200)),
}

export const CreateWorkOrderBody = Type.Object(
  {
    customerId: Type.Integer({ minimum: 1, maximum: 2_147_483_647 }),
    dateIn: Type.Optional(day),
    ...editable,
    items: Type.Optional(Type.Array(ItemBody, { maxItems: 200 })),
  },
  { additionalProperties: false },
)

export const UpdateWorkOrderBody = Type.Object(editable, { additionalProperties: false, minProperties: 1 })

export const StatusBody = Type.Object(
  {
    to: StatusSchema,
    note: Type.Optional(Type.String({ maxLength: 1000 })),
    finalLocation: Type.Optional(
      Type.String({ maxLength: 200, description: 'Where the packaged order is put (with to=packaged only)' }),
    ),
  },
  { additionalProperties: false },
)

export const WorkOrderNoParams = Type.Object({ no: Type.Integer({ minimum: 1, maximum: 2_147_483_647 }) })
export const ItemParams = Type.Object({
  no: Type.Integer({ minimum: 1, maximum: 2_147_483_647 }),
  itemId: Type.Integer({ minimum: 1, maximum: 2_147_483_647 }),
})
