import { AppError } from '../errors.js'

// The auth layer's client errors; codes are stable, messages say what to do next.
export const AuthErrors = {
  invalidCredentials: () => new AppError(401, 'auth.invalid_credentials', 'Invalid username or password'),
  accountLocked: (seconds: number) =>
    new AppError(
      423,
      'auth.account_locked',
      `Too many failed logins: this account is locked for ${Math.max(1, Math.ceil(seconds / 60))} more minute(s) from this address`,
      { 'retry-after': String(Math.max(1, seconds)) },
    ),
  loginThrottled: (seconds: number) =>
    new AppError(
      429,
      'auth.login_throttled',
      `Too many failed logins for this account from several places: try again in ${Math.max(1, Math.ceil(seconds / 60))} minute(s), or from where you usually sign in`,
      { 'retry-after': String(Math.max(1, seconds)) },
    ),
  required: () =>
    new AppError(
      401,
      'auth.required',
      'Sign in first: send the session cookie or an Authorization: Bearer token',
    ),
  sessionInvalid: () =>
    new AppError(401, 'auth.session_invalid', 'The session has expired or was ended; sign in again'),
  forbidden: (role: string) => new AppError(403, 'auth.forbidden', `The ${role} role cannot do this`),
  csrf: () =>
    new AppError(
      403,
      'auth.csrf_rejected',
      'Cross-site request refused: cookie-authenticated writes must come from this site (or use a Bearer token)',
    ),
  cronNotConfigured: () => new AppError(503, 'cron.not_configured', 'cron secret not configured'),
  cronInvalid: () => new AppError(401, 'cron.invalid_secret', 'Missing or wrong X-Cron-Secret header'),
  weakPassword: (problem: string) => new AppError(400, 'auth.weak_password', problem),
  inviteInvalid: () =>
    new AppError(400, 'invite.invalid', 'This invite is invalid, has expired, or was already used'),
  usernameTaken: () => new AppError(409, 'user.username_taken', 'That username is taken'),
  cannotChangeSelf: () =>
    new AppError(409, 'user.cannot_change_self', 'You cannot change your own role or deactivate yourself'),
  userNotFound: () => new AppError(404, 'user.not_found', 'No such user'),
}
