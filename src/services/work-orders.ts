import { isForeignKeyViolation } from '../db/constraint-errors.js'
import { storedSizeWarning } from '../domain/square-feet.js'
import { planTransition } from '../domain/work-order-status.js'
import type { AppError } from '../errors.js'
import type { NewWorkOrder, Role, WorkOrderStatus } from '../models/index.js'
import type { ListParams } from '../repositories/list-query.js'
import type { ExportParams } from '../repositories/work-orders.js'
import type { ItemInput } from '../schemas/items.js'
import { AuthErrors } from './auth.errors.js'
import { type DetailRow, type OrderContext, orderContext, type WorkOrdersDeps } from './work-order-context.js'
import { addItem, removeItem, resolveItem, updateItem } from './work-order-items.js'
import { WorkOrderErrors } from './work-orders.errors.js'
import { auditedWrite, type WriteContext } from './write-context.js'

export type { Estimator, OrderEstimate, OrderFiles } from './work-order-context.js'
export type { ItemInput }

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
    if (isForeignKeyViolation(err)) throw WorkOrderErrors.unknownReference()
    throw err
  }
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

/** The order with everything on its screen, and for an open order the model's estimate. */
async function detail(c: OrderContext, no: number, opts: { created?: boolean } = {}) {
  const order = await c.repo.detailByNumber(no)
  if (!order) throw WorkOrderErrors.notFound(no)
  const estimate = c.deps.estimate
    ? await c.deps.estimate(order, opts)
    : { estimatedCompletion: null, predictedPrice: null }
  return { ...withSizeWarnings(order), repairOrder: order.repairOrder ?? null, ...estimate }
}

function create(
  c: OrderContext,
  ctx: WriteContext,
  input: WorkOrderFields & { items?: ItemInput[] | undefined },
) {
  const { items: itemInputs = [], ...fields } = input
  return guardReferences(() =>
    auditedWrite(c.deps, ctx, async (tx) => {
      const order = await c.repo.create({ ...fields, dateIn: fields.dateIn ?? c.today() }, tx)
      await c.repo.recordStatus(
        { workOrderId: order.id, from: null, to: order.status, changedBy: ctx.actor.id },
        tx,
      )
      for (const item of itemInputs)
        await c.items.add(
          { workOrderId: order.id, ...(await resolveItem(c.items, order.customerId, item, tx)) },
          tx,
        )
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
}

function update(c: OrderContext, ctx: WriteContext, no: number, input: Partial<WorkOrderFields>) {
  return guardReferences(() =>
    auditedWrite(c.deps, ctx, async (tx) => {
      const order = await c.lockOrder(no, tx)
      await c.repo.update(order.id, input, tx)
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
}

type Refusal = Extract<ReturnType<typeof planTransition>, { ok: false }>

/** Why a status change was refused, as the domain rules say it, mapped to its registered error. */
const REFUSALS = {
  [WorkOrderErrors.invalidTransition.code]: (why: string) => WorkOrderErrors.invalidTransition(why),
  [WorkOrderErrors.quoteNotApproved.code]: (why: string) => WorkOrderErrors.quoteNotApproved(why),
  [AuthErrors.forbidden.code]: (why: string, role: Role) => AuthErrors.forbidden(role, why),
} satisfies Record<Refusal['code'], (why: string, role: Role) => AppError>

/** `finalLocation`: where a packaged order is put (the shop floor records it with the step). */
function changeStatus(
  c: OrderContext,
  ctx: StatusContext,
  no: number,
  to: WorkOrderStatus,
  note?: string,
  finalLocation?: string,
) {
  if (finalLocation !== undefined && to !== 'packaged')
    return Promise.reject(WorkOrderErrors.finalLocationNotPackaged())
  return auditedWrite(c.deps, ctx, async (tx) => {
    const order = await c.lockOrder(no, tx)
    const plan = planTransition({
      from: order.status,
      to,
      role: ctx.role,
      quoteStatus: order.quoteStatus,
      today: c.today(),
      dates: order,
    })
    if (!plan.ok) throw REFUSALS[plan.code](plan.message, ctx.role)
    // Leaving the queue drops any manual position; re-entering it starts from the tier order.
    const queuePosition = to === 'queued' || to === 'in_progress' ? order.queuePosition : null
    const located = finalLocation === undefined ? {} : { finalLocation }
    await c.repo.update(order.id, { status: to, ...plan.set, queuePosition, ...located }, tx)
    await c.repo.recordStatus(
      { workOrderId: order.id, from: order.status, to, changedBy: ctx.actor.id, note: note ?? null },
      tx,
    )
    await c.deps.onStatusChanged?.(order.id, to, tx)
    return {
      result: undefined,
      audit: {
        action: 'work_order.status_changed',
        entity: 'work_order',
        entityId: no,
        summary: { from: order.status, to, note, ...located },
      },
      change: { entity: 'work_order', action: 'status_changed', ids: [order.id] },
    }
  })
}

/** Deletes the order (its file rows cascade), then its files' objects once the delete has committed. */
async function remove(c: OrderContext, ctx: WriteContext, no: number) {
  const keys = await auditedWrite(c.deps, ctx, async (tx) => {
    const order = await c.lockOrder(no, tx)
    const fileKeys = c.deps.files ? await c.deps.files.keysOf(order.id, tx) : []
    await c.repo.remove(order.id, tx)
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
  if (keys.length) await c.deps.files?.removeObjects(keys)
}

/** Work orders and their items; every write answers with the order's screen as it now is. */
export function createWorkOrdersService(deps: WorkOrdersDeps) {
  const c = orderContext(deps)
  const then = async (write: Promise<unknown>, no: number) => {
    await write
    return detail(c, no)
  }
  return {
    list: (params: ListParams) => c.repo.list(params, deps.countMatches),
    /** The in-progress board: the first `perColumn` orders of each status (list sort and search), counted. */
    columns: (params: Parameters<typeof c.repo.columns>[0]) => c.repo.columns(params),
    /** How many orders the list would show for these filters (its cached total), without the rows. */
    count: (params: ExportParams) => c.repo.count(params, deps.countMatches),
    detail: (no: number) => detail(c, no),
    create: async (ctx: WriteContext, input: WorkOrderFields & { items?: ItemInput[] | undefined }) =>
      detail(c, (await create(c, ctx, input)).workOrderNo, { created: true }),
    update: (ctx: WriteContext, no: number, input: Partial<WorkOrderFields>) =>
      then(update(c, ctx, no, input), no),
    changeStatus: (
      ctx: StatusContext,
      no: number,
      to: WorkOrderStatus,
      note?: string,
      finalLocation?: string,
    ) => then(changeStatus(c, ctx, no, to, note, finalLocation), no),
    addItem: (ctx: WriteContext, no: number, input: ItemInput) => then(addItem(c, ctx, no, input), no),
    updateItem: (ctx: WriteContext, no: number, itemId: number, input: ItemInput) =>
      then(updateItem(c, ctx, no, itemId, input), no),
    removeItem: (ctx: WriteContext, no: number, itemId: number) => then(removeItem(c, ctx, no, itemId), no),
    remove: (ctx: WriteContext, no: number) => remove(c, ctx, no),
  }
}

export type WorkOrdersService = ReturnType<typeof createWorkOrdersService>
