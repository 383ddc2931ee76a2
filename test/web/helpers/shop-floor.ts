import { eq } from 'drizzle-orm'
import { type WorkOrderStatus, workOrders } from '../../../src/models/index.js'
import type { ItemInput, WorkOrderFields } from '../../../src/services/work-orders.js'
import type { WebApp } from './browser.js'

/** The way through the statuses to each shop-floor status (the status rules allow each step). */
const PATH: Record<string, WorkOrderStatus[]> = {
  queued: ['queued'],
  in_progress: ['queued', 'in_progress'],
  cleaned: ['queued', 'in_progress', 'cleaned'],
  treated: ['queued', 'in_progress', 'cleaned', 'treated'],
  packaged: ['queued', 'in_progress', 'cleaned', 'treated', 'packaged'],
}

/**
 * Customers and work orders for the queue and board pages, made through the services as a manager (fixed
 * names and dates, so screenshots change only with the pages).
 */
export async function shopFloorData(app: WebApp, manager: { id: number; username: string }) {
  const ctx = { actor: { id: manager.id, username: manager.username } }
  const statusCtx = { ...ctx, role: 'manager' as const }
  const services = app.app
  return {
    async source(name: string) {
      return services.sourcesService.create(ctx, { name })
    },
    async customer(name: string, sourceId: number | null = null) {
      return services.customersService.create(ctx, { name, sourceId })
    },
    /** A work order moved to `status`; returns its number. */
    async order(
      customerId: number,
      status: keyof typeof PATH,
      fields: Partial<WorkOrderFields> & { items?: ItemInput[] } = {},
    ) {
      const created = await services.workOrdersService.create(ctx, {
        customerId,
        quoteStatus: 'approved',
        ...fields,
      } as WorkOrderFields)
      for (const to of PATH[status] ?? [])
        await services.workOrdersService.changeStatus(statusCtx, created.workOrderNo, to)
      return created.workOrderNo
    },
    /**
     * Sets the dates the status steps stamped with today to fixed ones, so a screenshot does not change
     * with the day the test runs (a test's own setup, not something any page or service offers).
     */
    async fixStampedDates(no: number, day: string) {
      const stamped = { dateCleaned: day, dateTreated: day, datePackaged: day }
      const [row] = await services.db
        .select({
          cleaned: workOrders.dateCleaned,
          treated: workOrders.dateTreated,
          packaged: workOrders.datePackaged,
        })
        .from(workOrders)
        .where(eq(workOrders.workOrderNo, no))
      await services.db
        .update(workOrders)
        .set({
          dateCleaned: row?.cleaned ? stamped.dateCleaned : null,
          dateTreated: row?.treated ? stamped.dateTreated : null,
          datePackaged: row?.packaged ? stamped.datePackaged : null,
        })
        .where(eq(workOrders.workOrderNo, no))
    },
  }
}
