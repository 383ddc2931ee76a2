import { randomUUID } from 'node:crypto'
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox'
import Fastify, { type FastifyServerOptions, LogController } from 'fastify'
import type { Config } from './config.js'
import type { Database } from './db/index.js'
import { loggerOptions } from './logger.js'
import analyticsPlugin from './plugins/analytics.js'
import authPlugin from './plugins/auth.js'
import changesPlugin from './plugins/changes.js'
import configPlugin from './plugins/config.js'
import databasePlugin from './plugins/database.js'
import demoDataPlugin from './plugins/demo-data.js'
import errorsPlugin from './plugins/errors.js'
import firstAdminPlugin from './plugins/first-admin.js'
import gracefulClosePlugin from './plugins/graceful-close.js'
import mlPlugin from './plugins/ml.js'
import openapiPlugin from './plugins/openapi.js'
import rateLimitPlugin from './plugins/rate-limit.js'
import requestLogPlugin from './plugins/request-log.js'
import securityPlugin from './plugins/security.js'
import servicesPlugin from './plugins/services.js'
import storagePlugin from './plugins/storage.js'
import analyticsRoutes from './routes/analytics.js'
import authRoutes from './routes/auth.js'
import csvRoutes from './routes/csv.js'
import customerRoutes from './routes/customers.js'
import fileRoutes from './routes/files.js'
import healthRoutes from './routes/health.js'
import mlRoutes from './routes/ml.js'
import queueRoutes from './routes/queue.js'
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

  await app.register(configPlugin, { config })
  await app.register(errorsPlugin)
  await app.register(gracefulClosePlugin)
  await app.register(requestLogPlugin)
  await app.register(securityPlugin)
  await app.register(databasePlugin, database ? { database } : {})
  // Before any route: every route, the docs' included, must pass its access check.
  await app.register(authPlugin)
  await app.register(rateLimitPlugin)
  await app.register(firstAdminPlugin)
  await app.register(changesPlugin)
  await app.register(mlPlugin)
  await app.register(storagePlugin, storage ? { storage } : {})
  // Before the services: list totals are cached beside the analytics, with the same invalidation.
  await app.register(analyticsPlugin)
  await app.register(servicesPlugin)
  await app.register(demoDataPlugin)
  await app.register(openapiPlugin)

  await app.register(healthRoutes)
  await app.register(authRoutes)
  await app.register(userRoutes)
  await app.register(sourceRoutes)
  await app.register(customerRoutes)
  await app.register(workOrderRoutes)
  await app.register(queueRoutes)
  await app.register(csvRoutes)
  await app.register(analyticsRoutes)
  await app.register(mlRoutes)
  await app.register(fileRoutes)
  await app.register(webPages)

  return app
}

export type App = Awaited<ReturnType<typeof buildApp>>
