import type { FastifyInstance } from 'fastify'
import { loadNavCounts } from '../nav-counts.js'
import { sendPage } from '../render.js'
import { optionalUser } from '../session.js'
import { renderDashboard } from './dashboard.js'

function FirstStart() {
  return (
    <section class="narrow">
      <h1>Welcome: create the first admin</h1>
      <p>This system has no users yet. Create the first admin account from a terminal on this computer:</p>
      <ol class="steps">
        <li>
          Stop the server (<kbd>Ctrl</kbd>+<kbd>C</kbd> in its terminal): the built-in database admits one
          program at a time.
        </li>
        <li>
          Run <code>npm run user -- create --username yourname --role admin</code> and type a password twice
          (at least 8 characters).
        </li>
        <li>
          Start the server again with <code>npm start</code> and reload this page to sign in.
        </li>
      </ol>
      <p>
        To look around first, start with <code>DEMO=1 npm start</code> instead: it creates a demo admin and
        prints its password once in the terminal.
      </p>
      <p class="hint">
        With a PostgreSQL server (DATABASE_URL), the server can keep running while you create the user.
      </p>
    </section>
  )
}

/**
 * `/`: the first-start instructions while there are no users, the sign-in page for strangers, the
 * dashboard for the signed-in.
 */
export default async function homePages(app: FastifyInstance) {
  // Users are deactivated, never deleted: once there is one, there always is.
  let hasUsers = false
  app.get('/', { config: { access: 'public' } }, async (request, reply) => {
    const user = await optionalUser(app, request)
    if (user) {
      await loadNavCounts(app, request)
      return renderDashboard(request, reply, user)
    }
    hasUsers ||= (await app.usersService.count()) > 0
    if (hasUsers) return reply.redirect('/sign-in', 303)
    return sendPage(request, reply, { title: 'First start', user: null, body: <FirstStart /> })
  })
}
