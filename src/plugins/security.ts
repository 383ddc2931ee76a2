import helmet from '@fastify/helmet'
import fp from 'fastify-plugin'

/**
 * Security headers on every response. The CSP is strict; /docs works under it because swagger-ui
 * is registered with staticCSP (hashes for its own inline scripts).
 */
export default fp(
  async (app) => {
    await app.register(helmet, {
      global: true,
      contentSecurityPolicy: {
        directives: {
          defaultSrc: ["'self'"],
          scriptSrc: ["'self'"],
          styleSrc: ["'self'", "'unsafe-inline'"],
          imgSrc: ["'self'", 'data:'],
          connectSrc: ["'self'"],
          objectSrc: ["'none'"],
          frameAncestors: ["'none'"],
          upgradeInsecureRequests: null,
        },
      },
      hsts: { maxAge: 31_536_000, includeSubDomains: true },
    })
  },
  { name: 'security' },
)
