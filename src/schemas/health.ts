import { Type } from 'typebox'

export const HealthResponse = Type.Object(
  {
    status: Type.Union([Type.Literal('healthy'), Type.Literal('unhealthy')]),
    database: Type.Union([Type.Literal('connected'), Type.Literal('disconnected')]),
    timestamp: Type.String({ format: 'date-time' }),
    version: Type.String(),
    uptimeSeconds: Type.Number(),
  },
  { title: 'Health' },
)
