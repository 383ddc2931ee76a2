import { defineErrors, passedOn } from '../errors.js'

const minutes = (seconds: number) => Math.max(1, Math.ceil(seconds / 60))
const retryAfter = (seconds: number) => ({ 'retry-after': String(Math.max(1, seconds)) })

// Sign-in, sessions, access, the cron secret, invites and users; messages say what to do next.
export const AuthErrors = defineErrors('auth', {
  invalidCredentials: {
    status: 401,
    code: 'auth.invalid_credentials',
    message: 'Invalid username or password',
  },
  accountLocked: {
    status: 423,
    code: 'auth.account_locked',
    about: 'Too many failed logins for this account from this address; Retry-After says for how long',
    message: (seconds: number) =>
      `Too many failed logins: this account is locked for ${minutes(seconds)} more minute(s) from this address`,
    headers: retryAfter,
  },
  loginThrottled: {
    status: 429,
    code: 'auth.login_throttled',
    about: 'Too many failed logins for this account from several places; Retry-After says for how long',
    message: (seconds: number) =>
      `Too many failed logins for this account from several places: try again in ${minutes(seconds)} minute(s), or from where you usually sign in`,
    headers: retryAfter,
  },
  required: {
    status: 401,
    code: 'auth.required',
    message: 'Sign in first: send the session cookie or an Authorization: Bearer token',
  },
  sessionInvalid: {
    status: 401,
    code: 'auth.session_invalid',
    message: 'The session has expired or was ended; sign in again',
  },
  forbidden: {
    status: 403,
    code: 'auth.forbidden',
    about: "The caller's role may not do this (a route, or a status step only managers may take)",
    message: (role: string, why?: string) => why ?? `The ${role} role cannot do this`,
  },
  csrf: {
    status: 403,
    code: 'auth.csrf_rejected',
    message:
      'Cross-site request refused: cookie-authenticated writes must come from this site (or use a Bearer token)',
  },
  cronNotConfigured: { status: 503, code: 'cron.not_configured', message: 'cron secret not configured' },
  cronInvalid: { status: 401, code: 'cron.invalid_secret', message: 'Missing or wrong X-Cron-Secret header' },
  weakPassword: {
    status: 400,
    code: 'auth.weak_password',
    ...passedOn('The password is too short, too common or too easy to guess; the message says why'),
  },
  inviteInvalid: {
    status: 400,
    code: 'invite.invalid',
    message: 'This invite is invalid, has expired, or was already used',
  },
  usernameTaken: { status: 409, code: 'user.username_taken', message: 'That username is taken' },
  cannotChangeSelf: {
    status: 409,
    code: 'user.cannot_change_self',
    message: 'You cannot change your own role or deactivate yourself',
  },
  userNotFound: { status: 404, code: 'user.not_found', message: 'No such user' },
})
