import { Type } from 'typebox'

export const ImportParams = Type.Object({
  kind: Type.Unsafe<'sources' | 'customers' | 'work-orders' | 'items' | 'repair-orders' | 'repair-items'>({
    type: 'string',
    enum: ['sources', 'customers', 'work-orders', 'items', 'repair-orders', 'repair-items'],
  }),
})

export const ImportReportSchema = Type.Object(
  {
    kind: Type.String(),
    rows: Type.Integer(),
    inserted: Type.Integer(),
    updated: Type.Integer(),
    failed: Type.Integer(),
    errors: Type.Array(Type.Object({ line: Type.Integer(), errors: Type.Array(Type.String()) })),
    warnings: Type.Array(Type.Object({ line: Type.Integer(), warnings: Type.Array(Type.String()) }), {
      description: 'Rows imported with something to know: NUL characters removed, sizes with no square feet',
    }),
    createdSources: Type.Array(Type.String()),
  },
  { title: 'ImportReport' },
)
