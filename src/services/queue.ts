import { isDueSoon, mergeQueue, placeWithin } from '../domain/queue.js'
import { shopToday } from '../domain/shop-date.js'
import { AppError } from '../errors.js'
import { createQueueRepository } from '../repositories/queue.js'
import { auditedWrite, type WriteContext, type WriteDeps } from './write-context.js'

/** Which orders a view of the queue shows: sail orders and cushion orders can be hidden (both shown by default). */
export interface QueueView {
  dueWithinDays?: number
  sails?: boolean
  cushions?: boolean
}

export interface ReorderInput {
  /** Every work order number in the queue, in the wanted order. */
  order: number[]
  /** The version the caller's view of the queue was read at. */
  version: string
}

const inView =
  ({ sails = true, cushions = true }: QueueView) =>
  (order: { sail: boolean; cushion: boolean }) =>
    (sails || !order.sail) && (cushions || !order.cushion)

const numbers = (nos: number[]) => nos.map((no) => `#${no}`).join(', ')

function duplicatesOf(order: number[]): number[] {
  const seen = new Set<number>()
  return [...new Set(order.filter((no) => seen.has(no) || !seen.add(no)))]
}

/** The cleaning queue: tier order merged with a manager's manual order (docs/WORK-ORDERS.md). */
export function createQueueService(deps: WriteDeps & { timeZone: string }) {
  const repo = createQueueRepository(deps.db)

  /** The queue in working order; `position` is the place in the whole queue, also when a view hides some. */
  async function list({ dueWithinDays = 7, sails = true, cushions = true }: QueueView = {}) {
    const { version, orders } = await repo.members()
    const today = shopToday(deps.timeZone)
    return {
      version: String(version),
      data: mergeQueue(orders)
        .map(({ queuePosition, ...order }, i) => ({
          position: i + 1,
          ...order,
          manual: queuePosition !== null,
          dueSoon: isDueSoon(order, today, dueWithinDays),
        }))
        .filter(inView({ sails, cushions })),
    }
  }

  const changed = (message: string) => new AppError(409, 'queue.membership_changed', message)

  async function storeOrder(ctx: WriteContext, { order, version }: ReorderInput) {
    const repeated = duplicatesOf(order)
    if (repeated.length)
      throw new AppError(400, 'queue.duplicate', `The order lists ${numbers(repeated)} more than once`)
    await auditedWrite(deps, ctx, async (tx) => {
      const next = await repo.bumpVersion(Number(version), ctx.actor.id, tx)
      if (next === undefined)
        throw new AppError(
          409,
          'queue.conflict',
          `The queue has been reordered since version ${version} was read; reload it and reorder again`,
        )
      const members = await repo.lockMembers(tx)
      const idOf = new Map(members.map((m) => [m.workOrderNo, m.id]))
      const given = new Set(order)
      const missing = members.map((m) => m.workOrderNo).filter((no) => !given.has(no))
      const unexpected = order.filter((no) => !idOf.has(no))
      if (missing.length || unexpected.length) {
        const parts = [
          missing.length
            ? `${numbers(missing)} ${missing.length === 1 ? 'is' : 'are'} in the queue but not in the order`
            : '',
          unexpected.length
            ? `${numbers(unexpected)} ${unexpected.length === 1 ? 'is' : 'are'} not in the queue`
            : '',
        ]
        throw new AppError(
          409,
          'queue.membership_changed',
          `The order must list exactly the orders in the queue: ${parts.filter(Boolean).join('; ')}. Reload it and reorder again`,
        )
      }
      const ids = order.map((no) => idOf.get(no) as number)
      await repo.setPositions(ids, tx)
      return {
        result: undefined,
        audit: { action: 'queue.reordered', entity: 'queue', summary: { order, from: version, to: next } },
        change: { entity: 'work_order', action: 'reordered', ids },
      }
    })
  }

  return {
    list,
    /** Stores a manager's order of the whole queue, refusing one based on a stale view; returns the new queue. */
    async reorder(ctx: WriteContext, input: ReorderInput, view: { dueWithinDays?: number } = {}) {
      await storeOrder(ctx, input)
      return list(view)
    },
    /**
     * Reorders only the orders a view shows (`view` hides sail or cushion orders): `order` lists exactly
     * those, in the wanted order; the hidden ones keep their places. Same 409s as `reorder`.
     */
    async reorderShown(ctx: WriteContext, input: ReorderInput, view: QueueView = {}) {
      const whole = await list({})
      if (whole.version !== input.version)
        throw new AppError(
          409,
          'queue.conflict',
          `The queue has been reordered since version ${input.version} was read; reload it and reorder again`,
        )
      const shown = whole.data.filter(inView(view)).map((o) => o.workOrderNo)
      const given = new Set(input.order)
      if (
        given.size !== input.order.length ||
        shown.length !== given.size ||
        shown.some((no) => !given.has(no))
      )
        throw changed('The orders shown are no longer the orders in the queue. Reload it and reorder again')
      const full = placeWithin(
        whole.data.map((o) => o.workOrderNo),
        input.order,
      )
      await storeOrder(ctx, { order: full, version: input.version })
      return list(view)
    },
  }
}

export type QueueService = ReturnType<typeof createQueueService>
