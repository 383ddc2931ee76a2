// The references' server, in its own process like ours (sharing the load generator's process would
// halve it): a bare Fastify hello-world, or with --security-headers the same plus our security headers.
//   tsx bench/references/bare-fastify.ts <port> [--security-headers]
import Fastify from 'fastify'
import { securityHeaders } from '../../src/plugins/infra/security.js'

const port = Number(process.argv[2])
const app = Fastify()
if (process.argv.includes('--security-headers')) {
  const headers = securityHeaders()
  app.addHook('onRequest', (_request, reply, done) => {
    reply.headers(headers)
    done()
  })
}
app.get('/', async () => ({ hello: 'world' }))
await app.listen({ port, host: '127.0.0.1' })
