import { count, sql } from 'drizzle-orm'
import type { Db } from '../db/index.js'
import { workOrders } from '../models/index.js'
import { type GenerateOptions, generateShopData } from './generate.js'
import { type LoadCounts, loadShopData } from './load.js'

export class NotEmptyError extends Error {
  override name = 'NotEmptyError'
}

/**
 * Demo data goes only into a database without work orders: its numbers start at 1 and would collide
 * with a shop's real ones.
 */
export async function seedEmptyDatabase(db: Db, options: GenerateOptions): Promise<LoadCounts> {
  const [row] = await db.select({ n: count() }).from(workOrders)
  if ((row?.n ?? 0) > 0)
    throw new NotEmptyError(
      `the database already has ${row?.n} work orders; demo data goes only into an empty one`,
    )
  const counts = await loadShopData(db, generateShopData(options))
  // The state autovacuum keeps a working database in, at once: fresh statistics (else the planner guesses
  // at tables that just grew) and a visibility map (else counts cannot use index-only scans).
  await db.execute(sql`VACUUM ANALYZE`)
  return counts
}
