import { built, defineErrors, fixed, passedOn } from '../errors.js'

const minutes = (seconds: number) => Math.max(1, Math.ceil(seconds / 60))
const retryAfter = (seconds: number) => ({ 'retry-after': String(Math.max(1, seconds)) })

// Sign-in, sessions, access, the cron secret, invites and users; messages say what to do next.
export const AuthErrors = defineErrors('auth', {
  invalidCredentials: fixed(401, 'auth.invalid_credentials', 'Invalid username or password'),
  accountLocked: built(
    423,
    'auth.account_locked',
    'Too many failed logins for this account from this address; Retry-After says for how long',
    (seconds: number) =>
      `Too many failed logins: this account is locked for ${minutes(seconds)} more minute(s) from this address`,
    retryAfter,
  ),
  loginThrottled: built(
    429,
    'auth.login_throttled',
    'Too many failed logins for this account from several places; Retry-After says for how long',
    (seconds: number) =>
      `Too many failed logins for this account from several places: try again in ${minutes(seconds)} minute(s), or from where you usually sign in`,
    retryAfter,
  ),
  required: fixed(
    401,
    'auth.required',
    'Sign in first: send the session cookie or an Authorization: Bearer token',
  ),
  sessionInvalid: fixed(401, 'auth.session_invalid', 'The session has expired or was ended; sign in again'),
  forbidden: built(
    403,
    'auth.forbidden',
    "The caller's role may not do this (a route, or a status step only managers may take)",
    (role: string, why?: string) => why ?? `The ${role} role cannot do this`,
  ),
  csrf: fixed(
    403,
    'auth.csrf_rejected',
    'Cross-site request refused: cookie-authenticated writes must come from this site (or use a Bearer token)',
  ),
  cronNotConfigured: fixed(503, 'cron.not_configured', 'cron secret not configured'),
  cronInvalid: fixed(401, 'cron.invalid_secret', 'Missing or wrong X-Cron-Secret header'),
  weakPassword: passedOn(
    400,
    'auth.weak_password',
    'The password is too short, too common or too easy to guess; the message says why',
  ),
  inviteInvalid: fixed(400, 'invite.invalid', 'This invite is invalid, has expired, or was already used'),
  usernameTaken: fixed(409, 'user.username_taken', 'That username is taken'),
  inviteNotFound: fixed(
    404,
    'invite.not_found',
    'No unused invite with that id: it was used or already revoked',
  ),
  cannotChangeSelf: fixed(
    409,
    'user.cannot_change_self',
    'You cannot change your own role or deactivate yourself',
  ),
  userNotFound: fixed(404, 'user.not_found', 'No such user'),
})
