import type { Db } from '../db/index.js'
import { shopToday } from '../domain/shop-date.js'
import type { WorkOrderStatus } from '../models/index.js'
import { createItemsRepository } from '../repositories/items.js'
import type { CountMatches } from '../repositories/list-query.js'
import { createWorkOrdersRepository, type WorkOrdersRepository } from '../repositories/work-orders.js'
import { WorkOrderErrors } from './work-orders.errors.js'
import type { WriteDeps } from './write-context.js'

/** What the model says about an open order (null fields when there is no model or the order is closed). */
export interface OrderEstimate {
  estimatedCompletion: string | null
  predictedPrice: number | null
}
export type DetailRow = NonNullable<Awaited<ReturnType<WorkOrdersRepository['detailByNumber']>>>
/** `created`: the order was just entered (the prediction shown then is recorded). */
export type Estimator = (order: DetailRow, opts?: { created?: boolean }) => Promise<OrderEstimate>

/** The order's attachments: keys read in the delete's transaction, objects removed after it commits. */
export interface OrderFiles {
  keysOf(workOrderId: number, tx: Db): Promise<string[]>
  removeObjects(keys: string[]): Promise<void>
}

export type WorkOrdersDeps = WriteDeps & {
  timeZone: string
  estimate?: Estimator
  files?: OrderFiles
  /**
   * Runs inside a status change's transaction after the order is updated: the outbox writes the
   * customer's "ready" message here, so it exists exactly when the change commits.
   */
  onStatusChanged?: (workOrderId: number, to: WorkOrderStatus, tx: Db) => Promise<void>
  /** Answers list totals from a cache cleared on every write (else every page counts its matches). */
  countMatches?: CountMatches
}

/** What every work-order operation works with: its dependencies, the repositories, the shop's today. */
export function orderContext(deps: WorkOrdersDeps) {
  const repo = createWorkOrdersRepository(deps.db)
  return {
    deps,
    repo,
    items: createItemsRepository(deps.db),
    today: () => shopToday(deps.timeZone),
    /** Locks the order for the rest of the transaction (status changes and item edits serialize). */
    async lockOrder(no: number, tx: Db) {
      const order = await repo.lockByNumber(no, tx)
      if (!order) throw WorkOrderErrors.notFound(no)
      return order
    },
  }
}
export type OrderContext = ReturnType<typeof orderContext>
