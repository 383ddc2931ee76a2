import { and, eq, gt, inArray, sql } from 'drizzle-orm'
import type { Db } from '../db/index.js'
import { ANY_CLIENT, loginFailures } from '../models/index.js'

export interface LockoutPolicy {
  /** Consecutive failures for one username from one client address that lock that pair… */
  maxFailures: number
  /** …for this long. */
  lockMinutes: number
  /** Failures for one username from all addresses together that throttle it… */
  throttleFailures: number
  /** …for this long; the total also starts again once this long has passed without a failure. */
  throttleMinutes: number
}

export interface LoginBlock {
  /** Seconds left on the lock of this (username, address) pair, 0 when none. */
  lockedFor: number
  /** Seconds left on the username's throttle across addresses, 0 when none. */
  throttledFor: number
}

const c = loginFailures

export function createLoginFailuresRepository(db: Db, policy: LockoutPolicy) {
  const isTotal = sql`${c.client} = ${ANY_CLIENT}`
  // The failure being counted: the total is a rolling count, forgotten after a quiet throttle period.
  const next = sql`(case when ${isTotal} and ${c.lastFailedAt} < now() - make_interval(mins => ${policy.throttleMinutes})
    then 1 else ${c.failedCount} + 1 end)`
  const limit = sql`(case when ${isTotal} then ${policy.throttleFailures}::int else ${policy.maxFailures}::int end)`
  const period = sql`make_interval(mins => case when ${isTotal} then ${policy.throttleMinutes}::int else ${policy.lockMinutes}::int end)`
  const reached = sql`${next} >= ${limit}`

  return {
    /** What stands between this client and a password check for this username. */
    async blocks(username: string, client: string): Promise<LoginBlock> {
      const rows = await db
        .select({
          client: c.client,
          seconds: sql<number>`ceil(extract(epoch from (${c.lockedUntil} - now())))::int`,
        })
        .from(c)
        .where(
          and(
            eq(c.username, username),
            inArray(c.client, [client, ANY_CLIENT]),
            gt(c.lockedUntil, sql`now()`),
          ),
        )
      const seconds = (which: string) => rows.find((r) => r.client === which)?.seconds ?? 0
      return { lockedFor: client === ANY_CLIENT ? 0 : seconds(client), throttledFor: seconds(ANY_CLIENT) }
    },

    /**
     * Counts one more failure for the pair and for the username's total, atomically across instances (one
     * statement; the rows are always taken in the same order). The failure that reaches a limit sets the
     * lock or the throttle and restarts that count, so after it ends another full round is allowed.
     */
    async recordFailure(username: string, client: string): Promise<{ locked: boolean; throttled: boolean }> {
      const rows = await db
        .insert(c)
        .values([
          { username, client, failedCount: 1 },
          { username, client: ANY_CLIENT, failedCount: 1 },
        ])
        .onConflictDoUpdate({
          target: [c.username, c.client],
          set: {
            failedCount: sql`case when ${reached} then 0 else ${next} end`,
            lockedUntil: sql`case when ${reached} then now() + ${period} else ${c.lockedUntil} end`,
            lastFailedAt: sql`now()`,
          },
        })
        .returning({ client: c.client, failedCount: c.failedCount })
      // A count is back at 0 only when this failure reached its limit.
      const reset = (which: string) => rows.some((r) => r.client === which && r.failedCount === 0)
      return { locked: reset(client), throttled: reset(ANY_CLIENT) }
    },

    /** A successful login clears its own pair; the username's total runs out on its own. */
    async clear(username: string, client: string): Promise<void> {
      await db.delete(c).where(and(eq(c.username, username), eq(c.client, client)))
    },

    /** Everything counted against a username: the runbook's unlock (`npm run user -- unlock`). */
    async clearAll(username: string): Promise<number> {
      const removed = await db.delete(c).where(eq(c.username, username)).returning({ client: c.client })
      return removed.length
    },
  }
}

export type LoginFailuresRepository = ReturnType<typeof createLoginFailuresRepository>
