import { defineErrors, passedOn } from '../errors.js'

export const AnalyticsErrors = defineErrors('analytics', {
  invalidParameter: {
    status: 400,
    code: 'analytics.invalid_parameter',
    ...passedOn(
      'A parameter the schema allows but the calendar does not (an impossible date, an id out of range)',
    ),
  },
})
