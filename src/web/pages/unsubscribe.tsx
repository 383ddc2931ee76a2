import type { FastifyInstance, FastifyRequest } from 'fastify'
import { sendPage } from '../render.js'

const tokenOf = (request: FastifyRequest) => (request.params as { token?: string }).token ?? ''

function Confirm({ name, action, optedOut }: { name: string; action: string; optedOut: boolean }) {
  return (
    <section class="narrow">
      <h1>Unsubscribe</h1>
      {optedOut ? (
        <p>{`${name} receives no more e-mail from us already.`}</p>
      ) : (
        <>
          <p>{`Stop all e-mail from us to ${name}: order notices and yearly cleaning reminders.`}</p>
          <form method="post" action={action}>
            <button type="submit" class="primary">
              Unsubscribe
            </button>
          </form>
        </>
      )}
    </section>
  )
}

/**
 * The unsubscribe link of every e-mail (no login: the token is signed with SECRET_KEY). GET only shows the
 * confirmation, since mail scanners open links; POST applies it: the button, or a mail client's RFC 8058
 * one-click POST (`List-Unsubscribe=One-Click`). A forged or altered token is a 400 page.
 */
export default async function unsubscribePages(app: FastifyInstance) {
  const { mailService } = app
  app.get('/unsubscribe/:token', { config: { access: 'public' } }, async (request, reply) => {
    const token = tokenOf(request)
    const target = await mailService.unsubscribeTarget(token)
    return sendPage(request, reply, {
      title: 'Unsubscribe',
      user: null,
      body: <Confirm name={target.name} optedOut={target.optedOut} action={`/unsubscribe/${token}`} />,
    })
  })

  // RFC 8058's own example posts multipart/form-data; the token in the path is all that counts, so any
  // small body is read and ignored (the pages' urlencoded parser covers the confirmation button).
  await app.register(async (oneClick) => {
    oneClick.addContentTypeParser(
      ['multipart/form-data', 'text/plain'],
      { parseAs: 'string', bodyLimit: 16 * 1024 },
      (_request, _body, done) => done(null, {}),
    )
    oneClick.post('/unsubscribe/:token', { config: { access: 'public' } }, async (request, reply) => {
      await mailService.unsubscribe(tokenOf(request), { requestId: request.id, ip: request.ip })
      return sendPage(request, reply, {
        title: 'Unsubscribed',
        user: null,
        body: (
          <section class="narrow">
            <h1>Unsubscribed</h1>
            <p role="status">You will receive no more e-mail from us. Thank you for being our customer.</p>
          </section>
        ),
      })
    })
  })
}
