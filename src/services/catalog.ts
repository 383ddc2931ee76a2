import { isForeignKeyViolation, isUniqueViolation } from '../db/constraint-errors.js'
import { parseSquareFeet } from '../domain/square-feet.js'
import { createCatalogRepository } from '../repositories/catalog.js'
import { CatalogErrors } from './catalog.errors.js'
import { CustomerErrors } from './customers.errors.js'
import { auditedWrite, type WriteContext, type WriteDeps } from './write-context.js'

/** What a person types for a catalog piece; square feet follow from the size text, as on order items. */
export interface CatalogInput {
  description: string
  material: string | null
  color: string | null
  sizeText: string | null
  condition: string | null
  lastPrice: number | null
  quantity: number
}

/**
 * A customer's item catalog ("the pieces the shop keeps cleaning"), edited by hand on the customer hub.
 * Orders keep feeding it on their own (services/work-orders.ts); a deleted piece leaves the orders' items
 * as they are (their link to it is set null).
 */
export function createCatalogService(deps: WriteDeps) {
  const repo = createCatalogRepository(deps.db)
  const values = (input: CatalogInput) => ({ ...input, squareFeet: parseSquareFeet(input.sizeText) })

  async function guard<T>(work: () => Promise<T>): Promise<T> {
    try {
      return await work()
    } catch (err) {
      if (isUniqueViolation(err)) throw CatalogErrors.duplicate()
      if (isForeignKeyViolation(err)) throw CustomerErrors.notFound()
      throw err
    }
  }

  return {
    list: (customerId: number) => repo.list(customerId),

    async get(customerId: number, itemId: number) {
      const item = await repo.get(customerId, itemId)
      if (!item) throw CatalogErrors.notFound()
      return item
    },

    add: (ctx: WriteContext, customerId: number, input: CatalogInput) =>
      guard(() =>
        auditedWrite(deps, ctx, async (tx) => {
          const item = await repo.create(customerId, values(input), tx)
          return {
            result: item,
            audit: {
              action: 'catalog_item.created',
              entity: 'catalog_item',
              entityId: item.id,
              summary: { customerId, description: item.description },
            },
            change: { entity: 'catalog_item', action: 'created', ids: [item.id] },
          }
        }),
      ),

    update: (ctx: WriteContext, customerId: number, itemId: number, input: CatalogInput) =>
      guard(() =>
        auditedWrite(deps, ctx, async (tx) => {
          const item = await repo.update(customerId, itemId, values(input), tx)
          if (!item) throw CatalogErrors.notFound()
          return {
            result: item,
            audit: {
              action: 'catalog_item.updated',
              entity: 'catalog_item',
              entityId: itemId,
              summary: { customerId, changes: Object.keys(input) },
            },
            change: { entity: 'catalog_item', action: 'updated', ids: [itemId] },
          }
        }),
      ),

    remove: (ctx: WriteContext, customerId: number, itemId: number) =>
      auditedWrite(deps, ctx, async (tx) => {
        const item = await repo.remove(customerId, itemId, tx)
        if (!item) throw CatalogErrors.notFound()
        return {
          result: undefined,
          audit: {
            action: 'catalog_item.deleted',
            entity: 'catalog_item',
            entityId: itemId,
            summary: { customerId, description: item.description },
          },
          change: { entity: 'catalog_item', action: 'deleted', ids: [itemId] },
        }
      }),
  }
}

export type CatalogService = ReturnType<typeof createCatalogService>
