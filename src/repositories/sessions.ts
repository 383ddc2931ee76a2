import { and, eq, gt, inArray, isNull, lt, sql } from 'drizzle-orm'
import type { Db } from '../db/index.js'
import { sessions, users } from '../models/index.js'
import type { PublicUser } from './users.js'

export interface SessionTimeouts {
  idleS: number
  maxAgeS: number
}

export interface ActiveSession {
  sessionId: number
  lastSeenAt: Date
  user: Pick<PublicUser, 'id' | 'username' | 'email' | 'role' | 'active'>
}

/** last_seen_at is written at most this often, so a busy session costs no write per request. */
export const TOUCH_INTERVAL_S = 60

export function createSessionsRepository(db: Db, timeouts: SessionTimeouts) {
  // Every authenticated request runs this lookup: built once and prepared by name, so neither Drizzle nor
  // PostgreSQL parses it again.
  const activeSession = db
    .select({
      sessionId: sessions.id,
      lastSeenAt: sessions.lastSeenAt,
      user: {
        id: users.id,
        username: users.username,
        email: users.email,
        role: users.role,
        active: users.active,
      },
    })
    .from(sessions)
    .innerJoin(users, eq(users.id, sessions.userId))
    .where(
      and(
        sql`${sessions.tokenHash} = any(${sql.placeholder('hashes')}::text[])`,
        isNull(sessions.revokedAt),
        gt(sessions.expiresAt, sql`now()`),
        gt(sessions.lastSeenAt, sql`now() - make_interval(secs => ${timeouts.idleS})`),
        eq(users.active, true),
      ),
    )
    .limit(1)
    .prepare('sessions_find_active')
  return {
    async create(input: { tokenHash: string; userId: number; ip?: string; userAgent?: string }) {
      const [row] = await db
        .insert(sessions)
        .values({
          ...input,
          expiresAt: sql`now() + make_interval(secs => ${timeouts.maxAgeS})`,
        })
        .returning({ id: sessions.id, expiresAt: sessions.expiresAt })
      if (!row) throw new Error('session insert returned nothing')
      return row
    },

    /** The session behind one of these digests, if it is unrevoked, within both expiries, and its user active. */
    async findActive(tokenHashes: string[]): Promise<ActiveSession | undefined> {
      const [row] = await activeSession.execute({ hashes: tokenHashes })
      return row
    },

    async touch(sessionId: number): Promise<void> {
      await db
        .update(sessions)
        .set({ lastSeenAt: sql`now()` })
        .where(
          and(
            eq(sessions.id, sessionId),
            lt(sessions.lastSeenAt, sql`now() - make_interval(secs => ${TOUCH_INTERVAL_S})`),
          ),
        )
    },

    async revoke(sessionId: number): Promise<void> {
      await db
        .update(sessions)
        .set({ revokedAt: sql`now()` })
        .where(and(eq(sessions.id, sessionId), isNull(sessions.revokedAt)))
    },

    async revokeByTokenHashes(tokenHashes: string[]): Promise<void> {
      await db
        .update(sessions)
        .set({ revokedAt: sql`now()` })
        .where(and(inArray(sessions.tokenHash, tokenHashes), isNull(sessions.revokedAt)))
    },

    /** Whether this username signed in from this address within `days` (the login throttle spares it). */
    async signedInFrom(username: string, ip: string, days: number): Promise<boolean> {
      const [row] = await db
        .select({ id: sessions.id })
        .from(sessions)
        .innerJoin(users, eq(users.id, sessions.userId))
        .where(
          and(
            eq(users.username, username),
            eq(sessions.ip, ip),
            gt(sessions.createdAt, sql`now() - make_interval(days => ${days})`),
          ),
        )
        .limit(1)
      return row !== undefined
    },

    async revokeAllForUser(userId: number): Promise<number> {
      const rows = await db
        .update(sessions)
        .set({ revokedAt: sql`now()` })
        .where(and(eq(sessions.userId, userId), isNull(sessions.revokedAt)))
        .returning({ id: sessions.id })
      return rows.length
    },
  }
}

export type SessionsRepository = ReturnType<typeof createSessionsRepository>
