import { randomBytes } from 'node:crypto'
import fp from 'fastify-plugin'

export const FIRST_ADMIN_HINT =
  'No users yet. Create the first admin with: npm run user -- create --username <name> --role admin ' +
  '(stop the server first when it runs on the embedded database), or start once with DEMO=1 for a demo admin.'

/**
 * A fresh install has no users: say how to create the first admin, or with DEMO=1 create one and print
 * its random password once (to stdout, never to the log).
 */
export default fp(
  async (app) => {
    async function check() {
      try {
        if ((await app.usersService.count()) > 0) return
        if (!app.config.demo) {
          app.log.warn(FIRST_ADMIN_HINT)
          return
        }
        const password = randomBytes(12).toString('base64url')
        await app.usersService.createDirect({ username: 'admin', password, role: 'admin' })
        process.stdout.write(`\nDemo admin created. Username: admin  Password: ${password}  (shown once)\n\n`)
      } catch (err) {
        app.log.warn({ err: { message: (err as Error).message } }, 'could not check for a first admin')
      }
    }
    // In the background: start-up must not wait for a database that is away.
    app.addHook('onReady', async () => {
      void check()
    })
  },
  { name: 'first-admin', dependencies: ['services'] },
)
