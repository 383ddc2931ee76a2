import type { FastifyInstance } from 'fastify'
import { ANY_ROLE } from '../../auth/access.js'
import { AppError } from '../../errors.js'
import { requestContext } from '../../routes/auth.js'
import { AccountErrors } from '../../services/account.errors.js'
import type { AccountService } from '../../services/account.js'
import { AuthErrors } from '../../services/auth.errors.js'
import { Field, Form } from '../components/field.js'
import { setFlash } from '../flash.js'
import { emptyForm, type FormState, readFields } from '../form.js'
import { sendPage } from '../render.js'
import { type SessionUser, signedInUser } from '../session.js'

type PasswordField = 'current' | 'next' | 'confirm'
const LABELS = { current: 'Current password', next: 'New password', confirm: 'Repeat the new password' }

function AccountPage({ user, state }: { user: SessionUser; state: FormState<PasswordField> }) {
  return (
    <section class="narrow">
      <h1>My account</h1>
      <dl class="facts">
        <dt>Username</dt>
        <dd>{user.username}</dd>
        <dt>Role</dt>
        <dd>{user.role}</dd>
        <dt>E-mail</dt>
        <dd>{user.email ?? 'none'}</dd>
      </dl>
      <h2>Change password</h2>
      <p class="hint">Changing it signs you out everywhere else.</p>
      <Form action="/account/password" state={state} labels={LABELS} submit="Change password">
        <Field
          name="current"
          label={LABELS.current}
          type="password"
          state={state}
          autocomplete="current-password"
          required
        />
        <Field
          name="next"
          label={LABELS.next}
          hint="At least 8 characters, not a common password"
          type="password"
          state={state}
          autocomplete="new-password"
          required
        />
        <Field
          name="confirm"
          label={LABELS.confirm}
          type="password"
          state={state}
          autocomplete="new-password"
          required
        />
      </Form>
    </section>
  )
}

/** "My account": who am I, and change my password (src/services/account.ts). */
export default async function accountPages(app: FastifyInstance, { account }: { account: AccountService }) {
  const limit = { max: app.config.auth.loginRateLimitPerMin, timeWindow: 60_000 }

  app.get('/account', { config: { access: ANY_ROLE } }, async (request, reply) =>
    sendPage(request, reply, {
      title: 'My account',
      body: <AccountPage user={signedInUser(request)} state={emptyForm()} />,
    }),
  )

  app.post(
    '/account/password',
    { config: { access: ANY_ROLE, rateLimit: limit } },
    async (request, reply) => {
      const user = signedInUser(request)
      const values = readFields(request.body, ['current', 'next', 'confirm'] as const, [
        'current',
        'next',
        'confirm',
      ])
      const state: FormState<PasswordField> = { values: {}, errors: {} }
      if (!values.current) state.errors.current = 'Enter your current password'
      if (!values.next) state.errors.next = 'Choose a new password'
      else if (values.next.length > 1024) state.errors.next = 'That is too long for a password'
      else if (values.next !== values.confirm) state.errors.confirm = 'The two new passwords differ'
      if (Object.keys(state.errors).length === 0) {
        try {
          const actor = { ...user, sessionId: request.auth?.sessionId ?? 0 }
          await account.changePassword(
            actor,
            { current: values.current, next: values.next },
            requestContext(request),
          )
          setFlash(reply, { kind: 'success', text: 'Your password is changed.' })
          return reply.redirect('/account', 303)
        } catch (err) {
          if (!(err instanceof AppError) || err.statusCode >= 500) throw err
          if (err.code === AccountErrors.wrongPassword.code) state.errors.current = err.message
          else if (err.code === AuthErrors.weakPassword.code) state.errors.next = err.message
          else state.errors.form = err.message
        }
      }
      return sendPage(request, reply, {
        title: 'My account',
        status: 422,
        body: <AccountPage user={user} state={state} />,
      })
    },
  )
}
