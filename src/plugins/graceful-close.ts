import fp from 'fastify-plugin'

/**
 * While the app closes, in-flight requests finish (Fastify waits for them) and new requests on open
 * sockets get 503 (return503OnClosing). A keep-alive socket that served an in-flight request would then
 * sit idle until keepAliveTimeout and hold the close open, so responses sent while closing say
 * `Connection: close`, and Node ends the socket right after them.
 */
export default fp(
  async (app) => {
    let closing = false
    app.addHook('preClose', async () => {
      closing = true
    })
    app.addHook('onSend', (_request, reply, payload, done) => {
      if (closing) reply.header('connection', 'close')
      done(null, payload)
    })
  },
  { name: 'graceful-close' },
)
