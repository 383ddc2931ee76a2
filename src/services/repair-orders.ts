import { isForeignKeyViolation, isUniqueViolation } from '../db/constraint-errors.js'
import { planRepairTransition } from '../domain/repair-order-status.js'
import { storedSizeWarning } from '../domain/square-feet.js'
import type { AppError } from '../errors.js'
import type { NewRepairOrder, RepairOrderStatus, Role } from '../models/index.js'
import type { ListParams } from '../repositories/list-query.js'
import type { ItemInput } from '../schemas/items.js'
import { AuthErrors } from './auth.errors.js'
import { type RepairOrderContext, type RepairOrdersDeps, repairOrderContext } from './repair-order-context.js'
import { addRepairItem, removeRepairItem, updateRepairItem } from './repair-order-items.js'
import { RepairOrderErrors } from './repair-orders.errors.js'
import { resolveItem } from './work-order-items.js'
import { WorkOrderErrors } from './work-orders.errors.js'
import type { StatusContext } from './work-orders.js'
import { auditedWrite, type WriteContext } from './write-context.js'

export type { RepairOrdersDeps }

/** What a client may set on a repair order (status, numbers, stamped dates and the link have their own calls). */
export type RepairOrderFields = Omit<
  NewRepairOrder,
  | 'id'
  | 'repairOrderNo'
  | 'status'
  | 'workOrderId'
  | 'workOrderNote'
  | 'dateToSub'
  | 'dateBackFromSub'
  | 'dateCompleted'
  | 'createdAt'
  | 'updatedAt'
>

async function guardReferences<T>(work: () => Promise<T>): Promise<T> {
  try {
    return await work()
  } catch (err) {
    if (isForeignKeyViolation(err)) throw RepairOrderErrors.unknownReference()
    throw err
  }
}

/**
 * The repair order with its customer (and source), linked work order, items (with size warnings) and
 * status history, in one statement. This is the stable export for the PDF builder: `repairOrdersService.detail`.
 */
async function detail(c: RepairOrderContext, no: number) {
  const order = await c.repo.detailByNumber(no)
  if (!order) throw RepairOrderErrors.notFound(no)
  const items = order.items.map((item) => ({
    ...item,
    sizeWarning: storedSizeWarning(item.sizeText, item.squareFeet),
  }))
  const itemsTotal = items.reduce((sum, i) => sum + (i.unitPrice ?? 0) * i.quantity, 0)
  return {
    ...order,
    workOrder: order.workOrder ?? null,
    workOrderNo: order.workOrder?.workOrderNo ?? null,
    items,
    itemsTotal: Math.round(itemsTotal * 100) / 100,
  }
}
export type RepairOrderDetail = Awaited<ReturnType<typeof detail>>

/** Links inside a transaction: both rows locked, 409 when either side already has a link. */
async function linkIn(
  c: RepairOrderContext,
  tx: Parameters<Parameters<typeof auditedWrite>[2]>[0],
  order: { id: number; repairOrderNo: number; workOrderId: number | null },
  workOrderNo: number,
) {
  const workOrder = await c.workOrders.lockByNumber(workOrderNo, tx)
  if (!workOrder) throw WorkOrderErrors.notFound(workOrderNo)
  if (order.workOrderId !== null) {
    if (order.workOrderId === workOrder.id) return workOrder
    const current = await c.workOrders.byId(order.workOrderId, tx)
    throw RepairOrderErrors.alreadyLinked(order.repairOrderNo, current?.workOrderNo ?? 0)
  }
  const other = await c.repo.linkedTo(workOrder.id, tx)
  if (other) throw RepairOrderErrors.workOrderTaken(workOrderNo, other.repairOrderNo)
  try {
    await c.repo.update(order.id, { workOrderId: workOrder.id }, tx)
  } catch (err) {
    // Another instance linked the same work order between our check and our write: the unique key says so.
    if (isUniqueViolation(err)) throw RepairOrderErrors.workOrderTaken(workOrderNo, 0)
    throw err
  }
  return workOrder
}

function create(
  c: RepairOrderContext,
  ctx: WriteContext,
  input: RepairOrderFields & { items?: ItemInput[] | undefined; workOrderNo?: number | undefined },
) {
  const { items: itemInputs = [], workOrderNo, ...fields } = input
  return guardReferences(() =>
    auditedWrite(c.deps, ctx, async (tx) => {
      const order = await c.repo.create({ ...fields, dateIn: fields.dateIn ?? c.today() }, tx)
      await c.repo.recordStatus(
        { repairOrderId: order.id, from: null, to: order.status, changedBy: ctx.actor.id },
        tx,
      )
      for (const item of itemInputs)
        await c.repairItems.add(
          { repairOrderId: order.id, ...(await resolveItem(c.items, order.customerId, item, tx)) },
          tx,
        )
      if (workOrderNo !== undefined) await linkIn(c, tx, order, workOrderNo)
      return {
        result: order,
        audit: {
          action: 'repair_order.created',
          entity: 'repair_order',
          entityId: order.repairOrderNo,
          summary: { customerId: order.customerId, items: itemInputs.length, workOrderNo },
        },
        change: { entity: 'repair_order', action: 'created', ids: [order.id] },
      }
    }),
  )
}

function update(c: RepairOrderContext, ctx: WriteContext, no: number, input: Partial<RepairOrderFields>) {
  return guardReferences(() =>
    auditedWrite(c.deps, ctx, async (tx) => {
      const order = await c.lockOrder(no, tx)
      await c.repo.update(order.id, input, tx)
      return {
        result: undefined,
        audit: {
          action: 'repair_order.updated',
          entity: 'repair_order',
          entityId: no,
          summary: { changes: input },
        },
        change: { entity: 'repair_order', action: 'updated', ids: [order.id] },
      }
    }),
  )
}

