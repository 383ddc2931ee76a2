import fp from 'fastify-plugin'
import { type CustomersService, createCustomersService } from '../services/customers.js'
import { createQueueService, type QueueService } from '../services/queue.js'
import { createSourcesService } from '../services/sources.js'
import { createWorkOrdersService, type WorkOrdersService } from '../services/work-orders.js'

declare module 'fastify' {
  interface FastifyInstance {
    sourcesService: ReturnType<typeof createSourcesService>
    customersService: CustomersService
    workOrdersService: WorkOrdersService
    queueService: QueueService
  }
}

/** The shop's business services, over the database and the change hub. */
export default fp(
  async (app) => {
    const deps = { db: app.db, changes: app.changes }
    app.decorate('sourcesService', createSourcesService(deps))
    app.decorate('customersService', createCustomersService(deps))
    app.decorate(
      'workOrdersService',
      createWorkOrdersService({
        ...deps,
        timeZone: app.config.shopTimezone,
        estimate: (order) => app.ml.predictions.estimate(order),
      }),
    )
    app.decorate('queueService', createQueueService({ ...deps, timeZone: app.config.shopTimezone }))
  },
  { name: 'services', dependencies: ['database', 'changes', 'ml'] },
)
