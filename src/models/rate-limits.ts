import { integer, pgTable, text, timestamp } from 'drizzle-orm/pg-core'

/** Fixed-window request counters shared by every instance (per-process limits were a legacy mistake). */
export const rateLimits = pgTable('rate_limits', {
  key: text('key').primaryKey(),
  count: integer('count').notNull(),
  windowStart: timestamp('window_start', { withTimezone: true }).notNull(),
})
