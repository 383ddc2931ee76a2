import type { Db } from '../db/index.js'
import { shopToday } from '../domain/shop-date.js'
import { createItemsRepository } from '../repositories/items.js'
import type { CountMatches } from '../repositories/list-query.js'
import { createRepairOrderItemsRepository } from '../repositories/repair-order-items.js'
import { createRepairOrdersRepository } from '../repositories/repair-orders.js'
import { createWorkOrdersRepository } from '../repositories/work-orders.js'
import { RepairOrderErrors } from './repair-orders.errors.js'
import type { OrderFiles } from './work-order-context.js'
import type { WriteDeps } from './write-context.js'

export type RepairOrdersDeps = WriteDeps & {
  timeZone: string
  /** The repair order's attachments: keys read in the delete's transaction, objects removed after. */
  files?: OrderFiles
  countMatches?: CountMatches
}

/** What every repair-order operation works with: the repositories, the shop's today, the row lock. */
export function repairOrderContext(deps: RepairOrdersDeps) {
  const repo = createRepairOrdersRepository(deps.db)
  return {
    deps,
    repo,
    /** The catalog (shared with work orders): picking an item and feeding the catalog with a typed one. */
    items: createItemsRepository(deps.db),
    repairItems: createRepairOrderItemsRepository(deps.db),
    workOrders: createWorkOrdersRepository(deps.db),
    today: () => shopToday(deps.timeZone),
    async lockOrder(no: number, tx: Db) {
      const order = await repo.lockByNumber(no, tx)
      if (!order) throw RepairOrderErrors.notFound(no)
      return order
    },
  }
}
export type RepairOrderContext = ReturnType<typeof repairOrderContext>
