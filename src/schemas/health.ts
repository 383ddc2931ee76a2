import { Type } from 'typebox'

export const HealthResponse = Type.Object(
  {
    status: Type.Union([Type.Literal('healthy'), Type.Literal('unhealthy')]),
    database: Type.Union([Type.Literal('connected'), Type.Literal('disconnected')]),
    timestamp: Type.String({ format: 'date-time' }),
    version: Type.String(),
    uptimeSeconds: Type.Number(),
    analyticsReplica: Type.Optional(
      Type.Union([Type.Literal('connected'), Type.Literal('unavailable')], {
        description:
          'Only when ANALYTICS_DATABASE_URL is set; analytics fall back to the primary while unavailable',
      }),
    ),
  },
  { title: 'Health' },
)
