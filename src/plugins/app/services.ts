import fp from 'fastify-plugin'
import { resolveSecretKeys } from '../../auth/secret-key.js'
import { createTokenDigester, createValueSigner } from '../../auth/tokens.js'
import { shopToday } from '../../domain/shop-date.js'
import { createOwnerFilesRepository } from '../../repositories/files.js'
import { type AccountService, createAccountService } from '../../services/account.js'
import { type AnalyticsService, createAnalyticsService } from '../../services/analytics.js'
import { type AuthService, createAuthService } from '../../services/auth.js'
import { type CatalogService, createCatalogService } from '../../services/catalog.js'
import { type CheckInsService, createCheckInsService } from '../../services/check-ins.js'
import { type CsvService, createCsvService } from '../../services/csv.js'
import { type CustomersService, createCustomersService } from '../../services/customers.js'
import { createFilesService, type FilesService } from '../../services/files.js'
import { createHealthService, type HealthService } from '../../services/health.js'
import { createMailService, type MailService } from '../../services/mail.js'
import { ACTIVATION_CHANNEL, createMlService, type MlService } from '../../services/ml.js'
import { createPredictionService } from '../../services/ml-predictions.js'
import { createSnapshotService } from '../../services/ml-snapshots.js'
import { createTrainingService } from '../../services/ml-training.js'
import { createPrintingService, type PrintingService } from '../../services/printing.js'
import { createQueueService, type QueueService } from '../../services/queue.js'
import { createRepairOrdersService, type RepairOrdersService } from '../../services/repair-orders.js'
import { createSourcesService, type SourcesService } from '../../services/sources.js'
import { createUsersService, type UsersService } from '../../services/users.js'
import {
  createWorkOrderDraftsService,
  type WorkOrderDraftsService,
} from '../../services/work-order-drafts.js'
import { createWorkOrdersService, type WorkOrdersService } from '../../services/work-orders.js'
import { version } from '../../version.js'

declare module 'fastify' {
  interface FastifyInstance {
    authService: AuthService
    accountService: AccountService
    /** A customer's item catalog edited by hand (the customer hub). */
    catalogService: CatalogService
    workOrderDraftsService: WorkOrderDraftsService
    usersService: UsersService
    sourcesService: SourcesService
    customersService: CustomersService
    workOrdersService: WorkOrdersService
    /** Items dropped off at the counter, converted into work orders (docs/CHECK-INS.md). */
    checkInsService: CheckInsService
    /** Repair orders (docs/REPAIR-ORDERS.md); `detail` is what the repair order PDF reads. */
    repairOrdersService: RepairOrdersService
    queueService: QueueService
    filesService: FilesService
    /** Printed orders: work order PDFs, one or many (docs/PRINTING.md). */
    printingService: PrintingService
    analyticsService: AnalyticsService
    csvService: CsvService
    healthService: HealthService
    /** E-mail to customers: the outbox, reminders, opt-out (its worker runs in plugins/app/mail.ts). */
    mailService: MailService
    mlService: MlService
    /** The same object as `mlService`, under the name it had before every service was built here. */
    ml: MlService
  }
}

/**
 * The one place the application's services are built, over the database, the change hub, the caches,
 * file storage and the configuration, and handed to the routes as `app.<name>Service`. Routes reach
 * nothing else of the data layer (test/architecture.test.ts).
 */
