import { type SQL, sql } from 'drizzle-orm'

/** `xmax = 0` tells a freshly inserted row from an updated one in an upsert's RETURNING. */
export const insertedFlag = sql<boolean>`(xmax = 0)`

export function tally(rows: { inserted: boolean }[]): { inserted: number; updated: number } {
  const inserted = rows.filter((r) => r.inserted).length
  return { inserted, updated: rows.length - inserted }
}

/** An upsert's SET: every given column but the key takes the proposed row's value. */
export function setExcluded(row: object | undefined, key: string): Record<string, SQL> {
  const columns = Object.keys(row ?? {}).filter((k) => k !== key)
  const set: Record<string, SQL> = Object.fromEntries(
    columns.map((k) => [k, sql.raw(`excluded.${k.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`)}`)]),
  )
  return { ...set, updatedAt: sql`now()` }
}

/** Last row wins when a batch names the same key twice (one statement cannot upsert a row twice). */
export function lastByKey<T>(rows: T[], key: (row: T) => string | number): T[] {
  return [...new Map(rows.map((r) => [key(r), r])).values()]
}
