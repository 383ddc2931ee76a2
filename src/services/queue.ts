import { isDueSoon, mergeQueue, placeWithin } from '../domain/queue.js'
import { shopToday } from '../domain/shop-date.js'
import { createQueueRepository } from '../repositories/queue.js'
import { QueueErrors } from './queue.errors.js'
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

  async function storeOrder(ctx: WriteContext, { order, version }: ReorderInput) {
    const repeated = duplicatesOf(order)
    if (repeated.length) throw QueueErrors.duplicate(numbers(repeated))
    await auditedWrite(deps, ctx, async (tx) => {
      const next = await repo.bumpVersion(Number(version), ctx.actor.id, tx)
      if (next === undefined) throw QueueErrors.conflict(String(version))
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
        throw QueueErrors.membershipChanged(parts.filter(Boolean).join('; '))
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
      if (whole.version !== input.version) throw QueueErrors.conflict(String(input.version))
      const shown = whole.data.filter(inView(view)).map((o) => o.workOrderNo)
      const given = new Set(input.order)
      if (
        given.size !== input.order.length ||
        shown.length !== given.size ||
        shown.some((no) => !given.has(no))
      )
        throw QueueErrors.membershipChanged('the orders shown are no longer the orders in the queue')
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
