import type { FastifyReply, FastifyRequest } from 'fastify'
import { sendPage } from '../render.js'
import type { SessionUser } from '../session.js'

/**
 * The signed-in start page. A placeholder until the dashboard (issue 17, page 2) replaces this function;
 * home.tsx calls it, so the dashboard's helper edits only this file.
 */
export async function renderDashboard(request: FastifyRequest, reply: FastifyReply, user: SessionUser) {
  return sendPage(request, reply, {
    title: 'Dashboard',
    user,
    body: (
      <section>
        <h1>Dashboard</h1>
        <p>{`Signed in as ${user.username} (${user.role}).`}</p>
        <p>
          The shop's numbers will be here. Use the navigation above for the work orders, the queue and the
          customers.
        </p>
      </section>
    ),
  })
}
