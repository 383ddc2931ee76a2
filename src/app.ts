import { randomUUID } from 'node:crypto'
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox'
import Fastify, { type FastifyServerOptions, LogController } from 'fastify'
import type { Config } from './config.js'
import type { Database } from './db/index.js'
import { loggerOptions } from './logger.js'
import accessPlugin from './plugins/app/access.js'
import analyticsPlugin from './plugins/app/analytics.js'
import changesPlugin from './plugins/app/changes.js'
import demoDataPlugin from './plugins/app/demo-data.js'
import firstAdminPlugin from './plugins/app/first-admin.js'
import mailPlugin from './plugins/app/mail.js'
import mlSchedulePlugin from './plugins/app/ml-schedule.js'
import servicesPlugin from './plugins/app/services.js'
import configPlugin from './plugins/infra/config.js'
import databasePlugin from './plugins/infra/database.js'
import errorsPlugin from './plugins/infra/errors.js'
import gracefulClosePlugin from './plugins/infra/graceful-close.js'
import openapiPlugin from './plugins/infra/openapi.js'
import rateLimitPlugin from './plugins/infra/rate-limit.js'
import requestLogPlugin from './plugins/infra/request-log.js'
import securityPlugin from './plugins/infra/security.js'
import storagePlugin from './plugins/infra/storage.js'
import analyticsRoutes from './routes/analytics.js'
import authRoutes from './routes/auth.js'
import checkInRoutes from './routes/check-ins.js'
import csvRoutes from './routes/csv.js'
import customerRoutes from './routes/customers.js'
import fileRoutes from './routes/files.js'
import healthRoutes from './routes/health.js'
import mailRoutes from './routes/mail.js'
import mlRoutes from './routes/ml.js'
import printingRoutes from './routes/printing.js'
import queueRoutes from './routes/queue.js'
import repairOrderRoutes from './routes/repair-orders.js'
import sourceRoutes from './routes/sources.js'
import userRoutes from './routes/users.js'
import workOrderRoutes from './routes/work-orders.js'
import type { FileStorage } from './storage/index.js'
import { buildValidator } from './validation.js'
import webPages from './web/index.js'

export interface BuildAppOptions {
  config: Config
  /** Logger options or stream override (tests capture log lines this way). */
  logger?: FastifyServerOptions['logger']
  /** An already-open database to use instead of opening one from config. */
  database?: Database
  /** File storage to use instead of the configured one. */
  storage?: FileStorage
}

const REQUEST_ID = /^[\w.:=-]{1,128}$/

/** Builds the whole application. Never listens: src/server.ts does, and tests use inject or supertest. */
export async function buildApp({ config, logger, database, storage }: BuildAppOptions) {
  const app = Fastify({
    logger: logger ?? loggerOptions(config.logLevel),
    // One line per request comes from plugins/request-log.ts instead of Fastify's two.
    logController: new LogController({ disableRequestLogging: true }),
    trustProxy: config.trustProxy.length ? config.trustProxy : false,
    bodyLimit: config.bodyLimitBytes,
    requestTimeout: config.requestTimeoutMs,
    // Longer than the load balancer's 60 s idle timeout, so it never reuses a socket we just closed.
    keepAliveTimeout: 65_000,
    return503OnClosing: true,
    requestIdHeader: false, // genReqId reads x-request-id itself, so a hostile value is replaced
    genReqId: (req) => {
      const given = req.headers['x-request-id']
      return typeof given === 'string' && REQUEST_ID.test(given) ? given : randomUUID()
    },
    // Bodies are not coerced; path and query numbers are plain digits; no NUL or lone surrogate anywhere.
    schemaController: { compilersFactory: { buildValidator } },
  }).withTypeProvider<TypeBoxTypeProvider>()

  // Infrastructure: what any Fastify service has (src/plugins/infra).
  await app.register(configPlugin, { config })
  await app.register(errorsPlugin)
  await app.register(gracefulClosePlugin)
  await app.register(requestLogPlugin)
  await app.register(securityPlugin)
  await app.register(databasePlugin, database ? { database } : {})
  await app.register(storagePlugin, storage ? { storage } : {})

  // The application (src/plugins/app): the change hub, the analytics cache (list totals are cached
  // beside it), every service, then who may call what, the ML schedule, the e-mail outbox's worker and
  // start-up data.
  await app.register(changesPlugin)
  await app.register(analyticsPlugin)
  await app.register(servicesPlugin)
  // Before any route: every route, the docs' included, must pass its access check.
  await app.register(accessPlugin)
  await app.register(mlSchedulePlugin)
  await app.register(mailPlugin)
  await app.register(firstAdminPlugin)
  await app.register(demoDataPlugin)

  // Infrastructure that works per route, so after the access rules: rate limits and the OpenAPI document.
  await app.register(rateLimitPlugin)
  await app.register(openapiPlugin)

  // Routes: each touches only `app.<name>Service`.
  await app.register(healthRoutes)
  await app.register(authRoutes)
  await app.register(userRoutes)
  await app.register(sourceRoutes)
  await app.register(customerRoutes)
  await app.register(workOrderRoutes)
  await app.register(checkInRoutes)
  await app.register(repairOrderRoutes)
  await app.register(queueRoutes)
  await app.register(csvRoutes)
  await app.register(analyticsRoutes)
  await app.register(mlRoutes)
  await app.register(fileRoutes)
  await app.register(printingRoutes)
  await app.register(mailRoutes)
  await app.register(webPages)

  return app
}

export type App = Awaited<ReturnType<typeof buildApp>>
