import fp from 'fastify-plugin'
import { createFilesRepository } from '../repositories/files.js'
import { type CustomersService, createCustomersService } from '../services/customers.js'
import { createFilesService, type FilesService } from '../services/files.js'
import { createQueueService, type QueueService } from '../services/queue.js'
import { createSourcesService } from '../services/sources.js'
import { createWorkOrdersService, type WorkOrdersService } from '../services/work-orders.js'

declare module 'fastify' {
  interface FastifyInstance {
    sourcesService: ReturnType<typeof createSourcesService>
    customersService: CustomersService
    workOrdersService: WorkOrdersService
    queueService: QueueService
    filesService: FilesService
  }
}

/** The shop's business services, over the database and the change hub. */
export default fp(
  async (app) => {
    const deps = { db: app.db, changes: app.changes }
    const countMatches = app.analytics.countMatches
    const filesService = createFilesService({
      ...deps,
      storage: app.storage,
      maxUploadBytes: app.config.files.maxUploadBytes,
      downloadUrlTtlS: app.config.files.downloadUrlTtlS,
      log: app.log.child({ module: 'files' }),
    })
    const filesRepo = createFilesRepository(app.db)
    app.decorate('filesService', filesService)
    app.decorate('sourcesService', createSourcesService(deps))
    app.decorate('customersService', createCustomersService({ ...deps, countMatches }))
    app.decorate(
      'workOrdersService',
      createWorkOrdersService({
        ...deps,
        timeZone: app.config.shopTimezone,
        countMatches,
        estimate: (order, opts) => app.ml.predictions.estimate(order, opts),
        files: { keysOf: filesRepo.keysOf, removeObjects: filesService.removeObjects },
      }),
    )
    app.decorate('queueService', createQueueService({ ...deps, timeZone: app.config.shopTimezone }))
  },
  { name: 'services', dependencies: ['database', 'changes', 'ml', 'storage', 'analytics'] },
)
