import type { WebApp } from './browser.js'

/** A manager's write context for seeding through the services, as the pages and the API write. */
export async function seedWriter(app: WebApp, username = 'seed-manager') {
  const user = await app.app.usersService.createDirect({
    username,
    password: 'a ladder of blue canvas',
    role: 'manager',
  })
  return { actor: { id: user.id, username: user.username }, role: 'manager' as const }
}
