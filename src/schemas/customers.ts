import { Type } from 'typebox'
import { DateTime, NullableText } from './common.js'
import { SourceSchema } from './sources.js'

const text = NullableText
const num = Type.Union([Type.Number(), Type.Null()])

const customerColumns = {
  id: Type.Integer(),
  customerNo: Type.Integer(),
  name: Type.String(),
  contact: text(),
  address: text(),
  address2: text(),
  city: text(),
  state: text(),
  zip: text(),
  homePhone: text(),
  workPhone: text(),
  cellPhone: text(),
  email: text(),
  mailAddress: text(),
  mailCity: text(),
  mailState: text(),
  mailZip: text(),
  sourceId: Type.Union([Type.Integer(), Type.Null()]),
  createdAt: DateTime,
  updatedAt: DateTime,
}

export const CustomerSchema = Type.Object(customerColumns, { title: 'Customer' })
export const CustomerRowSchema = Type.Object(
  { ...customerColumns, sourceName: text() },
  { title: 'CustomerRow' },
)

export const CatalogItemSchema = Type.Object(
  {
    id: Type.Integer(),
    customerId: Type.Integer(),
    description: Type.String(),
    material: text(),
    condition: text(),
    color: text(),
    sizeText: text(),
    squareFeet: num,
    lastPrice: num,
    quantity: Type.Integer(),
    createdAt: DateTime,
    updatedAt: DateTime,
  },
  { title: 'CatalogItem' },
)

export const ItemSchema = Type.Object(
  {
    id: Type.Integer(),
    workOrderId: Type.Integer(),
    catalogItemId: Type.Union([Type.Integer(), Type.Null()]),
    description: Type.String(),
    material: text(),
    quantity: Type.Integer(),
    condition: text(),
    color: text(),
    sizeText: text(),
    squareFeet: num,
    unitPrice: num,
    createdAt: DateTime,
    updatedAt: DateTime,
  },
  { title: 'WorkOrderItem' },
)

const customerFields = {
  contact: Type.Optional(text()),
  address: Type.Optional(text()),
  address2: Type.Optional(text()),
  city: Type.Optional(text()),
  state: Type.Optional(text(50)),
  zip: Type.Optional(text(20)),
  homePhone: Type.Optional(text(50)),
  workPhone: Type.Optional(text(50)),
  cellPhone: Type.Optional(text(50)),
  email: Type.Optional(Type.Union([Type.String({ format: 'email', maxLength: 254 }), Type.Null()])),
  mailAddress: Type.Optional(text()),
  mailCity: Type.Optional(text()),
  mailState: Type.Optional(text(50)),
  mailZip: Type.Optional(text(20)),
  sourceId: Type.Optional(Type.Union([Type.Integer({ minimum: 1, maximum: 2_147_483_647 }), Type.Null()])),
}

export const CreateCustomerBody = Type.Object(
  { name: Type.String({ minLength: 1, maxLength: 200 }), ...customerFields },
  { additionalProperties: false },
)
export const UpdateCustomerBody = Type.Object(
  { name: Type.Optional(Type.String({ minLength: 1, maxLength: 200 })), ...customerFields },
  { additionalProperties: false, minProperties: 1 },
)

/** The work order fields shown inside a customer's recent orders. */
export const RecentOrderSchema = Type.Object({
  id: Type.Integer(),
  workOrderNo: Type.Integer(),
  name: text(),
  status: Type.String(),
  dateIn: Type.String(),
  dateCompleted: Type.Union([Type.String(), Type.Null()]),
  items: Type.Array(ItemSchema),
})

export const CustomerDetailSchema = Type.Object(
  {
    ...customerColumns,
    primaryPhone: text(),
    source: Type.Union([SourceSchema, Type.Null()]),
    items: Type.Array(CatalogItemSchema),
    workOrders: Type.Array(RecentOrderSchema),
  },
  { title: 'CustomerDetail' },
)
