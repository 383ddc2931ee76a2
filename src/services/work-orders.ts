import { isForeignKeyViolation } from '../db/constraint-errors.js'
import type { Db } from '../db/index.js'
import { shopToday } from '../domain/shop-date.js'
import { parseSquareFeet, storedSizeWarning } from '../domain/square-feet.js'
import { planTransition } from '../domain/work-order-status.js'
import { AppError } from '../errors.js'
import type { NewWorkOrder, Role, WorkOrderStatus } from '../models/index.js'
import { createItemsRepository, type ItemFields } from '../repositories/items.js'
import type { CountMatches, ListParams } from '../repositories/list-query.js'
import { createWorkOrdersRepository } from '../repositories/work-orders.js'
import { auditedWrite, type WriteContext, type WriteDeps } from './write-context.js'

export interface ItemInput {
  catalogItemId?: number | undefined
  description?: string | undefined
  material?: string | null | undefined
  quantity?: number | undefined
  condition?: string | null | undefined
  color?: string | null | undefined
  sizeText?: string | null | undefined
  unitPrice?: number | null | undefined
}

export type WorkOrderFields = Omit<
  NewWorkOrder,
  | 'id'
  | 'workOrderNo'
  | 'status'
  | 'queuePosition'
  | 'createdAt'
  | 'updatedAt'
  | 'dateCleaned'
  | 'dateTreated'
  | 'datePackaged'
  | 'dateCompleted'
>

export interface StatusContext extends WriteContext {
  role: Role
}

/** A customer or ship-to source that does not exist is the client's mistake: 400, not 500. */
async function guardReferences<T>(work: () => Promise<T>): Promise<T> {
  try {
    return await work()
  } catch (err) {
    if (isForeignKeyViolation(err)) {
      throw new AppError(400, 'work_order.unknown_reference', 'customerId or shipToSourceId does not exist')
    }
    throw err
  }
}

const notFound = (no: number) => new AppError(404, 'work_order.not_found', `No work order #${no}`)
const itemNotFound = () => new AppError(404, 'work_order.item_not_found', 'No such item on this work order')

/** What the model says about an open order (null fields when there is no model or the order is closed). */
export interface OrderEstimate {
  estimatedCompletion: string | null
  predictedPrice: number | null
}
type DetailRow = NonNullable<
  Awaited<ReturnType<ReturnType<typeof createWorkOrdersRepository>['detailByNumber']>>
>
/** `created`: the order was just entered (the prediction shown then is recorded; issue 19). */
export type Estimator = (order: DetailRow, opts?: { created?: boolean }) => Promise<OrderEstimate>

/** The order's attachments: keys read in the delete's transaction, objects removed after it commits. */
export interface OrderFiles {
  keysOf(workOrderId: number, tx: Db): Promise<string[]>
  removeObjects(keys: string[]): Promise<void>
}

/** Each item's size warning, and all of them at the top where a client shows messages after a save. */
function withSizeWarnings(order: DetailRow) {
  const items = order.items.map((item) => ({
    ...item,
    sizeWarning: storedSizeWarning(item.sizeText, item.squareFeet),
  }))
  const warnings = items.flatMap((item, i) =>
    item.sizeWarning ? [`Item ${i + 1} (${item.description}): ${item.sizeWarning}`] : [],
  )
  return { ...order, items, warnings }
}

