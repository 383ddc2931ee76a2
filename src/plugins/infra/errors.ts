import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify'
import fp from 'fastify-plugin'
import { isConnectionError } from '../../db/errors.js'
import { AppError, HttpErrors } from '../../errors.js'
import { FileErrors } from '../../services/files.errors.js'

/** Fastify's own client errors, mapped to our stable codes. */
const FASTIFY_CODES: Record<string, string> = {
  FST_ERR_VALIDATION: HttpErrors.validation.code,
  FST_ERR_CTP_BODY_TOO_LARGE: HttpErrors.bodyTooLarge.code,
  FST_ERR_CTP_INVALID_MEDIA_TYPE: HttpErrors.unsupportedMediaType.code,
  FST_ERR_CTP_INVALID_CONTENT_LENGTH: HttpErrors.validation.code,
  FST_ERR_CTP_EMPTY_JSON_BODY: HttpErrors.invalidJson.code,
  FST_ERR_CTP_INVALID_JSON_BODY: HttpErrors.invalidJson.code,
  // @fastify/multipart (attachments)
  FST_INVALID_MULTIPART_CONTENT_TYPE: HttpErrors.unsupportedMediaType.code,
  FST_REQ_FILE_TOO_LARGE: FileErrors.tooLarge.code,
  FST_FILES_LIMIT: FileErrors.tooManyParts.code,
  FST_PARTS_LIMIT: FileErrors.tooManyParts.code,
  FST_FIELDS_LIMIT: FileErrors.tooManyParts.code,
  FST_PROTO_VIOLATION: HttpErrors.badRequest.code,
}

function send(
  reply: FastifyReply,
  request: FastifyRequest,
  statusCode: number,
  code: string,
  message: string,
  headers: Record<string, string> = {},
) {
  const error =
    reply.raw.statusMessage && statusCode === reply.statusCode ? reply.raw.statusMessage : undefined
  return reply
    .code(statusCode)
    .headers(headers)
    .send({ statusCode, code, error: error ?? httpReason(statusCode), message, requestId: request.id })
}

function httpReason(statusCode: number): string {
  return (
    {
      400: 'Bad Request',
      401: 'Unauthorized',
      403: 'Forbidden',
      404: 'Not Found',
      405: 'Method Not Allowed',
      409: 'Conflict',
      413: 'Payload Too Large',
      415: 'Unsupported Media Type',
      422: 'Unprocessable Entity',
      423: 'Locked',
      429: 'Too Many Requests',
      500: 'Internal Server Error',
      503: 'Service Unavailable',
    }[statusCode] ?? (statusCode >= 500 ? 'Internal Server Error' : 'Bad Request')
  )
}

/**
 * The one error handler: 4xx bodies carry a stable code and a clear message; database outages are
 * 503 + Retry-After; any other 5xx says only "Internal Server Error" while the log keeps the detail.
 */
export default fp(
  async (app) => {
    app.setErrorHandler((err: FastifyError | AppError, request, reply) => {
      if (err instanceof AppError) {
        if (err.statusCode >= 500) request.log.error({ err }, err.message)
        return send(reply, request, err.statusCode, err.code, err.message, err.headers)
      }
      if (isConnectionError(err)) {
        request.log.warn({ err: { message: err.message, code: err.code } }, 'database unavailable')
        const unavailable = HttpErrors.databaseUnavailable()
        return send(reply, request, 503, unavailable.code, unavailable.message, unavailable.headers)
      }
      const status = err.statusCode ?? 500
      if (status >= 400 && status < 500) {
        const code =
          FASTIFY_CODES[err.code] ??
          (err instanceof SyntaxError ? HttpErrors.invalidJson.code : HttpErrors.badRequest.code)
        return send(reply, request, status, code, err.message)
      }
      request.log.error({ err }, 'unhandled error')
      const internal = HttpErrors.internal()
      return send(reply, request, 500, internal.code, internal.message)
    })

    app.setNotFoundHandler((request, reply) => {
      const { code, message } = HttpErrors.routeNotFound(request.method, request.url.split('?')[0] ?? '')
      return send(reply, request, 404, code, message)
    })
  },
  { name: 'errors' },
)
