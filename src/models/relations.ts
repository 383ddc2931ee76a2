import { relations } from 'drizzle-orm'
import { customerItems } from './catalog.js'
import { checkInItems, checkIns } from './check-ins.js'
import { customers } from './customers.js'
import { repairOrderItems, repairOrderStatusHistory, repairOrders } from './repair-orders.js'
import { sources } from './sources.js'
import { sessions, users } from './users.js'
import { workOrderItems, workOrderStatusHistory, workOrders } from './work-orders.js'

export const sourcesRelations = relations(sources, ({ many }) => ({
  customers: many(customers),
}))

export const customersRelations = relations(customers, ({ one, many }) => ({
  source: one(sources, { fields: [customers.sourceId], references: [sources.id] }),
  items: many(customerItems),
  workOrders: many(workOrders),
}))

export const customerItemsRelations = relations(customerItems, ({ one }) => ({
  customer: one(customers, { fields: [customerItems.customerId], references: [customers.id] }),
}))

export const workOrdersRelations = relations(workOrders, ({ one, many }) => ({
  customer: one(customers, { fields: [workOrders.customerId], references: [customers.id] }),
  shipTo: one(sources, { fields: [workOrders.shipToSourceId], references: [sources.id] }),
  items: many(workOrderItems),
  statusHistory: many(workOrderStatusHistory),
  repairOrder: one(repairOrders, { fields: [workOrders.id], references: [repairOrders.workOrderId] }),
}))

export const workOrderItemsRelations = relations(workOrderItems, ({ one }) => ({
  workOrder: one(workOrders, { fields: [workOrderItems.workOrderId], references: [workOrders.id] }),
  catalogItem: one(customerItems, { fields: [workOrderItems.catalogItemId], references: [customerItems.id] }),
}))

export const workOrderStatusHistoryRelations = relations(workOrderStatusHistory, ({ one }) => ({
  workOrder: one(workOrders, { fields: [workOrderStatusHistory.workOrderId], references: [workOrders.id] }),
  changedByUser: one(users, { fields: [workOrderStatusHistory.changedBy], references: [users.id] }),
}))

export const usersRelations = relations(users, ({ many }) => ({
  sessions: many(sessions),
}))

export const sessionsRelations = relations(sessions, ({ one }) => ({
  user: one(users, { fields: [sessions.userId], references: [users.id] }),
}))

export const checkInsRelations = relations(checkIns, ({ one, many }) => ({
  customer: one(customers, { fields: [checkIns.customerId], references: [customers.id] }),
  workOrder: one(workOrders, { fields: [checkIns.workOrderId], references: [workOrders.id] }),
  repairOrder: one(repairOrders, { fields: [checkIns.repairOrderId], references: [repairOrders.id] }),
  items: many(checkInItems),
}))

export const checkInItemsRelations = relations(checkInItems, ({ one }) => ({
  checkIn: one(checkIns, { fields: [checkInItems.checkInId], references: [checkIns.id] }),
}))

export const repairOrdersRelations = relations(repairOrders, ({ one, many }) => ({
  customer: one(customers, { fields: [repairOrders.customerId], references: [customers.id] }),
  workOrder: one(workOrders, { fields: [repairOrders.workOrderId], references: [workOrders.id] }),
  items: many(repairOrderItems),
  statusHistory: many(repairOrderStatusHistory),
}))

export const repairOrderItemsRelations = relations(repairOrderItems, ({ one }) => ({
  repairOrder: one(repairOrders, { fields: [repairOrderItems.repairOrderId], references: [repairOrders.id] }),
}))

export const repairOrderStatusHistoryRelations = relations(repairOrderStatusHistory, ({ one }) => ({
  repairOrder: one(repairOrders, {
    fields: [repairOrderStatusHistory.repairOrderId],
    references: [repairOrders.id],
  }),
}))
