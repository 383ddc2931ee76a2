import type { App } from '../../src/app.js'
import type { Role } from '../../src/models/index.js'

let counter = 0

export const GOOD_PASSWORD = 'correct horse battery staple'

/** A user created directly (as the bootstrap command does) and signed in through the service. */
export async function userWithSession(
  app: App,
  role: Role,
  username = `${role}-${process.pid}-${++counter}`,
) {
  const user = await app.usersService.createDirect({ username, password: GOOD_PASSWORD, role })
  const session = await app.authService.login({ username, password: GOOD_PASSWORD }, {})
  return { user, token: session.token, bearer: { authorization: `Bearer ${session.token}` } }
}

/** A new session for an existing user. */
export async function newSession(app: App, username: string) {
  const session = await app.authService.login({ username, password: GOOD_PASSWORD }, {})
  return { token: session.token, bearer: { authorization: `Bearer ${session.token}` } }
}

/** The value of a Set-Cookie header for the session cookie, parsed. */
export function sessionCookie(setCookie: string | string[] | undefined) {
  const raw = [setCookie ?? []].flat().find((c) => c.includes('ams_session='))
  if (!raw) return undefined
  const [pair, ...attributes] = raw.split(';').map((s) => s.trim())
  const [name, value] = (pair as string).split('=') as [string, string]
  return { name, value, attributes: attributes.map((a) => a.toLowerCase()), header: `${name}=${value}` }
}
