import { defineErrors, passedOn } from '../errors.js'

export const AnalyticsErrors = defineErrors('analytics', {
  invalidParameter: passedOn(
    400,
    'analytics.invalid_parameter',
    'A parameter the schema allows but the calendar does not (an impossible date, an id out of range)',
  ),
})
