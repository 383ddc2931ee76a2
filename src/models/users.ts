import { sql } from 'drizzle-orm'
import {
  boolean,
  index,
  integer,
  pgEnum,
  pgTable,
  primaryKey,
  text,
  timestamp,
  uniqueIndex,
} from 'drizzle-orm/pg-core'
import { id, timestamps } from './columns.js'

export const userRole = pgEnum('user_role', ['admin', 'manager', 'staff'])

export const users = pgTable(
  'users',
  {
    id: id(),
    // Stored lower-cased: "Ann" and "ann" are one account.
    username: text('username').notNull(),
    email: text('email'),
    passwordHash: text('password_hash').notNull(),
    role: userRole('role').notNull(),
    active: boolean('active').notNull().default(true),
    lastLoginAt: timestamp('last_login_at', { withTimezone: true }),
    ...timestamps,
  },
  (t) => [uniqueIndex('users_username_key').on(t.username)],
)

/** Server-side sessions: only an HMAC of the token is stored, so a database leak yields no usable token. */
export const sessions = pgTable(
  'sessions',
  {
    id: id(),
    tokenHash: text('token_hash').notNull(),
    userId: integer('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    lastSeenAt: timestamp('last_seen_at', { withTimezone: true }).notNull().defaultNow(),
    expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
    revokedAt: timestamp('revoked_at', { withTimezone: true }),
    ip: text('ip'),
    userAgent: text('user_agent'),
  },
  (t) => [
    uniqueIndex('sessions_token_hash_key').on(t.tokenHash),
    index('sessions_user_id_idx').on(t.userId),
    index('sessions_expires_at_idx').on(t.expiresAt),
  ],
)

/** One-time invitations to register, with an expiry (the legacy ones never expired). */
export const invites = pgTable(
  'invites',
  {
    id: id(),
    tokenHash: text('token_hash').notNull(),
    role: userRole('role').notNull(),
    email: text('email'),
    expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
    usedAt: timestamp('used_at', { withTimezone: true }),
    usedBy: integer('used_by').references(() => users.id, { onDelete: 'set null' }),
    createdBy: integer('created_by').references(() => users.id, { onDelete: 'set null' }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex('invites_token_hash_key').on(t.tokenHash)],
)

/** The `client` of the row that counts a username's failures from every address together. */
export const ANY_CLIENT = '*'

/**
 * Consecutive failed logins, in PostgreSQL so the counts hold across instances: one row per username and
 * client address (the lock), and one per username with client `*` (the slower throttle across addresses;
 * docs/ACCESS.md). Keyed by the name typed, whether or not such a user exists, so lockout behaviour does not
 * reveal which names exist. Rows from before the per-address rule became `*` rows.
 */
export const loginFailures = pgTable(
  'login_failures',
  {
    username: text('username').notNull(),
    client: text('client').notNull().default(ANY_CLIENT),
    failedCount: integer('failed_count').notNull().default(0),
    lockedUntil: timestamp('locked_until', { withTimezone: true }),
    lastFailedAt: timestamp('last_failed_at', { withTimezone: true }).notNull().default(sql`now()`),
  },
  (t) => [primaryKey({ columns: [t.username, t.client] })],
)

export type User = typeof users.$inferSelect
export type NewUser = typeof users.$inferInsert
export type Role = (typeof userRole.enumValues)[number]