type Refusal = Extract<ReturnType<typeof planRepairTransition>, { ok: false }>
const REFUSALS = {
  [RepairOrderErrors.invalidTransition.code]: (why: string) => RepairOrderErrors.invalidTransition(why),
  [AuthErrors.forbidden.code]: (why: string, role: Role) => AuthErrors.forbidden(role, why),
} satisfies Record<Refusal['code'], (why: string, role: Role) => AppError>

function changeStatus(
  c: RepairOrderContext,
  ctx: StatusContext,
  no: number,
  to: RepairOrderStatus,
  note?: string,
) {
  return auditedWrite(c.deps, ctx, async (tx) => {
    const order = await c.lockOrder(no, tx)
    const plan = planRepairTransition({
      from: order.status,
      to,
      role: ctx.role,
      quoteStatus: order.quoteStatus,
      today: c.today(),
      dates: order,
    })
    if (!plan.ok) throw REFUSALS[plan.code](plan.message, ctx.role)
    await c.repo.update(order.id, { status: to, ...plan.set }, tx)
    await c.repo.recordStatus(
      { repairOrderId: order.id, from: order.status, to, changedBy: ctx.actor.id, note: note ?? null },
      tx,
    )
    return {
      result: undefined,
      audit: {
        action: 'repair_order.status_changed',
        entity: 'repair_order',
        entityId: no,
        summary: { from: order.status, to, note },
      },
      change: { entity: 'repair_order', action: 'status_changed', ids: [order.id] },
    }
  })
}

function link(c: RepairOrderContext, ctx: WriteContext, no: number, workOrderNo: number) {
  return auditedWrite(c.deps, ctx, async (tx) => {
    const order = await c.lockOrder(no, tx)
    const workOrder = await linkIn(c, tx, order, workOrderNo)
    return {
      result: undefined,
      audit: {
        action: 'repair_order.linked',
        entity: 'repair_order',
        entityId: no,
        summary: { workOrderNo },
      },
      // The work order's screen and the queue's flag change too.
      change: { entity: 'repair_order', action: 'linked', ids: [order.id, workOrder.id] },
    }
  })
}

function unlink(c: RepairOrderContext, ctx: WriteContext, no: number) {
  return auditedWrite(c.deps, ctx, async (tx) => {
    const order = await c.lockOrder(no, tx)
    if (order.workOrderId !== null) await c.repo.update(order.id, { workOrderId: null }, tx)
    return {
      result: undefined,
      audit: {
        action: 'repair_order.unlinked',
        entity: 'repair_order',
        entityId: no,
        summary: { workOrderId: order.workOrderId },
      },
      change: { entity: 'repair_order', action: 'unlinked', ids: [order.id] },
    }
  })
}

/** Deletes the repair order (items, history and file rows cascade), then its files' objects after the commit. */
async function remove(c: RepairOrderContext, ctx: WriteContext, no: number) {
  const keys = await auditedWrite(c.deps, ctx, async (tx) => {
    const order = await c.lockOrder(no, tx)
    const fileKeys = c.deps.files ? await c.deps.files.keysOf(order.id, tx) : []
    await c.repo.remove(order.id, tx)
    return {
      result: fileKeys,
      audit: {
        action: 'repair_order.deleted',
        entity: 'repair_order',
        entityId: no,
        summary: { customerId: order.customerId },
      },
      change: { entity: 'repair_order', action: 'deleted', ids: [order.id] },
    }
  })
  if (keys.length) await c.deps.files?.removeObjects(keys)
}

/** Repair orders, their items, status and link to a work order; every write answers with the detail. */
export function createRepairOrdersService(deps: RepairOrdersDeps) {
  const c = repairOrderContext(deps)
  const then = async (write: Promise<unknown>, no: number) => {
    await write
    return detail(c, no)
  }
  return {
    list: (params: ListParams) => c.repo.list(params, deps.countMatches),
    /** The repair order with customer, work order, items and history: what the page and the PDF show. */
    detail: (no: number) => detail(c, no),
    create: async (
      ctx: WriteContext,
      input: RepairOrderFields & { items?: ItemInput[] | undefined; workOrderNo?: number | undefined },
    ) => detail(c, (await create(c, ctx, input)).repairOrderNo),
    update: (ctx: WriteContext, no: number, input: Partial<RepairOrderFields>) =>
      then(update(c, ctx, no, input), no),
    changeStatus: (ctx: StatusContext, no: number, to: RepairOrderStatus, note?: string) =>
      then(changeStatus(c, ctx, no, to, note), no),
    link: (ctx: WriteContext, no: number, workOrderNo: number) => then(link(c, ctx, no, workOrderNo), no),
    unlink: (ctx: WriteContext, no: number) => then(unlink(c, ctx, no), no),
    addItem: (ctx: WriteContext, no: number, input: ItemInput) => then(addRepairItem(c, ctx, no, input), no),
    updateItem: (ctx: WriteContext, no: number, itemId: number, input: ItemInput) =>
      then(updateRepairItem(c, ctx, no, itemId, input), no),
    removeItem: (ctx: WriteContext, no: number, itemId: number) =>
      then(removeRepairItem(c, ctx, no, itemId), no),
    remove: (ctx: WriteContext, no: number) => remove(c, ctx, no),
  }
}

export type RepairOrdersService = ReturnType<typeof createRepairOrdersService>
