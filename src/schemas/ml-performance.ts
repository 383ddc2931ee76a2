import { Type } from 'typebox'

const day = Type.String({ format: 'date', description: 'YYYY-MM-DD' })
const TargetSchema = Type.Union([Type.Literal('days'), Type.Literal('price')])
const score = {
  n: Type.Integer({ description: 'Completed orders scored' }),
  mae: Type.Number({ description: 'Mean absolute error (days, or price)' }),
  coverage: Type.Number({ description: 'Share of actual values inside the predicted 80% interval' }),
}

export const PerformanceQuery = Type.Object(
  {
    days: Type.Optional(
      Type.Integer({
        minimum: 1,
        maximum: 3650,
        default: 180,
        description: 'Orders completed in this many days before today (at least the 30-day live window)',
      }),
    ),
  },
  { additionalProperties: false },
)

const LiveTargetSchema = Type.Object({
  n: Type.Integer({ description: 'Orders completed in the window, last predicted by this model' }),
  liveMae: Type.Union([Type.Number(), Type.Null()]),
  holdoutMae: Type.Union([Type.Number(), Type.Null()]),
  ratio: Type.Union([Type.Number(), Type.Null()], { description: 'live / holdout' }),
  alarm: Type.Boolean(),
})

export const PerformanceSchema = Type.Object({
  asOf: day,
  from: day,
  weekly: Type.Array(
    Type.Object({
      week: Type.String({ format: 'date', description: 'Monday of the week the orders completed' }),
      modelId: Type.Integer(),
      target: TargetSchema,
      stage: Type.Union([Type.Literal('first'), Type.Literal('latest')], {
        description: "first: the prediction of the order's first day; latest: the last one before completion",
      }),
      ...score,
    }),
  ),
  trend: Type.Array(
    Type.Object({
      snapshotDate: day,
      target: TargetSchema,
      ...score,
    }),
    { description: 'Per nightly snapshot: how its predictions of orders completed since turned out' },
  ),
  live: Type.Union([
    Type.Object({
      modelId: Type.Integer(),
      windowDays: Type.Integer(),
      driftRatio: Type.Number(),
      days: LiveTargetSchema,
      price: LiveTargetSchema,
      alarms: Type.Array(Type.String()),
    }),
    Type.Null(),
  ]),
})
