import type { FastifyServerOptions } from 'fastify'
import { type DestinationStream, type LoggerOptions, stdSerializers } from 'pino'
import { redactDatabaseError } from './db/redact.js'

/** Fields that must never reach a log line, wherever they appear. */
const SECRET_KEYS = ['password', 'newPassword', 'token', 'secret', 'cookie', 'authorization', 'databaseUrl']
export const REDACT_PATHS = [
  'req.headers.authorization',
  'req.headers.cookie',
  'req.headers["x-cron-secret"]',
  'res.headers["set-cookie"]',
  'headers.authorization',
  'headers.cookie',
  'headers["x-cron-secret"]',
  ...SECRET_KEYS.flatMap((k) => [k, `*.${k}`, `*.*.${k}`]),
]

const SECRET_QUERY = /([?&](?:token|password|secret|key|signature)=)[^&]*/gi

/** The URL with secret-looking query values masked (invite tokens travel in links). */
export function redactQuery(url: string): string {
  return url.replace(SECRET_QUERY, '$1[Redacted]')
}

export function loggerOptions(level: string, stream?: DestinationStream): FastifyServerOptions['logger'] {
  const options: LoggerOptions & { stream?: DestinationStream } = {
    level,
    redact: { paths: REDACT_PATHS, censor: '[Redacted]' },
    serializers: {
      req: (req: { method: string; url: string; id: string }) => ({
        method: req.method,
        url: redactQuery(req.url),
        reqId: req.id,
      }),
      // A failed statement is logged with its text, not its parameters (customers' data).
      err: (err: unknown) => stdSerializers.err(redactDatabaseError(err) as Error),
    },
  }
  if (stream) options.stream = stream
  return options
}
