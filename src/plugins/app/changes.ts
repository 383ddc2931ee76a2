import fp from 'fastify-plugin'
import { type ChangeHub, createChangeHub } from '../../services/changes.js'

declare module 'fastify' {
  interface FastifyInstance {
    /** Announces committed writes of business data (the cache-invalidation hook point). */
    changes: ChangeHub
  }
}

export default fp(
  async (app) => {
    app.decorate(
      'changes',
      createChangeHub((err) => app.log.error({ err }, 'change listener failed')),
    )
  },
  { name: 'changes' },
)
