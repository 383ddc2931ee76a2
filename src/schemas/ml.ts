import { Type } from 'typebox'
import { mlConfig } from '../models/ml.js'
import { DateTime, NullableDateTime } from './common.js'
import { enumOf, StorageSchema } from './work-orders.js'

const ConfigSchema = enumOf(mlConfig.enumValues)
const id = Type.Integer({ minimum: 1, maximum: 2_147_483_647 })
const day = Type.String({ format: 'date', description: 'YYYY-MM-DD' })

export const RetrainBody = Type.Object(
  {
    config: Type.Optional({ ...ConfigSchema, default: 'auto' }),
    async: Type.Optional(
      Type.Boolean({ default: false, description: 'Answer 202 at once with a run to poll' }),
    ),
  },
  { additionalProperties: false },
)

const MetricsSchema = Type.Object({
  mae: Type.Number(),
  rmse: Type.Number(),
  r2: Type.Number(),
  n: Type.Integer({ description: 'Holdout rows' }),
})
const PerTarget = <T extends ReturnType<typeof Type.Object> | ReturnType<typeof Type.String>>(s: T) =>
  Type.Object({ days: s, price: s })

export const RetrainResultSchema = Type.Object(
  {
    status: Type.Literal('completed'),
    runId: Type.String({ format: 'uuid' }),
    modelId: Type.Integer(),
    config: ConfigSchema,
    samples: Type.Integer({ description: 'Completed work orders trained on' }),
    durationMs: Type.Integer(),
    metrics: PerTarget(MetricsSchema),
    naive: PerTarget(MetricsSchema),
    algorithms: PerTarget(Type.String()),
    activated: Type.Boolean(),
    reason: Type.String({ description: 'Why the model was (not) activated' }),
  },
  { title: 'RetrainResult', description: 'Holdout metrics: newest 20% of orders by date in' },
)

export const RunAcceptedSchema = Type.Object(
  { status: Type.Literal('running'), runId: Type.String({ format: 'uuid' }), poll: Type.String() },
  { title: 'RunAccepted' },
)

export const RunSchema = Type.Object(
  {
    id: Type.String({ format: 'uuid' }),
    status: enumOf(['running', 'completed', 'failed'] as const),
    config: ConfigSchema,
    triggeredBy: Type.String(),
    startedAt: DateTime,
    finishedAt: NullableDateTime,
    modelId: Type.Union([Type.Integer(), Type.Null()]),
    result: Type.Unknown({ description: 'The retrain response, or the error (code, message)' }),
  },
  { title: 'TrainingRun' },
)
export const RunsSchema = Type.Object({ data: Type.Array(RunSchema) })
export const RunParams = Type.Object({ id: Type.String({ format: 'uuid' }) })

const ModelSummarySchema = Type.Object(
  {
    id: Type.Integer(),
    config: ConfigSchema,
    status: enumOf(['active', 'inactive'] as const),
    statusReason: Type.Union([Type.String(), Type.Null()]),
    trainedAt: DateTime,
    activatedAt: NullableDateTime,
    samples: Type.Integer(),
    metrics: Type.Unknown({
      description: 'Per target: algorithm, holdout metrics, naive baseline, interval',
    }),
    durationMs: Type.Integer(),
    triggeredBy: Type.String(),
  },
  { title: 'ModelSummary' },
)

export const StatusSchema = Type.Object(
  {
    active: Type.Union([
      Type.Object({ ...ModelSummarySchema.properties, ageHours: Type.Number() }),
      Type.Null(),
    ]),
    models: Type.Array(ModelSummarySchema, { description: 'The registry, newest first' }),
    schedule: Type.Union([Type.Object({ expression: Type.String(), timezone: Type.String() }), Type.Null()]),
  },
  { title: 'MlStatus' },
)

const EstimateSchema = Type.Object({
  predicted: Type.Number(),
  interval: Type.Object({
    level: Type.Number({ description: 'Share of holdout orders whose actual value fell in the range' }),
    low: Type.Number(),
    high: Type.Number(),
  }),
})

export const PredictionSchema = Type.Object(
  {
    days: EstimateSchema,
    price: EstimateSchema,
    estimatedCompletion: Type.String({ description: 'YYYY-MM-DD' }),
    model: Type.Object({ id: Type.Integer(), trainedAt: DateTime }),
    asOf: Type.String({ description: 'Customer history and backlog are taken as of this shop date' }),
  },
  { title: 'Prediction' },
)

const text = (max: number) => Type.Union([Type.String({ maxLength: max }), Type.Null()])
export const PredictBody = Type.Object(
  {
    customerId: Type.Optional(id),
    dateIn: Type.Optional(day),
    dateRequired: Type.Optional(Type.Union([day, Type.Null()])),
    rush: Type.Optional(Type.Boolean({ default: false })),
    firmRush: Type.Optional(Type.Boolean({ default: false })),
    repairsNeeded: Type.Optional(Type.Boolean({ default: false })),
    isCushion: Type.Optional(Type.Boolean({ default: false })),
    storageTime: Type.Optional(StorageSchema),
    specialInstructions: Type.Optional(text(4000)),
    items: Type.Array(
      Type.Object(
        {
          description: Type.String({ minLength: 1, maxLength: 300 }),
          material: Type.Optional(text(200)),
          quantity: Type.Optional(Type.Integer({ minimum: 1, maximum: 10_000, default: 1 })),
          sizeText: Type.Optional(text(200)),
          // The item-level price model reads the condition (surcharges) and the colour (the catalog piece).
          condition: Type.Optional(text(200)),
          color: Type.Optional(text(100)),
        },
        { additionalProperties: false },
      ),
      { minItems: 1, maxItems: 200 },
    ),
  },
  { additionalProperties: false, title: 'DraftOrder' },
)

export const WorkOrderNoParams = Type.Object({ workOrderNo: id })
