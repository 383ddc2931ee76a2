import { and, gt, inArray, isNull, sql } from 'drizzle-orm'
import type { Db } from '../db/index.js'
import { invites, type Role } from '../models/index.js'

export function createInvitesRepository(db: Db) {
  return {
    async create(input: {
      tokenHash: string
      role: Role
      email?: string
      ttlDays: number
      createdBy: number
    }) {
      const [row] = await db
        .insert(invites)
        .values({
          tokenHash: input.tokenHash,
          role: input.role,
          email: input.email,
          createdBy: input.createdBy,
          expiresAt: sql`now() + make_interval(days => ${input.ttlDays})`,
        })
        .returning({ id: invites.id, role: invites.role, expiresAt: invites.expiresAt })
      if (!row) throw new Error('invite insert returned nothing')
      return row
    },

    /**
     * Marks an unused, unexpired invite as used and returns it; a second use finds nothing. Run inside the
     * transaction that creates the user, so a failed registration does not spend the invite.
     */
    async consume(tokenHashes: string[], tx: Db) {
      const [row] = await tx
        .update(invites)
        .set({ usedAt: sql`now()` })
        .where(
          and(
            inArray(invites.tokenHash, tokenHashes),
            isNull(invites.usedAt),
            gt(invites.expiresAt, sql`now()`),
          ),
        )
        .returning({ id: invites.id, role: invites.role })
      return row
    },

    async markUsedBy(inviteId: number, userId: number, tx: Db) {
      await tx
        .update(invites)
        .set({ usedBy: userId })
        .where(inArray(invites.id, [inviteId]))
    },
  }
}

export type InvitesRepository = ReturnType<typeof createInvitesRepository>
