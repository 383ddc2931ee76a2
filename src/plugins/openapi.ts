import swagger from '@fastify/swagger'
import swaggerUi from '@fastify/swagger-ui'
import fp from 'fastify-plugin'
import { ErrorResponse } from '../schemas/common.js'
import { version } from '../version.js'

/** OpenAPI generated from the route schemas, served at /docs (JSON at /docs/json). */
export default fp(
  async (app) => {
    app.addSchema(ErrorResponse)
    await app.register(swagger, {
      openapi: {
        openapi: '3.1.0',
        info: {
          title: 'Awning Management System',
          description: 'Back office API of an awning, sail and canvas cleaning-and-repair shop',
          version,
        },
      },
      refResolver: { buildLocalReference: (json, _base, _fragment, i) => String(json.$id ?? `def-${i}`) },
    })
    await app.register(swaggerUi, { routePrefix: '/docs', staticCSP: true })
  },
  { name: 'openapi', dependencies: ['security'] },
)
