import { and, eq, isNull, ne, sql } from 'drizzle-orm'
import type { Db } from '../db/index.js'
import { sessions, users } from '../models/index.js'

/** The password hash of one user and the sessions a password change ends (src/services/account.ts). */
export function createUserPasswordsRepository(db: Db) {
  return {
    async hashOf(userId: number): Promise<string | undefined> {
      const [row] = await db.select({ hash: users.passwordHash }).from(users).where(eq(users.id, userId))
      return row?.hash
    },

    /** Sets the new hash and ends the user's other sessions, in one transaction. */
    async replace(userId: number, passwordHash: string, keepSessionId: number, tx: Db): Promise<number> {
      await tx.update(users).set({ passwordHash, updatedAt: sql`now()` }).where(eq(users.id, userId))
      const ended = await tx
        .update(sessions)
        .set({ revokedAt: sql`now()` })
        .where(and(eq(sessions.userId, userId), ne(sessions.id, keepSessionId), isNull(sessions.revokedAt)))
        .returning({ id: sessions.id })
      return ended.length
    },
  }
}
