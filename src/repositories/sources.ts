import { and, count, eq, ilike, sql } from 'drizzle-orm'
import type { Db } from '../db/index.js'
import { type NewSource, sources } from '../models/index.js'
import { buildListQuery, containsPattern, type ListField, type ListParams, toPage } from './list-query.js'

export const SOURCE_FIELDS: Record<string, ListField> = {
  name: { expr: sources.name, type: 'text', filter: true, sort: true },
  city: { expr: sources.city, type: 'text', filter: true, sort: true },
  state: { expr: sources.state, type: 'text', filter: true, sort: true },
  createdAt: { expr: sources.createdAt, type: 'date', sort: true },
}

export function createSourcesRepository(db: Db) {
  return {
    async list(params: ListParams) {
      const q = buildListQuery(SOURCE_FIELDS, params, sources.id)
      if (params.q) q.where.push(ilike(sql`lower(${sources.name})`, containsPattern(params.q.toLowerCase())))
      const where = and(...q.where)
      const [rows, [total]] = await Promise.all([
        db
          .select()
          .from(sources)
          .where(where)
          .orderBy(...q.orderBy)
          .limit(q.limit)
          .offset(q.offset),
        db.select({ n: count() }).from(sources).where(where),
      ])
      return toPage(rows, total?.n ?? 0, params)
    },

    async get(id: number) {
      const [row] = await db.select().from(sources).where(eq(sources.id, id))
      return row
    },

    async findByName(name: string, tx: Db = db) {
      const [row] = await tx.select().from(sources).where(eq(sources.name, name))
      return row
    },

    /** Undefined when the name is taken. */
    async create(values: NewSource, tx: Db = db) {
      const [row] = await tx.insert(sources).values(values).onConflictDoNothing().returning()
      return row
    },

    async update(id: number, values: Partial<NewSource>, tx: Db = db) {
      const [row] = await tx
        .update(sources)
        .set({ ...values, updatedAt: sql`now()` })
        .where(eq(sources.id, id))
        .returning()
      return row
    },

    async remove(id: number, tx: Db = db) {
      const [row] = await tx.delete(sources).where(eq(sources.id, id)).returning({ id: sources.id })
      return row
    },
  }
}
