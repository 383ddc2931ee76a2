import type { FastifyInstance } from 'fastify'
import { ANY_ROLE } from '../../auth/access.js'
import { AppError } from '../../errors.js'
import { requestContext } from '../../routes/auth.js'
import { AuthErrors } from '../../services/auth.errors.js'
import { Field, Form } from '../components/field.js'
import { setFlash } from '../flash.js'
import { emptyForm, type FormState, readFields } from '../form.js'
import { sendPage } from '../render.js'
import { optionalUser, safeNext } from '../session.js'

type SignInField = 'username' | 'password'
const LABELS = { username: 'Username', password: 'Password' }

function SignInPage({ state, next }: { state: FormState<SignInField>; next: string }) {
  return (
    <section class="narrow">
      <h1>Sign in</h1>
      <Form
        action={`/sign-in?next=${encodeURIComponent(next)}`}
        state={state}
        labels={LABELS}
        submit="Sign in"
      >
        <Field name="username" label={LABELS.username} state={state} autocomplete="username" required />
        <Field
          name="password"
          label={LABELS.password}
          type="password"
          state={state}
          autocomplete="current-password"
          required
        />
      </Form>
      <p class="hint">New here? Ask an admin for an invite link.</p>
    </section>
  )
}

/** Which field a failed sign-in's message belongs beside; lock and throttle messages concern the whole form. */
function signInErrors(err: AppError): FormState<SignInField>['errors'] {
  if (err.code === AuthErrors.invalidCredentials.code) return { password: 'Wrong username or password' }
  return { form: err.message }
}

/** Sign in and sign out: the same service and cookie as POST /auth/login and /auth/logout. */
export default async function signInPages(app: FastifyInstance) {
  const { name: cookieName, options: cookieOptions } = app.sessionCookie
  const loginLimit = { max: app.config.auth.loginRateLimitPerMin, timeWindow: 60_000 }

  app.get<{ Querystring: { next?: string } }>(
    '/sign-in',
    { config: { access: 'public' } },
    async (request, reply) => {
      const next = safeNext(request.query.next)
      if (await optionalUser(app, request)) return reply.redirect(next, 303)
      if ((await app.usersService.count()) === 0) return reply.redirect('/', 303)
      return sendPage(request, reply, {
        title: 'Sign in',
        user: null,
        body: <SignInPage state={emptyForm()} next={next} />,
      })
    },
  )

  app.post<{ Querystring: { next?: string } }>(
    '/sign-in',
    { config: { access: 'public', rateLimit: loginLimit } },
    async (request, reply) => {
      const next = safeNext(request.query.next)
      const values = readFields(request.body, ['username', 'password'] as const, ['password'])
      const state: FormState<SignInField> = { values, errors: {} }
      if (!values.username) state.errors.username = 'Enter your username'
      if (!values.password) state.errors.password = 'Enter your password'
      if (values.username.length > 150) state.errors.username = 'That is too long for a username'
      if (values.password.length > 1024) state.errors.password = 'That is too long for a password'
      if (!state.errors.username && !state.errors.password) {
        try {
          const replacesToken = request.cookies[cookieName]
          const result = await app.authService.login({ ...values, replacesToken }, requestContext(request))
          reply.setCookie(cookieName, result.token, cookieOptions)
          return reply.redirect(next, 303)
        } catch (err) {
          if (!(err instanceof AppError) || err.statusCode >= 500) throw err
          state.errors = signInErrors(err)
          if (err.headers['retry-after']) reply.header('retry-after', err.headers['retry-after'])
        }
      }
      return sendPage(request, reply, {
        title: 'Sign in',
        user: null,
        status: 422,
        body: <SignInPage state={state} next={next} />,
      })
    },
  )

  app.post('/sign-out', { config: { access: ANY_ROLE } }, async (request, reply) => {
    const auth = request.auth
    if (auth) await app.authService.logout(auth.sessionId, auth.user, requestContext(request))
    reply.clearCookie(cookieName, { path: '/' })
    setFlash(reply, { kind: 'info', text: 'You are signed out.' })
    return reply.redirect('/sign-in', 303)
  })
}
