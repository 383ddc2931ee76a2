import { asc, count, eq, sql } from 'drizzle-orm'
import type { Db } from '../db/index.js'
import { type NewUser, type Role, type User, users } from '../models/index.js'

/** What may leave the server about a user (never the hash). */
export type PublicUser = Omit<User, 'passwordHash'>

const publicColumns = {
  id: users.id,
  username: users.username,
  email: users.email,
  role: users.role,
  active: users.active,
  lastLoginAt: users.lastLoginAt,
  createdAt: users.createdAt,
  updatedAt: users.updatedAt,
}

export function createUsersRepository(db: Db) {
  return {
    async findByUsername(username: string): Promise<User | undefined> {
      const [row] = await db.select().from(users).where(eq(users.username, username))
      return row
    },

    async findById(id: number): Promise<PublicUser | undefined> {
      const [row] = await db.select(publicColumns).from(users).where(eq(users.id, id))
      return row
    },

    async list(): Promise<PublicUser[]> {
      return db.select(publicColumns).from(users).orderBy(asc(users.username))
    },

    async count(): Promise<number> {
      const [row] = await db.select({ n: count() }).from(users)
      return row?.n ?? 0
    },

    /** Undefined when the username is taken. */
    async create(user: NewUser, tx: Db = db): Promise<PublicUser | undefined> {
      const [row] = await tx.insert(users).values(user).onConflictDoNothing().returning(publicColumns)
      return row
    },

    async update(id: number, changes: { role?: Role; active?: boolean }): Promise<PublicUser | undefined> {
      const [row] = await db
        .update(users)
        .set({ ...changes, updatedAt: sql`now()` })
        .where(eq(users.id, id))
        .returning(publicColumns)
      return row
    },

    async recordLogin(id: number): Promise<void> {
      await db.update(users).set({ lastLoginAt: sql`now()` }).where(eq(users.id, id))
    },
  }
}

export type UsersRepository = ReturnType<typeof createUsersRepository>
