import { hashPassword, passwordProblem, verifyPassword } from '../auth/passwords.js'
import type { Db } from '../db/index.js'
import { AppError } from '../errors.js'
import { createAuditRepository } from '../repositories/audit.js'
import { createUserPasswordsRepository } from '../repositories/user-passwords.js'
import type { RequestContext } from './auth.js'

export const AccountErrors = {
  wrongPassword: () => new AppError(400, 'account.wrong_password', 'That is not your current password'),
  weakPassword: (problem: string) => new AppError(400, 'auth.weak_password', problem),
}

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
      if (problem) throw AccountErrors.weakPassword(problem)
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
