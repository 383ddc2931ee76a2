import fp from 'fastify-plugin'

/**
 * While the app closes, in-flight requests finish (Fastify waits for them) and new requests on open
 * sockets get 503 (return503OnClosing). A keep-alive socket that served an in-flight request would then
 * sit idle until keepAliveTimeout and hold the close open, so responses sent while closing say
 * `Connection: close`, and Node ends the socket right after them.
 *
 * So does an answer given before the request's body was read to its end: a refused upload (413, 415…)
 * or CSV import stops reading, and Node neither discards the rest (a reader was attached) nor counts the
 * socket idle, so it stayed open and app.close() waited for it until the grace timeout (issue 15, item 15).
 */
export default fp(
  async (app) => {
    let closing = false
    app.addHook('preClose', async () => {
      closing = true
    })
    app.addHook('onSend', (request, reply, payload, done) => {
      if (closing || request.raw.complete === false) reply.header('connection', 'close')
      done(null, payload)
    })
  },
  { name: 'graceful-close' },
)
