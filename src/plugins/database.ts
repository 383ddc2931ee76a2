import fp from 'fastify-plugin'
import { type Database, type Db, openDatabase } from '../db/index.js'
import { createMigrator } from '../db/migrator.js'

declare module 'fastify' {
  interface FastifyInstance {
    /** The database connection (pool or embedded), with ping and raw sessions. */
    database: Database
    /** The Drizzle query builder over it. */
    db: Db
  }
}

export interface DatabasePluginOptions {
  /** Use this database instead of opening one from config; the caller then owns closing it. */
  database?: Database
}

/** Opens the configured database, migrates it when MIGRATE_ON_START says so, and closes it last. */
export default fp<DatabasePluginOptions>(
  async (app, opts) => {
    const owned = !opts.database
    const database = opts.database ?? (await openDatabase(app.config.database, app.log))
    app.log.info({ database: database.description }, 'database opened')
    if (owned) {
      app.addHook('onClose', async () => {
        await database.close()
        app.log.info('database closed')
      })
    }
    if (app.config.migrateOnStart) {
      const migrator = createMigrator(database, {
        info: (msg) => app.log.info(msg),
        warn: (msg) => app.log.warn(msg),
      })
      const applied = await migrator.upgrade()
      if (applied.length) app.log.info({ applied }, 'migrations applied')
    }
    app.decorate('database', database)
    app.decorate('db', database.db)
  },
  { name: 'database', dependencies: ['config'] },
)
