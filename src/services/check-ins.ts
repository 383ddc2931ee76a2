import { isForeignKeyViolation } from '../db/constraint-errors.js'
import type { Db } from '../db/index.js'
import type { ConvertTarget } from '../domain/check-ins.js'
import { shopToday } from '../domain/shop-date.js'
import type { CheckIn, NewCheckIn } from '../models/index.js'
import { type CheckInsRepository, createCheckInsRepository } from '../repositories/check-ins.js'
import { createItemsRepository } from '../repositories/items.js'
import type { CountMatches, ListParams } from '../repositories/list-query.js'
import { countNow, totalKey } from '../repositories/list-query.js'
import type { ItemInput } from '../schemas/items.js'
import { createCheckInOrderWriters } from './check-in-orders.js'
import { CheckInErrors } from './check-ins.errors.js'
import { resolveItem } from './work-order-items.js'
import { auditedWrite, type WriteContext, type WriteDeps } from './write-context.js'

/** What the counter records; every field is carried over to the work order on conversion. */
export type CheckInFields = Pick<
  NewCheckIn,
  | 'dateIn'
  | 'dateRequired'
  | 'rush'
  | 'firmRush'
  | 'storageTime'
  | 'rackLocation'
  | 'repairsNeeded'
  | 'specialInstructions'
>
export type CreateCheckInInput = CheckInFields & { customerId: number; items?: ItemInput[] | undefined }
export type UpdateCheckInInput = Partial<Omit<CheckInFields, 'dateIn'>> & {
  dateIn?: string
  items?: ItemInput[] | undefined
}

export type CheckInsDeps = WriteDeps & {
  timeZone: string
  /** List totals and the pending badge from the cache cleared on every committed write. */
  countMatches?: CountMatches
}

/** The list filter whose total is the navigation badge: the same cache key as the pending list's total. */
const PENDING = { q: undefined, filters: { state: 'pending' } }

async function guardCustomer<T>(work: () => Promise<T>): Promise<T> {
  try {
    return await work()
  } catch (err) {
    if (isForeignKeyViolation(err)) throw CheckInErrors.unknownCustomer()
    throw err
  }
}

/** The locked check-in, refused unless it is still pending. */
async function lockPending(repo: CheckInsRepository, id: number, tx: Db) {
  const row = await repo.lock(id, tx)
  if (!row) throw CheckInErrors.notFound(id)
  if (row.state !== 'pending') throw CheckInErrors.notPending(row.state, await orderOf(repo, row, tx))
  return row
}

/** "work order #N" or "repair order RO #N": what a converted check-in became (null if since deleted). */
async function orderOf(repo: CheckInsRepository, row: CheckIn, tx: Db): Promise<string | null> {
  if (row.workOrderId !== null) {
    const no = await repo.workOrderNo(row.workOrderId, tx)
    return no === null ? null : `work order #${no}`
  }
  if (row.repairOrderId !== null) {
    const no = await repo.repairOrderNo(row.repairOrderId, tx)
    return no === null ? null : `repair order RO #${no}`
  }
  return null
}