export function createWorkOrdersService(
  deps: WriteDeps & {
    timeZone: string
    estimate?: Estimator
    files?: OrderFiles
    /** Answers list totals from a cache cleared on every write (else every page counts its matches). */
    countMatches?: CountMatches
  },
) {
  const repo = createWorkOrdersRepository(deps.db)
  const items = createItemsRepository(deps.db)
  const today = () => shopToday(deps.timeZone)

  /** Picking from the catalog copies its fields and price; a typed item feeds the catalog. */
  async function resolveItem(customerId: number, input: ItemInput, tx: Db) {
    if (input.catalogItemId !== undefined) {
      const entry = await items.catalogItem(customerId, input.catalogItemId, tx)
      if (!entry)
        throw new AppError(
          400,
          'item.unknown_catalog_item',
          "catalogItemId is not in this customer's catalog",
        )
      return {
        catalogItemId: entry.id,
        description: entry.description,
        material: entry.material,
        condition: input.condition ?? entry.condition,
        color: entry.color,
        sizeText: entry.sizeText,
        squareFeet: entry.squareFeet,
        quantity: input.quantity ?? 1,
        unitPrice: input.unitPrice !== undefined ? input.unitPrice : entry.lastPrice,
      }
    }
    const description = input.description?.trim()
    if (!description)
      throw new AppError(400, 'item.description_required', 'An item needs a description or a catalogItemId')
    const fields: ItemFields = {
      description,
      material: input.material ?? null,
      quantity: input.quantity ?? 1,
      condition: input.condition ?? null,
      color: input.color ?? null,
      sizeText: input.sizeText ?? null,
      squareFeet: parseSquareFeet(input.sizeText),
      unitPrice: input.unitPrice ?? null,
    }
    return { ...fields, catalogItemId: await items.upsertCatalog(customerId, fields, tx) }
  }

  async function lockOrder(no: number, tx: Db) {
    const order = await repo.lockByNumber(no, tx)
    if (!order) throw notFound(no)
    return order
  }

  return {
    list: (params: ListParams) => repo.list(params, deps.countMatches),

    /** The order with everything on its screen, and for an open order the model's estimate. */
    async detail(no: number, opts: { created?: boolean } = {}) {
      const order = await repo.detailByNumber(no)
      if (!order) throw notFound(no)
      const estimate = deps.estimate
        ? await deps.estimate(order, opts)
        : { estimatedCompletion: null, predictedPrice: null }
      return { ...withSizeWarnings(order), ...estimate }
    },

    async create(ctx: WriteContext, input: WorkOrderFields & { items?: ItemInput[] | undefined }) {
      const { items: itemInputs = [], ...fields } = input
      const created = await guardReferences(() =>
        auditedWrite(deps, ctx, async (tx) => {
          const order = await repo.create({ ...fields, dateIn: fields.dateIn ?? today() }, tx)
          await repo.recordStatus(
            { workOrderId: order.id, from: null, to: order.status, changedBy: ctx.actor.id },
            tx,
          )
          for (const item of itemInputs)
            await items.add({ workOrderId: order.id, ...(await resolveItem(order.customerId, item, tx)) }, tx)
          return {
            result: order,
            audit: {
              action: 'work_order.created',
              entity: 'work_order',
              entityId: order.workOrderNo,
              summary: { customerId: order.customerId, items: itemInputs.length },
            },
            change: { entity: 'work_order', action: 'created', ids: [order.id] },
          }
        }),
      )
      return this.detail(created.workOrderNo, { created: true })
    },

    async update(ctx: WriteContext, no: number, input: Partial<WorkOrderFields>) {
      await guardReferences(() =>
        auditedWrite(deps, ctx, async (tx) => {
          const order = await lockOrder(no, tx)
          await repo.update(order.id, input, tx)
          return {
            result: undefined,
            audit: {
              action: 'work_order.updated',
              entity: 'work_order',
              entityId: no,
              summary: { changes: input },
            },
            change: { entity: 'work_order', action: 'updated', ids: [order.id] },
          }
        }),
      )
      return this.detail(no)
    },

    async changeStatus(ctx: StatusContext, no: number, to: WorkOrderStatus, note?: string) {
      await auditedWrite(deps, ctx, async (tx) => {
        const order = await lockOrder(no, tx)
        const plan = planTransition({
          from: order.status,
          to,
          role: ctx.role,
          quoteStatus: order.quoteStatus,
          today: today(),
          dates: order,
        })
        if (!plan.ok) throw new AppError(plan.code === 'auth.forbidden' ? 403 : 409, plan.code, plan.message)
        // Leaving the queue drops any manual position; re-entering it starts from the tier order.
        const queuePosition = to === 'queued' || to === 'in_progress' ? order.queuePosition : null
        await repo.update(order.id, { status: to, ...plan.set, queuePosition }, tx)
        await repo.recordStatus(
          { workOrderId: order.id, from: order.status, to, changedBy: ctx.actor.id, note: note ?? null },
          tx,
        )
        return {
          result: undefined,
          audit: {
            action: 'work_order.status_changed',
            entity: 'work_order',
            entityId: no,
            summary: { from: order.status, to, note },
          },
          change: { entity: 'work_order', action: 'status_changed', ids: [order.id] },
        }
      })
      return this.detail(no)
    },

    async addItem(ctx: WriteContext, no: number, input: ItemInput) {
      await auditedWrite(deps, ctx, async (tx) => {
        const order = await lockOrder(no, tx)
        const item = await items.add(
          { workOrderId: order.id, ...(await resolveItem(order.customerId, input, tx)) },
          tx,
        )
        return {
          result: item,
          audit: {
            action: 'work_order.item_added',
            entity: 'work_order',
            entityId: no,
            summary: { itemId: item.id },
          },
          change: { entity: 'work_order_item', action: 'created', ids: [order.id] },
        }
      })
      return this.detail(no)
    },

    async updateItem(ctx: WriteContext, no: number, itemId: number, input: ItemInput) {
      await auditedWrite(deps, ctx, async (tx) => {
        const order = await lockOrder(no, tx)
        const current = await items.get(order.id, itemId, tx)
        if (!current) throw itemNotFound()
        const changes = {
          ...input,
          ...(input.sizeText !== undefined ? { squareFeet: parseSquareFeet(input.sizeText) } : {}),
        }
        delete changes.catalogItemId
        await items.update(itemId, changes, tx)
        return {
          result: undefined,
          audit: {
            action: 'work_order.item_updated',
            entity: 'work_order',
            entityId: no,
            summary: { itemId, changes: input },
          },
          change: { entity: 'work_order_item', action: 'updated', ids: [order.id] },
        }
      })
      return this.detail(no)
    },

    async removeItem(ctx: WriteContext, no: number, itemId: number) {
      await auditedWrite(deps, ctx, async (tx) => {
        const order = await lockOrder(no, tx)
        if (!(await items.get(order.id, itemId, tx))) throw itemNotFound()
        await items.remove(itemId, tx)
        return {
          result: undefined,
          audit: {
            action: 'work_order.item_removed',
            entity: 'work_order',
            entityId: no,
            summary: { itemId },
          },
          change: { entity: 'work_order_item', action: 'deleted', ids: [order.id] },
        }
      })
      return this.detail(no)
    },

    /** Deletes the order (its file rows cascade), then its files' objects once the delete has committed. */
    async remove(ctx: WriteContext, no: number) {
      const keys = await auditedWrite(deps, ctx, async (tx) => {
        const order = await lockOrder(no, tx)
        const fileKeys = deps.files ? await deps.files.keysOf(order.id, tx) : []
        await repo.remove(order.id, tx)
        return {
          result: fileKeys,
          audit: {
            action: 'work_order.deleted',
            entity: 'work_order',
            entityId: no,
            summary: { customerId: order.customerId },
          },
          change: { entity: 'work_order', action: 'deleted', ids: [order.id] },
        }
      })
      if (keys.length) await deps.files?.removeObjects(keys)
    },
  }
}

export type WorkOrdersService = ReturnType<typeof createWorkOrdersService>
