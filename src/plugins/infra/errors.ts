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

/** What a client is told about an error, and how loudly it is logged: shared by the API and the pages. */
export interface ClientError {
  status: number
  code: string
  message: string
  headers?: Record<string, string> | undefined
  /** Logged at error with the whole error (5xx), at warn without its detail (outages), or not at all. */
  log?: 'error' | 'warn'
}

/**
 * Every thrown error mapped once: 4xx carry a stable code and a clear message; database outages are
 * 503 + Retry-After; any other 5xx says only "Internal Server Error" while the log keeps the detail.
 */
export function toClientError(err: FastifyError | AppError): ClientError {
  if (err instanceof AppError) {
    const base = { status: err.statusCode, code: err.code, message: err.message, headers: err.headers }
    return err.statusCode >= 500 ? { ...base, log: 'error' } : base
  }
  if (isConnectionError(err)) {
    const unavailable = HttpErrors.databaseUnavailable()
    const { code, message, headers } = unavailable
    return { status: 503, code, message, headers, log: 'warn' }
  }
  const status = err.statusCode ?? 500
  if (status >= 400 && status < 500) {
    const code =
      FASTIFY_CODES[err.code] ??
      (err instanceof SyntaxError ? HttpErrors.invalidJson.code : HttpErrors.badRequest.code)
    return { status, code, message: err.message }
  }
  const internal = HttpErrors.internal()
  return { status: 500, code: internal.code, message: internal.message, log: 'error' }
}

/** Logs an error as toClientError decided: outages without their detail, 5xx whole. */
export function logClientError(request: FastifyRequest, err: FastifyError | AppError, mapped: ClientError) {
  if (mapped.log === 'warn')
    request.log.warn({ err: { message: err.message, code: err.code } }, 'database unavailable')
  else if (mapped.log === 'error')
    request.log.error({ err }, err instanceof AppError ? err.message : 'unhandled error')
}

/** The API's one error handler: the JSON body of toClientError's answer. */
export default fp(
  async (app) => {
    app.setErrorHandler((err: FastifyError | AppError, request, reply) => {
      const mapped = toClientError(err)
      logClientError(request, err, mapped)
      return send(reply, request, mapped.status, mapped.code, mapped.message, mapped.headers)
    })

    app.setNotFoundHandler((request, reply) => {
      const { code, message } = HttpErrors.routeNotFound(request.method, request.url.split('?')[0] ?? '')
      return send(reply, request, 404, code, message)
    })
  },
  { name: 'errors' },
)
