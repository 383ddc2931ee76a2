import type { FastifyInstance } from 'fastify'
import { AppError } from '../../errors.js'
import { requestContext } from '../../routes/auth.js'
import { USERNAME_PATTERN } from '../../schemas/auth.js'
import { AuthErrors } from '../../services/auth.errors.js'
import { Field, Form } from '../components/field.js'
import { setFlash } from '../flash.js'
import { emptyForm, type FormState, readFields } from '../form.js'
import { sendPage } from '../render.js'

type RegisterField = 'username' | 'email' | 'password' | 'confirm'
const LABELS = {
  username: 'Username',
  email: 'E-mail (optional)',
  password: 'Password',
  confirm: 'Repeat the password',
}
const USERNAME = new RegExp(USERNAME_PATTERN)
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/

function RegisterPage({ state, token }: { state: FormState<RegisterField>; token: string }) {
  return (
    <section class="narrow">
      <h1>Create your account</h1>
      <p>An admin invited you. Choose a username and a password.</p>
      <Form
        action={`/register?token=${encodeURIComponent(token)}`}
        state={state}
        labels={LABELS}
        submit="Create account"
      >
        <Field
          name="username"
          label={LABELS.username}
          hint="2 to 64 letters, digits, dots, dashes or underscores"
          state={state}
          autocomplete="username"
          required
        />
        <Field name="email" label={LABELS.email} type="email" state={state} autocomplete="email" />
        <Field
          name="password"
          label={LABELS.password}
          hint="At least 8 characters; a few unrelated words are easy to remember"
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

function validate(values: Record<RegisterField, string>): FormState<RegisterField>['errors'] {
  const errors: FormState<RegisterField>['errors'] = {}
  if (!USERNAME.test(values.username))
    errors.username = 'Use 2 to 64 letters, digits, dots, dashes or underscores'
  if (values.email && (values.email.length > 254 || !EMAIL.test(values.email)))
    errors.email = 'Enter an e-mail address like name@example.com, or leave it empty'
  if (!values.password) errors.password = 'Choose a password'
  else if (values.password.length > 1024) errors.password = 'That is too long for a password'
  else if (values.password !== values.confirm) errors.confirm = 'The two passwords differ'
  return errors
}

/** Which field a refused registration's message belongs beside. */
function registerErrors(err: AppError): FormState<RegisterField>['errors'] {
  if (err.code === AuthErrors.weakPassword.code) return { password: err.message }
  if (err.code === AuthErrors.usernameTaken.code) return { username: err.message }
  return { form: err.message }
}

/** Register from an invite link (`/register?token=…`, what the admin copies): POST /auth/register's rules. */
export default async function registerPages(app: FastifyInstance) {
  const { name: cookieName, options: cookieOptions } = app.sessionCookie
  const limit = { max: app.config.auth.loginRateLimitPerMin, timeWindow: 60_000 }

  app.get<{ Querystring: { token?: string } }>(
    '/register',
    { config: { access: 'public' } },
    async (request, reply) => {
      const token = request.query.token ?? ''
      return sendPage(request, reply, {
        title: 'Create your account',
        user: null,
        body: <RegisterPage state={emptyForm()} token={token} />,
      })
    },
  )

  app.post<{ Querystring: { token?: string } }>(
    '/register',
    { config: { access: 'public', rateLimit: limit } },
    async (request, reply) => {
      const token = request.query.token ?? ''
      const values = readFields(request.body, ['username', 'email', 'password', 'confirm'] as const, [
        'password',
        'confirm',
      ])
      const state: FormState<RegisterField> = { values, errors: validate(values) }
      if (!token)
        state.errors.form = 'This page needs the invite link you were sent; ask an admin for a new one'
      if (Object.keys(state.errors).length === 0) {
        try {
          const input = { token, username: values.username, password: values.password }
          const user = await app.authService.register(
            values.email ? { ...input, email: values.email } : input,
            requestContext(request),
          )
          // Signed in at once: the new user just proved the password.
          const session = await app.authService.login(
            { username: user.username, password: values.password },
            requestContext(request),
          )
          reply.setCookie(cookieName, session.token, cookieOptions)
          setFlash(reply, { kind: 'success', text: `Welcome, ${user.username}. Your account is ready.` })
          return reply.redirect('/', 303)
        } catch (err) {
          if (!(err instanceof AppError) || err.statusCode >= 500) throw err
          state.errors = registerErrors(err)
        }
      }
      return sendPage(request, reply, {
        title: 'Create your account',
        user: null,
        status: 422,
        body: <RegisterPage state={state} token={token} />,
      })
    },
  )
}
