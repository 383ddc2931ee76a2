import { Type } from 'typebox'

const n = Type.Number()
const nullableNumber = Type.Union([Type.Number(), Type.Null()])
const day = Type.String({ format: 'date' })

export const FilterQuery = Type.Object(
  {
    from: Type.Optional(Type.String({ format: 'date', description: 'Date in, from (YYYY-MM-DD)' })),
    to: Type.Optional(Type.String({ format: 'date', description: 'Date in, to (YYYY-MM-DD)' })),
    sourceId: Type.Optional(Type.Integer({ minimum: 1, maximum: 2_147_483_647 })),
  },
  { additionalProperties: false },
)

export const SummarySchema = Type.Object(
  {
    ordersTotal: n,
    ordersOpen: n,
    ordersCompleted: n,
    completionRate: n,
    revenueCompleted: n,
    revenueAll: n,
    averageOrderValue: n,
    uniqueCustomers: n,
    squareFeetCompleted: n,
    squareFeetCompletedDailyAvg7d: n,
    backlogSquareFeet: n,
    rushShare: n,
    turnaroundMedianDays: nullableNumber,
    turnaroundP90Days: nullableNumber,
  },
  { title: 'AnalyticsSummary' },
)

export const MonthsQuery = Type.Object(
  { months: Type.Integer({ minimum: 1, maximum: 120, default: 12 }) },
  { additionalProperties: false },
)
export const DaysQuery = Type.Object(
  { days: Type.Integer({ minimum: 1, maximum: 730, default: 90 }) },
  { additionalProperties: false },
)

export const TrendsSchema = Type.Object({
  data: Type.Array(
    Type.Object({ month: Type.String(), ordersIn: n, ordersCompleted: n, revenue: n, squareFeet: n }),
  ),
})
export const ThroughputSchema = Type.Object({
  data: Type.Array(Type.Object({ day, squareFeet: n, rollingAvg7: n })),
})
export const BacklogSchema = Type.Object({
  data: Type.Array(Type.Object({ day, squareFeetIn: n, squareFeetOut: n, backlog: n })),
})
export const RevenueByProductSchema = Type.Object({
  products: Type.Array(Type.Object({ product: Type.String(), revenue: n, items: n, orders: n })),
  totals: Type.Object({ revenue: n, orders: n }),
})
export const TurnaroundQuery = Type.Object(
  { ...FilterQuery.properties, bucketDays: Type.Integer({ minimum: 1, maximum: 90, default: 7 }) },
  { additionalProperties: false },
)
export const TurnaroundSchema = Type.Object({
  buckets: Type.Array(Type.Object({ fromDays: n, toDays: n, orders: n })),
  median: nullableNumber,
  p90: nullableNumber,
})
export const CustomersQuery = Type.Object(
  {
    months: Type.Integer({ minimum: 1, maximum: 120, default: 12 }),
    top: Type.Integer({ minimum: 1, maximum: 100, default: 10 }),
  },
  { additionalProperties: false },
)
export const CustomersSchema = Type.Object({
  monthly: Type.Array(Type.Object({ month: Type.String(), newCustomers: n, returningCustomers: n })),
  top: Type.Array(Type.Object({ customerId: n, customerNo: n, name: Type.String(), revenue: n, orders: n })),
})
export const DashboardQuery = Type.Object(
  {
    dueWithinDays: Type.Integer({ minimum: 0, maximum: 60, default: 7 }),
    recent: Type.Integer({ minimum: 1, maximum: 100, default: 10 }),
  },
  { additionalProperties: false },
)
export const DashboardSchema = Type.Object({
  recent: Type.Array(
    Type.Object({
      workOrderNo: n,
      customerName: Type.String(),
      status: Type.String(),
      dateIn: day,
      total: n,
    }),
  ),
  countsByStatus: Type.Record(Type.String(), n),
  queueLength: n,
  rushDueSoon: Type.Array(
    Type.Object({
      workOrderNo: n,
      customerName: Type.String(),
      dateRequired: Type.Union([day, Type.Null()]),
      status: Type.String(),
    }),
  ),
})
export const CacheStatsSchema = Type.Object({
  hits: n,
  misses: n,
  invalidations: n,
  size: n,
  crossInstance: Type.String(),
  replica: Type.String(),
})