/** Check-ins: items dropped off at the counter before an order is written (docs/CHECK-INS.md). */
export function createCheckInsService(deps: CheckInsDeps) {
  const repo = createCheckInsRepository(deps.db)
  const items = createItemsRepository(deps.db)
  const writers = createCheckInOrderWriters(deps.db)
  const countMatches = deps.countMatches ?? countNow
  const today = () => shopToday(deps.timeZone)

  async function detail(id: number) {
    const row = await repo.detail(id)
    if (!row) throw CheckInErrors.notFound(id)
    const { workOrder, repairOrder, ...rest } = row
    return {
      ...rest,
      workOrderNo: workOrder?.workOrderNo ?? null,
      repairOrderNo: repairOrder?.repairOrderNo ?? null,
    }
  }

  /** Catalog picks copy the catalog's fields and price; typed items feed the catalog (as on work orders). */
  async function storeItems(checkInId: number, customerId: number, inputs: ItemInput[], tx: Db) {
    const resolved = []
    for (const input of inputs)
      resolved.push({ checkInId, ...(await resolveItem(items, customerId, input, tx)) })
    await repo.addItems(resolved, tx)
  }

  return {
    list: (params: ListParams) => repo.list(params, countMatches),
    detail,
    /** The navigation badge: the pending list's cached total, else one count off a partial index. */
    pendingCount: () => countMatches(totalKey('check-ins', PENDING), () => repo.countPending()),

    async create(ctx: WriteContext, input: CreateCheckInInput) {
      const { items: itemInputs = [], ...fields } = input
      const row = await guardCustomer(() =>
        auditedWrite(deps, ctx, async (tx) => {
          const checkIn = await repo.create(
            { ...fields, dateIn: fields.dateIn ?? today(), createdBy: ctx.actor.id },
            tx,
          )
          await storeItems(checkIn.id, checkIn.customerId, itemInputs, tx)
          return {
            result: checkIn,
            audit: {
              action: 'check_in.created',
              entity: 'check_in',
              entityId: checkIn.id,
              summary: { customerId: checkIn.customerId, items: itemInputs.length },
            },
            change: { entity: 'check_in', action: 'created', ids: [checkIn.id] },
          }
        }),
      )
      return detail(row.id)
    },

    /** Fields given are changed; `items`, when given, replaces the whole list. Pending check-ins only. */
    async update(ctx: WriteContext, id: number, input: UpdateCheckInInput) {
      const { items: itemInputs, ...fields } = input
      await auditedWrite(deps, ctx, async (tx) => {
        const row = await lockPending(repo, id, tx)
        if (Object.keys(fields).length) await repo.update(id, fields, tx)
        if (itemInputs) {
          await repo.removeItems(id, tx)
          await storeItems(id, row.customerId, itemInputs, tx)
        }
        return {
          result: undefined,
          audit: {
            action: 'check_in.updated',
            entity: 'check_in',
            entityId: id,
            summary: { changes: fields, ...(itemInputs ? { items: itemInputs.length } : {}) },
          },
          change: { entity: 'check_in', action: 'updated', ids: [id] },
        }
      })
      return detail(id)
    },

    async cancel(ctx: WriteContext, id: number) {
      await auditedWrite(deps, ctx, async (tx) => {
        await lockPending(repo, id, tx)
        await repo.update(id, { state: 'cancelled', closedAt: new Date() }, tx)
        return {
          result: undefined,
          audit: { action: 'check_in.cancelled', entity: 'check_in', entityId: id },
          change: { entity: 'check_in', action: 'status_changed', ids: [id] },
        }
      })
      return detail(id)
    },

    /**
     * One transaction: lock the check-in (a concurrent conversion waits here, then sees it converted),
     * write the work order or repair order with every field and item, move the files onto it, point the
     * check-in at it.
     */
    async convert(ctx: WriteContext, id: number, into: ConvertTarget) {
      const made = await auditedWrite(deps, ctx, async (tx) => {
        const row = await repo.lock(id, tx)
        if (!row) throw CheckInErrors.notFound(id)
        if (row.state === 'converted') throw CheckInErrors.alreadyConverted(await orderOf(repo, row, tx))
        if (row.state !== 'pending') throw CheckInErrors.notPending(row.state)
        const carried = await repo.items(id, tx)
        const order = await (into === 'work-order' ? writers.workOrder : writers.repairOrder)(
          ctx,
          row,
          carried,
          tx,
        )
        const files = await repo.moveFilesTo(id, order.key, tx)
        await repo.update(id, { state: 'converted', ...order.key, closedAt: new Date() }, tx)
        const { key: _key, label: _label, ...numbers } = order
        return {
          result: numbers,
          audit: {
            action: 'check_in.converted',
            entity: 'check_in',
            entityId: id,
            summary: { into, ...numbers, items: carried.length, files },
          },
          change: { entity: 'check_in', action: 'converted', ids: [id, Object.values(order.key)[0] ?? 0] },
        }
      })
      return { into, ...made, checkIn: await detail(id) }
    },
  }
}

export type CheckInsService = ReturnType<typeof createCheckInsService>
