import { and, count, desc, eq, ilike, inArray, or, type SQL, sql } from 'drizzle-orm'
import { union } from 'drizzle-orm/pg-core'
import type { Db } from '../db/index.js'
import type { CustomerFilter } from '../domain/list-fields.js'
import {
  customerSearchText,
  customers,
  type NewCustomer,
  repairOrders,
  sources,
  workOrders,
} from '../models/index.js'
import {
  buildListQuery,
  type CountMatches,
  containsPattern,
  countNow,
  type ListField,
  type ListParams,
  toPage,
  totalKey,
} from './list-query.js'
import { insertedFlag, lastByKey, setExcluded, tally } from './upsert.js'

export const CUSTOMER_FIELDS: Record<CustomerFilter | 'createdAt', ListField> = {
  customerNo: { expr: customers.customerNo, type: 'number', filter: true, sort: true },
  name: { expr: customers.name, type: 'text', filter: true, sort: true },
  contact: { expr: customers.contact, type: 'text', filter: true, sort: true },
  city: { expr: customers.city, type: 'text', filter: true, sort: true },
  state: { expr: customers.state, type: 'text', filter: true, sort: true },
  email: { expr: customers.email, type: 'text', filter: true, sort: true },
  sourceId: { expr: customers.sourceId, type: 'number', filter: true },
  // Through a LEFT JOIN: null for customers without a source, though the column is NOT NULL.
  sourceName: { expr: sources.name, type: 'text', filter: true, sort: true, nullable: true },
  createdAt: { expr: customers.createdAt, type: 'date', sort: true },
}

/**
 * Ids of the customers the global search matches: their own text or their source's name. A UNION, so each
 * side is found through its own trigram index; an OR across the customer-source join made PostgreSQL scan
 * every customer and compute the search text for each (84 ms at 20k customers, growing with them).
 */
export function matchingCustomerIds(db: Db, q: string) {
  const text = containsPattern(q.toLowerCase())
  const digits = q.replace(/\D/g, '')
  const ownText = db
    .select({ id: customers.id })
    .from(customers)
    .where(
      or(
        ilike(customerSearchText(customers), text),
        digits.length >= 3 ? ilike(customerSearchText(customers), containsPattern(digits)) : undefined,
      ),
    )
  const bySource = db
    .select({ id: customers.id })
    .from(customers)
    .where(
      inArray(
        customers.sourceId,
        db
          .select({ id: sources.id })
          .from(sources)
          .where(ilike(sql`lower(${sources.name})`, text)),
      ),
    )
  return union(ownText, bySource)
}

const RECENT_ORDERS = 10

/** The list's WHERE for these filters and search (no paging or sort); refers to sources: join them. */
export function customerConditions(db: Db, params: Omit<ListParams, 'page' | 'pageSize' | 'sort'>): SQL[] {
  const q = buildListQuery(CUSTOMER_FIELDS, { ...params, page: 1, pageSize: 1 }, customers.id)
  if (params.q) q.where.push(inArray(customers.id, matchingCustomerIds(db, params.q)))
  return q.where
}

export function createCustomersRepository(db: Db) {
  // The customer screen's one statement, built once and prepared by name (Drizzle's relational builder is
  // the costliest part of the request otherwise).
  const customerDetail = db.query.customers
    .findFirst({
      where: eq(customers.id, sql.placeholder('id')),
      with: {
        source: true,
        items: { orderBy: (items, { asc }) => [asc(items.description), asc(items.id)] },
        workOrders: {
          orderBy: [desc(workOrders.dateIn), desc(workOrders.id)],
          limit: RECENT_ORDERS,
          with: { items: { orderBy: (items, { asc }) => [asc(items.id)] } },
        },
      },
    })
    .prepare('customers_detail')
  return {
    async list(params: ListParams, countMatches: CountMatches = countNow) {
      const q = buildListQuery(CUSTOMER_FIELDS, params, customers.id)
      if (params.q) q.where.push(inArray(customers.id, matchingCustomerIds(db, params.q)))
      const where = and(...q.where)
      const [rows, total] = await Promise.all([
        db
          .select({ customer: customers, sourceName: sources.name })
          .from(customers)
          .leftJoin(sources, eq(sources.id, customers.sourceId))
          .where(where)
          .orderBy(...q.orderBy)
          .limit(q.limit)
          .offset(q.offset),
        countMatches(totalKey('customers', params), async () => {
          const [counted] = await db
            .select({ n: count() })
            .from(customers)
            .leftJoin(sources, eq(sources.id, customers.sourceId))
            .where(where)
          return counted?.n ?? 0
        }),
      ])
      return toPage(
        rows.map((r) => ({ ...r.customer, sourceName: r.sourceName })),
        total,
        params,
      )
    },

    /** The customer with source, item catalog and recent work orders with their items, in one statement. */
    async detail(id: number) {
      return customerDetail.execute({ id })
    },

    async get(id: number, tx: Db = db) {
      const [row] = await tx.select().from(customers).where(eq(customers.id, id))
      return row
    },

    async create(values: NewCustomer, tx: Db = db) {
      const [row] = await tx.insert(customers).values(values).returning()
      if (!row) throw new Error('customer insert returned nothing')
      return row
    },

    async update(id: number, values: Partial<NewCustomer>, tx: Db = db) {
      const [row] = await tx
        .update(customers)
        .set({ ...values, updatedAt: sql`now()` })
        .where(eq(customers.id, id))
        .returning()
      return row
    },

    /** Work orders and repair orders of the customer (either keeps the customer from being deleted). */
    async orderCount(id: number, tx: Db = db) {
      const [row] = await tx.select({ n: count() }).from(workOrders).where(eq(workOrders.customerId, id))
      const [repairs] = await tx
        .select({ n: count() })
        .from(repairOrders)
        .where(eq(repairOrders.customerId, id))
      return (row?.n ?? 0) + (repairs?.n ?? 0)
    },

    async remove(id: number, tx: Db = db) {
      const [row] = await tx.delete(customers).where(eq(customers.id, id)).returning({ id: customers.id })
      return row
    },

    /** The legacy import: customers by their legacy number, updated in place when it exists. */
    async upsertByNumber(rows: (NewCustomer & { customerNo: number })[], tx: Db) {
      const values = lastByKey(rows, (r) => r.customerNo)
      const result = await tx
        .insert(customers)
        .values(values)
        .onConflictDoUpdate({ target: customers.customerNo, set: setExcluded(values[0], 'customerNo') })
        .returning({ inserted: insertedFlag })
      return tally(result)
    },

    async idsByNumber(customerNos: number[], tx: Db = db) {
      const rows = await tx
        .select({ id: customers.id, no: customers.customerNo })
        .from(customers)
        .where(inArray(customers.customerNo, customerNos))
      return new Map(rows.map((c) => [c.no, c.id]))
    },
  }
}
