import { hashPassword, passwordProblem, verifyPassword } from '../auth/passwords.js'
import type { Db } from '../db/index.js'
import { createAuditRepository } from '../repositories/audit.js'
import { createUserPasswordsRepository } from '../repositories/user-passwords.js'
import { AccountErrors } from './account.errors.js'
import { AuthErrors } from './auth.errors.js'
import type { RequestContext } from './auth.js'

export interface AccountActor {
  id: number
  username: string
  sessionId: number
}

/**
 * What a signed-in user does to their own account ("My account" page). Changing the password ends every
 * other session of the user: whoever knew the old password is signed out everywhere else.
 */
export function createAccountService(deps: { db: Db }) {
  const { db } = deps
  const passwords = createUserPasswordsRepository(db)
  const audit = createAuditRepository(db)

  return {
    async changePassword(actor: AccountActor, input: { current: string; next: string }, ctx: RequestContext) {
      const hash = await passwords.hashOf(actor.id)
      if (!hash || !(await verifyPassword(hash, input.current))) {
        await audit.record({
          action: 'account.password_change_refused',
          entity: 'user',
          entityId: actor.id,
          actor,
          ...ctx,
        })
        throw AccountErrors.wrongPassword()
      }
      const problem = passwordProblem(input.next, actor.username)
      if (problem) throw AuthErrors.weakPassword(problem)
      const nextHash = await hashPassword(input.next)
      return db.transaction(async (tx) => {
        const sessionsEnded = await passwords.replace(actor.id, nextHash, actor.sessionId, tx)
        await audit.record(
          {
            action: 'account.password_changed',
            entity: 'user',
            entityId: actor.id,
            actor,
            summary: { sessionsEnded },
            ...ctx,
          },
          tx,
        )
        return { sessionsEnded }
      })
    },
  }
}

export type AccountService = ReturnType<typeof createAccountService>
