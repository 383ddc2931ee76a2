import { hashPassword, passwordProblem, verifyPassword } from '../auth/passwords.js'
import type { TokenDigester } from '../auth/tokens.js'
import { newToken } from '../auth/tokens.js'
import type { Db } from '../db/index.js'
import { createAuditRepository } from '../repositories/audit.js'
import { createInvitesRepository } from '../repositories/invites.js'
import { createLoginFailuresRepository } from '../repositories/login-failures.js'
import { createSessionsRepository, type SessionTimeouts, TOUCH_INTERVAL_S } from '../repositories/sessions.js'
import { createUsersRepository } from '../repositories/users.js'
import { AuthErrors } from './auth.errors.js'

/**
 * The lockout rule (docs/ACCESS.md): 10 consecutive failures for a username from one client address lock
 * that pair for 15 minutes; the same name from other addresses is not locked, so knowing a username is not
 * enough to lock its owner out. Across addresses, 50 failures within a rolling 15 minutes throttle the
 * name for 15 minutes (429), except from the addresses it signed in from in the last 30 days.
 */
export const LOCKOUT = {
  maxFailures: 10,
  lockMinutes: 15,
  throttleFailures: 50,
  throttleMinutes: 15,
  knownAddressDays: 30,
} as const

export interface RequestContext {
  ip?: string
  userAgent?: string
  requestId?: string
}

export function normalizeUsername(username: string): string {
  return username.trim().toLowerCase()
}

/**
 * Lifts every lock and throttle on a username, from every address (`npm run user -- unlock`, the runbook's
 * unlock); audited. Returns the number of counts removed (0: nothing was locked or counted).
 */
export async function unlockUsername(db: Db, input: string): Promise<number> {
  const username = normalizeUsername(input)
  const removed = await createLoginFailuresRepository(db, LOCKOUT).clearAll(username)
  await createAuditRepository(db).record({
    action: 'auth.unlocked',
    entity: 'user',
    actorUsername: 'cli',
    summary: { username, counts: removed },
  })
  return removed
}

export function createAuthService(deps: { db: Db; digester: TokenDigester; timeouts: SessionTimeouts }) {
  const { db, digester } = deps
  const usersRepo = createUsersRepository(db)
  const sessionsRepo = createSessionsRepository(db, deps.timeouts)
  const failures = createLoginFailuresRepository(db, LOCKOUT)
  const invitesRepo = createInvitesRepository(db)
  const audit = createAuditRepository(db)

  return {
    /**
     * Checks the lock, then the password (against a dummy hash for unknown names, so timing and answers
     * are the same), counts failures across instances, and on success opens a fresh session.
     */
    async login(
      input: { username: string; password: string; replacesToken?: string | undefined },
      ctx: RequestContext,
    ) {
      const username = normalizeUsername(input.username)
      const auditBase = { entity: 'user', actorUsername: username, requestId: ctx.requestId, ip: ctx.ip }
      const client = ctx.ip ?? ''
      const { lockedFor, throttledFor } = await failures.blocks(username, client)
      if (lockedFor > 0) {
        await audit.record({ ...auditBase, action: 'auth.login_refused_locked' })
        throw AuthErrors.accountLocked(lockedFor)
      }
      // Spread over many addresses, the guesses slow down; the owner at a usual address is not held up.
      if (
        throttledFor > 0 &&
        !(await sessionsRepo.signedInFrom(username, client, LOCKOUT.knownAddressDays))
      ) {
        await audit.record({ ...auditBase, action: 'auth.login_refused_throttled' })
        throw AuthErrors.loginThrottled(throttledFor)
      }
      const user = await usersRepo.findByUsername(username)
      const valid = await verifyPassword(user?.passwordHash, input.password)
      if (!valid || !user?.active) {
        const { locked, throttled } = await failures.recordFailure(username, client)
        await audit.record({ ...auditBase, action: 'auth.login_failed', entityId: user?.id })
        if (throttled)
          await audit.record({ ...auditBase, action: 'auth.login_throttled', entityId: user?.id })
        if (locked) {
          await audit.record({ ...auditBase, action: 'auth.account_locked', entityId: user?.id })
          throw AuthErrors.accountLocked(LOCKOUT.lockMinutes * 60)
        }
        throw AuthErrors.invalidCredentials()
      }
      await failures.clear(username, client)
      // Rotation: the session presented with the login (if any) ends; the new one has a new token.
      if (input.replacesToken)
        await sessionsRepo.revokeByTokenHashes(digester.candidates(input.replacesToken))
      const token = newToken()
      const session = await sessionsRepo.create({
        tokenHash: digester.digest(token),
        userId: user.id,
        ...(ctx.ip ? { ip: ctx.ip } : {}),
        ...(ctx.userAgent ? { userAgent: ctx.userAgent.slice(0, 300) } : {}),
      })
      await usersRepo.recordLogin(user.id)
      await audit.record({ ...auditBase, action: 'auth.login', entityId: user.id, actor: user })
      const { passwordHash: _omit, ...publicUser } = user
      return { user: publicUser, token, expiresAt: session.expiresAt }
    },

    /** The live session for a token, refreshing its idle clock; undefined when there is none. */
    async authenticate(token: string) {
      const session = await sessionsRepo.findActive(digester.candidates(token))
      // Most requests of a busy session come within a minute of its last touch: skip that round trip.
      // (The UPDATE is guarded the same way in SQL, for the instances racing on one session.)
      if (session && Date.now() - session.lastSeenAt.getTime() >= TOUCH_INTERVAL_S * 1000)
        await sessionsRepo.touch(session.sessionId)
      return session
    },

    async logout(sessionId: number, actor: { id: number; username: string }, ctx: RequestContext) {
      await sessionsRepo.revoke(sessionId)
      await audit.record({ action: 'auth.logout', entity: 'user', entityId: actor.id, actor, ...ctx })
    },

    /** Creates a user from a one-time invite; the invite is spent only if the user is created. */
    async register(
      input: { token: string; username: string; email?: string | undefined; password: string },
      ctx: RequestContext,
    ) {
      const username = normalizeUsername(input.username)
      const problem = passwordProblem(input.password, username)
      if (problem) throw AuthErrors.weakPassword(problem)
      const passwordHash = await hashPassword(input.password)
      return db.transaction(async (tx) => {
        const invite = await invitesRepo.consume(digester.candidates(input.token), tx)
        if (!invite) throw AuthErrors.inviteInvalid()
        const user = await usersRepo.create(
          { username, email: input.email ?? null, passwordHash, role: invite.role },
          tx,
        )
        if (!user) throw AuthErrors.usernameTaken()
        await invitesRepo.markUsedBy(invite.id, user.id, tx)
        await audit.record(
          {
            action: 'user.registered',
            entity: 'user',
            entityId: user.id,
            actor: user,
            summary: { role: user.role, inviteId: invite.id },
            requestId: ctx.requestId,
            ip: ctx.ip,
          },
          tx,
        )
        return user
      })
    },
  }
}

export type AuthService = ReturnType<typeof createAuthService>
