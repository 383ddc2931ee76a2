import { Type } from 'typebox'
import { repairOrderStatus } from '../models/repair-orders.js'
import { returnStatus, storageTime } from '../models/work-orders.js'
import { DateTime, NullableText } from './common.js'
import { CustomerSchema, ItemSchema } from './customers.js'
import { ItemBody } from './items.js'
import { SourceSchema } from './sources.js'
import { enumOf, QuoteStatusSchema, StatusSchema as WorkOrderStatusSchema } from './work-orders.js'

const text = (max = 500) => NullableText(max)
const day = Type.String({ format: 'date', description: 'YYYY-MM-DD' })
const optionalDay = Type.Union([day, Type.Null()])
const nullableDay = Type.Union([Type.String(), Type.Null()])
const nullableEnumOf = <T extends string>(values: readonly T[]) =>
  Type.Unsafe<T | null>({ anyOf: [{ type: 'string', enum: [...values] }, { type: 'null' }] })
const orderNo = Type.Integer({ minimum: 1, maximum: 2_147_483_647 })
const money = Type.Union([Type.Number({ minimum: 0, maximum: 99_999_999 }), Type.Null()])

export const RepairStatusSchema = enumOf(repairOrderStatus.enumValues)
const StorageSchema = nullableEnumOf(storageTime.enumValues)
const ReturnSchema = nullableEnumOf(returnStatus.enumValues)

const orderColumns = {
  id: Type.Integer(),
  repairOrderNo: Type.Integer(),
  customerId: Type.Integer(),
  workOrderId: Type.Union([Type.Integer(), Type.Null()]),
  name: text(),
  status: RepairStatusSchema,
  quoteStatus: QuoteStatusSchema,
  dateIn: Type.String(),
  dateRequired: nullableDay,
  dateToSub: Type.Union([Type.String(), Type.Null()], { description: 'Sent to the subcontractor' }),
  dateBackFromSub: Type.Union([Type.String(), Type.Null()], { description: 'Back from the subcontractor' }),
  returnDate: nullableDay,
  dateCompleted: nullableDay,
  rush: Type.Boolean(),
  firmRush: Type.Boolean(),
  repairPrice: Type.Union([Type.Number(), Type.Null()]),
  priceNote: text(),
  repairsDoneBy: text(),
  materialList: text(),
  itemType: text(),
  repairType: text(),
  location: text(),
  rackLocation: text(),
  storageTime: StorageSchema,
  specialInstructions: text(),
  returnStatus: ReturnSchema,
  returnTo: text(),
  workOrderNote: text(),
  createdAt: DateTime,
  updatedAt: DateTime,
}

export const RepairOrderRowSchema = Type.Object(
  {
    ...orderColumns,
    customerName: Type.String(),
    customerNo: Type.Integer(),
    workOrderNo: Type.Union([Type.Integer(), Type.Null()]),
    itemCount: Type.Integer(),
    itemsTotal: Type.Number({ description: 'Σ quantity × unit price of the items' }),
  },
  { title: 'RepairOrderRow' },
)

export const RepairStatusChangeSchema = Type.Object({
  id: Type.Integer(),
  repairOrderId: Type.Integer(),
  fromStatus: nullableEnumOf(repairOrderStatus.enumValues),
  toStatus: RepairStatusSchema,
  changedBy: Type.Union([Type.Integer(), Type.Null()]),
  note: text(),
  changedAt: DateTime,
})

const { workOrderId: _w, ...itemColumns } = ItemSchema.properties

export const RepairOrderDetailSchema = Type.Object(
  {
    ...orderColumns,
    customer: Type.Object({ ...CustomerSchema.properties, source: Type.Union([SourceSchema, Type.Null()]) }),
    workOrder: Type.Union([
      Type.Object({
        id: Type.Integer(),
        workOrderNo: Type.Integer(),
        status: WorkOrderStatusSchema,
        name: text(),
      }),
      Type.Null(),
    ]),
    workOrderNo: Type.Union([Type.Integer(), Type.Null()], { description: 'The linked work order' }),
    items: Type.Array(
      Type.Object({
        ...itemColumns,
        repairOrderId: Type.Integer(),
        sizeWarning: Type.Union([Type.String(), Type.Null()]),
      }),
    ),
    itemsTotal: Type.Number({ description: 'Σ quantity × unit price of the items' }),
    statusHistory: Type.Array(RepairStatusChangeSchema),
  },
  { title: 'RepairOrderDetail' },
)

const editable = {
  name: Type.Optional(text(300)),
  quoteStatus: Type.Optional(QuoteStatusSchema),
  dateRequired: Type.Optional(optionalDay),
  returnDate: Type.Optional(optionalDay),
  rush: Type.Optional(Type.Boolean()),
  firmRush: Type.Optional(Type.Boolean()),
  repairPrice: Type.Optional(money),
  priceNote: Type.Optional(text(500)),
  repairsDoneBy: Type.Optional(text(200)),
  materialList: Type.Optional(text(4000)),
  itemType: Type.Optional(text(200)),
  repairType: Type.Optional(text(500)),
  location: Type.Optional(text(200)),
  rackLocation: Type.Optional(text(100)),
  storageTime: Type.Optional(StorageSchema),
  specialInstructions: Type.Optional(text(4000)),
  returnStatus: Type.Optional(ReturnSchema),
  returnTo: Type.Optional(text(300)),
}

export const CreateRepairOrderBody = Type.Object(
  {
    customerId: Type.Integer({ minimum: 1, maximum: 2_147_483_647 }),
    dateIn: Type.Optional(day),
    workOrderNo: Type.Optional({ ...orderNo, description: 'Link to this work order at once' }),
    ...editable,
    items: Type.Optional(Type.Array(ItemBody, { maxItems: 200 })),
  },
  { additionalProperties: false },
)

export const UpdateRepairOrderBody = Type.Object(editable, { additionalProperties: false, minProperties: 1 })

export const RepairStatusBody = Type.Object(
  { to: RepairStatusSchema, note: Type.Optional(Type.String({ maxLength: 1000 })) },
  { additionalProperties: false },
)

export const LinkBody = Type.Object({ workOrderNo: orderNo }, { additionalProperties: false })

export const RepairOrderNoParams = Type.Object({ no: orderNo })
export const RepairItemParams = Type.Object({ no: orderNo, itemId: orderNo })
