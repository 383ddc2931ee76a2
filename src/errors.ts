/**
 * Client errors carry a stable machine-readable code; the message is for people.
 * Add new codes here so they are documented in one place.
 */
export const ErrorCodes = {
  validation: 'validation_failed',
  notFound: 'not_found',
  routeNotFound: 'route_not_found',
  invalidJson: 'invalid_json',
  bodyTooLarge: 'body_too_large',
  unsupportedMediaType: 'unsupported_media_type',
  methodNotAllowed: 'method_not_allowed',
  databaseUnavailable: 'database_unavailable',
  shuttingDown: 'shutting_down',
  internal: 'internal_error',
} as const

export type ErrorCode = (typeof ErrorCodes)[keyof typeof ErrorCodes] | (string & {})

export class AppError extends Error {
  override name = 'AppError'
  constructor(
    readonly statusCode: number,
    readonly code: ErrorCode,
    message: string,
    readonly headers: Record<string, string> = {},
  ) {
    super(message)
  }
}
