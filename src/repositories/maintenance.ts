import { sql } from 'drizzle-orm'
import type { Db } from '../db/index.js'

/** After a bulk load: what autovacuum and the numbering would otherwise catch up with later. */
export function createMaintenanceRepository(db: Db) {
  return {
    /** Imported rows bring their own numbers: new ones continue after the highest. */
    async resyncNumbering() {
      await db.execute(
        sql`SELECT setval('customer_number_seq', greatest((SELECT max(customer_no) FROM customers), 1))`,
      )
      await db.execute(
        sql`SELECT setval('work_order_number_seq', greatest((SELECT max(work_order_no) FROM work_orders), 1))`,
      )
      await db.execute(
        // Not called when empty: the first repair order is then #1, not #2.
        sql`SELECT setval('repair_order_number_seq', coalesce(m, 1), m IS NOT NULL) FROM (SELECT max(repair_order_no) AS m FROM repair_orders) x`,
      )
    },

    /**
     * Leaves the tables as autovacuum would, at once: statistics for the planner (until ANALYZE, freshly
     * loaded tables are planned from guesses) and the visibility map, without which a list's exact count
     * reads every heap page instead of an index alone. VACUUM only visits the pages the load changed. It
     * cannot run in a transaction, hence one statement per table.
     */
    async vacuumAnalyze(tables: readonly string[]) {
      for (const table of tables) await db.execute(sql.raw(`VACUUM (ANALYZE) ${table}`))
    },
  }
}
