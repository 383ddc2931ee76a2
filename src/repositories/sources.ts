import { and, count, eq, ilike, inArray, sql } from 'drizzle-orm'
import type { Db } from '../db/index.js'
import type { SourceFilter } from '../domain/list-fields.js'
import { type NewSource, sources } from '../models/index.js'
import { buildListQuery, containsPattern, type ListField, type ListParams, toPage } from './list-query.js'
import { insertedFlag, lastByKey, tally } from './upsert.js'

export const SOURCE_FIELDS: Record<SourceFilter | 'createdAt', ListField> = {
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

    /** The legacy import: sources by name, updated in place when the name exists. */
    async upsertByName(rows: NewSource[], tx: Db) {
      const result = await tx
        .insert(sources)
        .values(lastByKey(rows, (r) => r.name))
        .onConflictDoUpdate({
          target: sources.name,
          set: {
            address: sql`excluded.address`,
            city: sql`excluded.city`,
            state: sql`excluded.state`,
            zip: sql`excluded.zip`,
            phone: sql`excluded.phone`,
            fax: sql`excluded.fax`,
            email: sql`excluded.email`,
            updatedAt: sql`now()`,
          },
        })
        .returning({ inserted: insertedFlag })
      return tally(result)
    },

    /** Ids by name, creating (by name only) those that do not exist yet; `created` names them. */
    async ensureNamed(names: (string | null)[], tx: Db) {
      const wanted = [...new Set(names.filter((n): n is string => !!n))]
      if (wanted.length === 0) return { ids: new Map<string, number>(), created: [] as string[] }
      const created = await tx
        .insert(sources)
        .values(wanted.map((name) => ({ name })))
        .onConflictDoNothing()
        .returning({ name: sources.name })
      const rows = await tx
        .select({ id: sources.id, name: sources.name })
        .from(sources)
        .where(inArray(sources.name, wanted))
      return { ids: new Map(rows.map((r) => [r.name, r.id])), created: created.map((c) => c.name) }
    },
  }
}
