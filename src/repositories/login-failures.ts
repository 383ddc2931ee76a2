import { eq, sql } from 'drizzle-orm'
import type { Db } from '../db/index.js'
import { loginFailures } from '../models/index.js'

export interface LockoutPolicy {
  maxFailures: number
  lockMinutes: number
}

export function createLoginFailuresRepository(db: Db, policy: LockoutPolicy) {
  return {
    /** Seconds until the lock on this username ends, or 0 when it is not locked. */
    async lockedForSeconds(username: string): Promise<number> {
      const [row] = await db
        .select({
          seconds: sql<number>`ceil(greatest(0, extract(epoch from (${loginFailures.lockedUntil} - now()))))::int`,
        })
        .from(loginFailures)
        .where(eq(loginFailures.username, username))
      return row?.seconds ?? 0
    },

    /**
     * Counts one more consecutive failure, atomically across instances. The failure that reaches the
     * limit locks the username and restarts the count, so after the lock ends another full round is allowed.
     */
    async recordFailure(username: string): Promise<{ locked: boolean; failedCount: number }> {
      const [row] = await db
        .insert(loginFailures)
        .values({ username, failedCount: 1 })
        .onConflictDoUpdate({
          target: loginFailures.username,
          set: { failedCount: sql`${loginFailures.failedCount} + 1`, lastFailedAt: sql`now()` },
        })
        .returning({ failedCount: loginFailures.failedCount })
      const failedCount = row?.failedCount ?? 1
      if (failedCount < policy.maxFailures) return { locked: false, failedCount }
      await db
        .update(loginFailures)
        .set({ failedCount: 0, lockedUntil: sql`now() + make_interval(mins => ${policy.lockMinutes})` })
        .where(eq(loginFailures.username, username))
      return { locked: true, failedCount }
    },

    async clear(username: string): Promise<void> {
      await db.delete(loginFailures).where(eq(loginFailures.username, username))
    },
  }
}

export type LoginFailuresRepository = ReturnType<typeof createLoginFailuresRepository>
