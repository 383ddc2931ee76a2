import { type Static, Type } from 'typebox'
import { NullableText } from './common.js'

const money = Type.Union([Type.Number({ minimum: 0, maximum: 99_999_999 }), Type.Null()])

/**
 * The one declaration of an item's own fields: what a client may send, what the legacy import reads, what
 * the items repository stores (with the square feet computed from the size) and what the catalog keeps.
 */
export const ItemFieldsSchema = Type.Object({
  description: Type.String({ minLength: 1, maxLength: 300 }),
  material: NullableText(200),
  quantity: Type.Integer({ minimum: 1, maximum: 10_000 }),
  condition: NullableText(200),
  color: NullableText(100),
  sizeText: NullableText(200),
  unitPrice: money,
})
export type ItemFields = Static<typeof ItemFieldsSchema>
/** An item as stored: its fields and the square feet its size gave (null when it gave none). */
export type StoredItemFields = ItemFields & { squareFeet: number | null }

const optionalFields = Type.Partial(ItemFieldsSchema).properties

/** What an item says about itself; picking from the catalog (catalogItemId) fills the rest. */
export const ItemBody = Type.Object(
  {
    catalogItemId: Type.Optional(
      Type.Integer({ minimum: 1, maximum: 2_147_483_647, description: 'Pick from the catalog' }),
    ),
    ...optionalFields,
  },
  { additionalProperties: false },
)
export type ItemInput = Static<typeof ItemBody>

export const UpdateItemBody = Type.Object(optionalFields, { additionalProperties: false, minProperties: 1 })