export default fp(
  async (app) => {
    const { config, db, database, changes } = app
    const deps = { db, changes }
    const secretKeys = resolveSecretKeys(config)
    const digester = createTokenDigester(secretKeys)
    const timeouts = { idleS: config.auth.sessionIdleS, maxAgeS: config.auth.sessionMaxAgeS }
    const countMatches = app.analytics.countMatches
    const mlLog = app.log.child({ module: 'ml' })

    const predictions = createPredictionService({
      db,
      timeZone: config.shopTimezone,
      log: mlLog,
      onCreatedEstimate: (workOrderId, result) => snapshots.recordCreated(workOrderId, result),
    })
    // Every prediction recorded: nightly for open orders, and the one shown when an order is created.
    const snapshots = createSnapshotService({
      db,
      predictions,
      today: () => shopToday(config.shopTimezone),
      driftRatio: config.ml.driftRatio,
      log: mlLog,
      cached: async (endpoint, params, compute) =>
        (await app.analytics.cached(endpoint, params, compute)).value,
      changes,
    })
    const training = createTrainingService({
      database,
      settings: {
        timeoutMs: config.ml.trainTimeoutMs,
        minSamples: config.ml.minSamples,
        maxRegression: config.ml.maxRegression,
        retrainLog: config.ml.retrainLog,
      },
      log: mlLog,
      async onActivated(modelId) {
        predictions.invalidate()
        await database.notify(ACTIVATION_CHANNEL, String(modelId)).catch((err: Error) => {
          app.log.warn(
            { err: { message: err.message } },
            'could not announce the new model to other instances',
          )
        })
      },
    })
    const ml = createMlService({ training, predictions, snapshots, schedule: config.ml.schedule })
    const files = createFilesService({
      ...deps,
      storage: app.storage,
      maxUploadBytes: config.files.maxUploadBytes,
      downloadUrlTtlS: config.files.downloadUrlTtlS,
      log: app.log.child({ module: 'files' }),
    })
    const filesRepo = createOwnerFilesRepository(db, 'work_order')
    const mail = createMailService({
      ...deps,
      signer: createValueSigner(secretKeys),
      // One line of address on an e-mail; the PDF's header keeps the lines.
      shop: {
        name: config.shop.name,
        address: config.shop.addressLines.join(', ') || undefined,
        phone: config.shop.phone ?? undefined,
      },
      publicUrl: config.mail.publicUrl,
      timeZone: config.shopTimezone,
    })

    app.decorate('authService', createAuthService({ db, digester, timeouts }))
    app.decorate('usersService', createUsersService({ db, digester, timeouts }))
    app.decorate('accountService', createAccountService({ db }))
    app.decorate('catalogService', createCatalogService(deps))
    app.decorate('workOrderDraftsService', createWorkOrderDraftsService({ db }))
    app.decorate('sourcesService', createSourcesService(deps))
    app.decorate('customersService', createCustomersService({ ...deps, countMatches }))
    app.decorate(
      'workOrdersService',
      createWorkOrdersService({
        ...deps,
        timeZone: config.shopTimezone,
        countMatches,
        estimate: (order, opts) => predictions.estimate(order, opts),
        files: { keysOf: filesRepo.keysOf, removeObjects: files.removeObjects },
        onStatusChanged: mail.onStatusChanged,
      }),
    )
    app.decorate(
      'checkInsService',
      createCheckInsService({ ...deps, timeZone: config.shopTimezone, countMatches }),
    )
    const repairFiles = createOwnerFilesRepository(db, 'repair_order')
    app.decorate(
      'repairOrdersService',
      createRepairOrdersService({
        ...deps,
        timeZone: config.shopTimezone,
        countMatches,
        files: { keysOf: repairFiles.keysOf, removeObjects: files.removeObjects },
      }),
    )
    app.decorate('queueService', createQueueService({ ...deps, timeZone: config.shopTimezone }))
    app.decorate('filesService', files)
    app.decorate(
      'printingService',
      createPrintingService({ db, shop: config.shop, log: app.log.child({ module: 'printing' }) }),
    )
    app.decorate(
      'analyticsService',
      createAnalyticsService({ queries: app.analytics, timeZone: config.shopTimezone }),
    )
    app.decorate('csvService', createCsvService(deps))
    app.decorate(
      'healthService',
      createHealthService({ database, replicaStatus: () => app.analytics.replicaStatus(), version }),
    )
    app.decorate('mailService', mail)
    app.decorate('mlService', ml)
    app.decorate('ml', ml)
  },
  { name: 'services', dependencies: ['config', 'database', 'changes', 'storage', 'analytics'] },
)
