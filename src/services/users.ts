export type { PublicUser } from '../repositories/users.js'

import { hashPassword, passwordProblem } from '../auth/passwords.js'
import { newToken, type TokenDigester } from '../auth/tokens.js'
import type { Db } from '../db/index.js'
import type { Role } from '../models/index.js'
import { type AuditActor, createAuditRepository } from '../repositories/audit.js'
import { createInvitesRepository } from '../repositories/invites.js'
import type { ListParams } from '../repositories/list-query.js'
import { createSessionsRepository, type SessionTimeouts } from '../repositories/sessions.js'
import { createUsersRepository } from '../repositories/users.js'
import { AuthErrors } from './auth.errors.js'
import { normalizeUsername, type RequestContext } from './auth.js'

export interface DirectUser {
  username: string
  email?: string | undefined
  password: string
  role: Role
}

/** Creates a user without an invite (the bootstrap command, the demo admin), with the same policy and audit. */
export async function createUserDirect(db: Db, input: DirectUser) {
  const username = normalizeUsername(input.username)
  const problem = passwordProblem(input.password, username)
  if (problem) throw AuthErrors.weakPassword(problem)
  const user = await createUsersRepository(db).create({
    username,
    email: input.email ?? null,
    passwordHash: await hashPassword(input.password),
    role: input.role,
  })
  if (!user) throw AuthErrors.usernameTaken()
  await createAuditRepository(db).record({
    action: 'user.created',
    entity: 'user',
    entityId: user.id,
    actorUsername: 'cli',
    summary: { role: user.role },
  })
  return user
}

/** Administration of accounts: invites, role changes, deactivation; every change audited. */
export function createUsersService(deps: { db: Db; digester: TokenDigester; timeouts: SessionTimeouts }) {
  const { db, digester } = deps
  const usersRepo = createUsersRepository(db)
  const invitesRepo = createInvitesRepository(db)
  const sessionsRepo = createSessionsRepository(db, deps.timeouts)
  const audit = createAuditRepository(db)

  return {
    list: () => usersRepo.list(),
    count: () => usersRepo.count(),
    recentAudit: (limit: number) => audit.recent(limit),
    /** The audit log page by page, filtered (the admin page). */
    auditPage: (params: ListParams) => audit.page(params),
    /** The newest invites and their state (the token is never stored, so never shown again). */
    listInvites: (limit = 50) => invitesRepo.list(limit),

    /** Withdraws an unused invite: its link stops working at once. Audited. */
    async revokeInvite(actor: AuditActor, id: number, ctx: RequestContext) {
      const removed = await invitesRepo.removeUnused(id)
      if (!removed) throw AuthErrors.inviteNotFound()
      await audit.record({
        action: 'invite.revoked',
        entity: 'invite',
        entityId: id,
        actor,
        summary: { role: removed.role, email: removed.email },
        ...ctx,
      })
      return removed
    },

    async createInvite(
      actor: AuditActor,
      input: { role: Role; email?: string | undefined; ttlDays: number },
      ctx: RequestContext,
    ) {
      const token = newToken()
      const invite = await invitesRepo.create({
        tokenHash: digester.digest(token),
        role: input.role,
        ...(input.email ? { email: input.email } : {}),
        ttlDays: input.ttlDays,
        createdBy: actor.id,
      })
      await audit.record({
        action: 'invite.created',
        entity: 'invite',
        entityId: invite.id,
        actor,
        summary: { role: input.role, email: input.email ?? null, ttlDays: input.ttlDays },
        ...ctx,
      })
      return { ...invite, token }
    },

    async update(
      actor: AuditActor,
      id: number,
      changes: { role?: Role | undefined; active?: boolean | undefined },
      ctx: RequestContext,
    ) {
      if (id === actor.id) throw AuthErrors.cannotChangeSelf()
      const before = await usersRepo.findById(id)
      if (!before) throw AuthErrors.userNotFound()
      const patch = {
        ...(changes.role !== undefined ? { role: changes.role } : {}),
        ...(changes.active !== undefined ? { active: changes.active } : {}),
      }
      const after = (await usersRepo.update(id, patch)) ?? before
      // Deactivation ends every session at once (lookups also check users.active).
      const sessionsEnded = changes.active === false ? await sessionsRepo.revokeAllForUser(id) : 0
      await audit.record({
        action: 'user.updated',
        entity: 'user',
        entityId: id,
        actor,
        summary: { from: { role: before.role, active: before.active }, to: patch, sessionsEnded },
        ...ctx,
      })
      return after
    },

    /** For the bootstrap command and the demo admin: no invite needed. */
    createDirect: (input: DirectUser) => createUserDirect(db, input),
  }
}

export type UsersService = ReturnType<typeof createUsersService>
