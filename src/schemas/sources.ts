import { Type } from 'typebox'
import { DateTime, NullableText } from './common.js'

const text = NullableText

export const SourceSchema = Type.Object(
  {
    id: Type.Integer(),
    name: Type.String(),
    address: text(),
    city: text(),
    state: text(),
    zip: text(),
    phone: text(),
    fax: text(),
    email: text(),
    createdAt: DateTime,
    updatedAt: DateTime,
  },
  { title: 'Source' },
)

const sourceFields = {
  address: Type.Optional(text()),
  city: Type.Optional(text()),
  state: Type.Optional(text(50)),
  zip: Type.Optional(text(20)),
  phone: Type.Optional(text(50)),
  fax: Type.Optional(text(50)),
  email: Type.Optional(Type.Union([Type.String({ format: 'email', maxLength: 254 }), Type.Null()])),
}

export const CreateSourceBody = Type.Object(
  { name: Type.String({ minLength: 1, maxLength: 200 }), ...sourceFields },
  { additionalProperties: false },
)
export const UpdateSourceBody = Type.Object(
  { name: Type.Optional(Type.String({ minLength: 1, maxLength: 200 })), ...sourceFields },
  { additionalProperties: false, minProperties: 1 },
)
