// What the analytics repository (src/repositories/analytics.ts) answers. Every number is a JS number,
// every day 'YYYY-MM-DD' and every month 'YYYY-MM'. Cancelled orders are left out of everything except
// the counts per status; a mixed order (items of several product types) counts once in every count.
import type { WorkOrderStatus } from '../models/index.js'
import type { AnalyticsFilter } from './analytics-sql.js'

export type { AnalyticsFilter }
export type ProductType = 'awning' | 'sail' | 'cushion'

export interface Summary {
  ordersTotal: number
  /** Neither completed nor cancelled. */
  ordersOpen: number
  ordersCompleted: number
  /** ordersCompleted ÷ ordersTotal, 4 decimals; 0 when there are no orders. */
  completionRate: number
  revenueCompleted: number
  revenueAll: number
  /** revenueAll ÷ ordersTotal, 2 decimals; 0 when there are no orders. */
  averageOrderValue: number
  uniqueCustomers: number
  squareFeetCompleted: number
  /** Square feet of the orders completed in the 7 days ending today, ÷ 7, 2 decimals. */
  squareFeetCompletedDailyAvg7d: number
  /** Square feet of the open orders. */
  backlogSquareFeet: number
  /** Orders with rush or firm rush ÷ ordersTotal, 4 decimals. */
  rushShare: number
  /** Days from date in to date completed of the completed orders, 2 decimals; null when none. */
  turnaroundMedianDays: number | null
  turnaroundP90Days: number | null
}

export interface TrendMonth {
  month: string
  /** Orders received (date in) that month. */
  ordersIn: number
  /** Orders completed (date completed) that month. */
  ordersCompleted: number
  /** Revenue of the orders completed that month. */
  revenue: number
  /** Square feet of the orders completed that month. */
  squareFeet: number
}

export interface ThroughputDay {
  day: string
  /** Square feet of the orders completed that day. */
  squareFeet: number
  /** Square feet completed in the 7 days ending that day ÷ 7, 2 decimals. */
  rollingAvg7: number
}

export interface BacklogDay {
  day: string
  /** Square feet of the orders received that day. */
  squareFeetIn: number
  /** Square feet of the orders completed that day. */
  squareFeetOut: number
  /** Everything received minus everything completed, from the beginning of time to the end of that day. */
  backlog: number
}

export interface RevenueByProduct {
  /** Always the three types, in the order awning, sail, cushion; over completed orders. */
  products: {
    product: ProductType
    revenue: number
    /** Item lines of this type. */
    items: number
    /** Distinct orders with at least one item of this type. */
    orders: number
  }[]
  /** Revenue of the completed orders and their number: a mixed order once. */
  totals: { revenue: number; orders: number }
}

export interface Turnaround {
  /** Consecutive buckets from 0 days to the longest turnaround; fromDays and toDays both inclusive. */
  buckets: { fromDays: number; toDays: number; orders: number }[]
  median: number | null
  p90: number | null
}

export interface CustomerActivity {
  monthly: {
    month: string
    /** Customers whose first (non-cancelled) order came in that month. */
    newCustomers: number
    /** Customers with an order that month whose first order came in earlier. */
    returningCustomers: number
  }[]
  /** Best customers by revenue of their orders received in the same months. */
  top: { customerId: number; customerNo: number; name: string; revenue: number; orders: number }[]
}

export interface Dashboard {
  /** The newest orders by date in, then number. */
  recent: {
    workOrderNo: number
    customerName: string
    status: WorkOrderStatus
    dateIn: string
    total: number
  }[]
  /** Every status, cancelled included, with 0 for those without orders. */
  countsByStatus: Record<WorkOrderStatus, number>
  /** Orders queued or in progress. */
  queueLength: number
  /** Open rush / firm rush orders required by today + dueWithinDays (overdue ones included), soonest first. */
  rushDueSoon: { workOrderNo: number; customerName: string; dateRequired: string; status: WorkOrderStatus }[]
}
