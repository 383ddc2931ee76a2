import fp from 'fastify-plugin'
import type { Database, Db } from '../../db/index.js'
import { openAndMigrate } from '../../db/startup.js'

declare module 'fastify' {
  interface FastifyInstance {
    /** The database connection (pool or embedded), with ping and raw sessions. */
    database: Database
    /** The Drizzle query builder over it. */
    db: Db
  }
}

export interface DatabasePluginOptions {
  /** Use this database, opened and migrated by the caller (src/server.ts, tests), who then owns closing it. */
  database?: Database
}

/**
 * Uses the database it is given, or opens the configured one (migrating it when MIGRATE_ON_START says so)
 * and closes it last. The server opens it before building the app, so that Fastify's plugin timeout never
 * decides whether a slow first start of the embedded database succeeds.
 */
export default fp<DatabasePluginOptions>(
  async (app, opts) => {
    let database = opts.database
    if (!database) {
      const opened = await openAndMigrate(app.config, app.log)
      app.addHook('onClose', async () => {
        await opened.close()
        app.log.info('database closed')
      })
      database = opened
    }
    app.decorate('database', database)
    app.decorate('db', database.db)
  },
  { name: 'database', dependencies: ['config'] },
)
