import fp from 'fastify-plugin'
import { NotEmptyError, seedEmptyDatabase } from '../../seed/seed-empty.js'

/**
 * SEED_DEMO=1 on the embedded database: a new user gets a shop with history to look at. Runs in the
 * background after start; never on a server database, and never over existing work orders.
 */
export default fp(
  async (app) => {
    if (!app.config.seedDemo) return
    app.addHook('onReady', async () => {
      if (app.database.kind !== 'embedded') {
        app.log.warn(
          'SEED_DEMO applies to the embedded database only; use `npm run seed` deliberately elsewhere',
        )
        return
      }
      seedEmptyDatabase(app.db, { customers: 500, workOrders: 3000, seed: 1 })
        .then((counts) => app.log.info({ counts }, 'demo data loaded'))
        .catch((err: Error) => {
          if (err instanceof NotEmptyError)
            app.log.info('demo data skipped: the database already has work orders')
          else app.log.warn({ err: { message: err.message } }, 'demo data could not be loaded')
        })
    })
  },
  { name: 'demo-data', dependencies: ['database'] },
)
