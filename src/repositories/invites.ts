import { and, desc, eq, gt, inArray, isNull, sql } from 'drizzle-orm'
import type { Db } from '../db/index.js'
import { invites, type Role, users } from '../models/index.js'

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

    /** The newest invites with who made them and who used them (never the token digest). */
    async list(limit: number) {
      const creator = sql<string | null>`(SELECT u.username FROM users u WHERE u.id = ${invites.createdBy})`
      return db
        .select({
          id: invites.id,
          role: invites.role,
          email: invites.email,
          expiresAt: invites.expiresAt,
          usedAt: invites.usedAt,
          createdAt: invites.createdAt,
          createdBy: creator,
          usedBy: users.username,
        })
        .from(invites)
        .leftJoin(users, eq(users.id, invites.usedBy))
        .orderBy(desc(invites.id))
        .limit(limit)
    },

    /** Deletes an unused invite (its link stops working); undefined when there is none or it was used. */
    async removeUnused(id: number) {
      const [row] = await db
        .delete(invites)
        .where(and(eq(invites.id, id), isNull(invites.usedAt)))
        .returning({ id: invites.id, role: invites.role, email: invites.email })
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
