import { type TSchema, Type } from 'typebox'

/** page, pageSize, sort, q and one optional string per filterable field (ranges like 100-200 or d1..d2). */
export function ListQuery(filterFields: readonly string[]) {
  const filters = Object.fromEntries(
    filterFields.map((f) => [
      f,
      Type.Optional(Type.String({ maxLength: 200, description: `Filter on ${f}` })),
    ]),
  )
  return Type.Object(
    {
      page: Type.Integer({ minimum: 1, maximum: 1_000_000, default: 1 }),
      pageSize: Type.Integer({ minimum: 1, maximum: 200, default: 50 }),
      sort: Type.Optional(
        Type.String({
          maxLength: 200,
          pattern: '^-?[A-Za-z]+(,-?[A-Za-z]+)*$',
          description: 'e.g. -dateIn,customerName',
        }),
      ),
      q: Type.Optional(Type.String({ maxLength: 200, description: 'Search across the main text fields' })),
      ...filters,
    },
    { additionalProperties: false },
  )
}

export function PageOf<T extends TSchema>(item: T) {
  return Type.Object({
    data: Type.Array(item),
    total: Type.Integer(),
    page: Type.Integer(),
    pageSize: Type.Integer(),
    pageCount: Type.Integer(),
  })
}

export const IdParams = Type.Object({ id: Type.Integer({ minimum: 1, maximum: 2_147_483_647 }) })

/** Splits validated list query into the shared parameters and the per-field filters. */
export function listParams(query: Record<string, unknown>) {
  const { page, pageSize, sort, q, ...filters } = query as {
    page: number
    pageSize: number
    sort?: string
    q?: string
  } & Record<string, string | undefined>
  return { page, pageSize, sort, q, filters }
}
