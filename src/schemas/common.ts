import { Type } from 'typebox'

export const ErrorResponse = Type.Object(
  {
    statusCode: Type.Integer(),
    code: Type.String({ description: 'Stable machine-readable error code' }),
    error: Type.String({ description: 'HTTP reason phrase' }),
    message: Type.String(),
    requestId: Type.Optional(Type.String()),
  },
  { $id: 'ErrorResponse', title: 'Error' },
)

/** Reference to the shared error schema, for response maps. */
export const ErrorRef = Type.Unsafe<{ statusCode: number; code: string; error: string; message: string }>({
  $ref: 'ErrorResponse#',
})

/** A timestamp: Date in TypeScript, an ISO 8601 string on the wire. */
export const DateTime = Type.Unsafe<Date>({ type: 'string', format: 'date-time' })
export const NullableDateTime = Type.Unsafe<Date | null>({
  anyOf: [{ type: 'string', format: 'date-time' }, { type: 'null' }],
})

/** Optional text a client may clear: a bounded string or null. */
export const NullableText = (maxLength = 200) => Type.Union([Type.String({ maxLength }), Type.Null()])
