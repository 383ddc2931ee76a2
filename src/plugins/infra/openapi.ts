import swagger from '@fastify/swagger'
import swaggerUi from '@fastify/swagger-ui'
import type { FastifySchema } from 'fastify'
import fp from 'fastify-plugin'
import type { Access } from '../../auth/access.js'
import { codesWithStatus } from '../../error-registry.js'
import { ErrorRef, ErrorResponse } from '../../schemas/common.js'
import { version } from '../../version.js'

declare module 'fastify' {
  interface FastifyContextConfig {
    /**
     * The request body as documented, for routes that read their body as a stream (an upload, a CSV
     * import): a `body` schema would be validated against the stream, so it is given to the document only.
     */
    documentedBody?: { consumes: string[]; schema: Record<string, unknown> }
  }
}

/** The OpenAPI security schemes, named as the per-operation `security` entries use them. */
export const SECURITY = {
  bearer: 'bearerAuth',
  cookie: 'sessionCookie',
  cron: 'cronSecret',
} as const

/** What a route's `config.access` asks of a caller, as OpenAPI security requirements (alternatives). */
export function securityOf(access: Access | undefined): Record<string, string[]>[] | undefined {
  if (access === undefined || access === 'public') return undefined
  const scheme = (name: string): Record<string, string[]> => ({ [name]: [] })
  const session = [scheme(SECURITY.bearer), scheme(SECURITY.cookie)]
  if (access === 'cron') return [scheme(SECURITY.cron)]
  if ('cronOr' in access) return [scheme(SECURITY.cron), ...session]
  return session
}

/** A response map with each error reference described by the codes of its status. */
function describeErrors(responses: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(
    Object.entries(responses).map(([status, response]) => {
      const codes = codesWithStatus(Number(status))
      if ((response as { $ref?: string }).$ref !== (ErrorRef as { $ref?: string }).$ref || codes.length === 0)
        return [status, response]
      const description = `Error; \`code\` is one of: ${codes.map((c) => `\`${c}\``).join(', ')} (docs/ERRORS.md)`
      return [status, { ...(response as object), description }]
    }),
  )
}

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
        components: {
          securitySchemes: {
            [SECURITY.bearer]: {
              type: 'http',
              scheme: 'bearer',
              description: 'The token POST /auth/login returns',
            },
            [SECURITY.cookie]: {
              type: 'apiKey',
              in: 'cookie',
              name: app.sessionCookie.name,
              description: 'The session cookie POST /auth/login sets (writes must come from this site)',
            },
            [SECURITY.cron]: {
              type: 'apiKey',
              in: 'header',
              name: 'X-Cron-Secret',
              description: 'CRON_SECRET, for the scheduled retrain',
            },
          },
        },
      },
      // One place turns each route's access rule (and a streamed body's description) into the document.
      // Each error response lists the codes its status can carry (src/error-registry.ts).
      transform: ({ schema, url, route }) => {
        const security = securityOf(route.config?.access)
        const body = route.config?.documentedBody
        return {
          url,
          schema: {
            ...schema,
            ...(schema?.response
              ? { response: describeErrors(schema.response as Record<string, unknown>) }
              : {}),
            ...(security ? { security } : {}),
            ...(body ? { body: body.schema, consumes: body.consumes } : {}),
          } as FastifySchema,
        }
      },
      refResolver: { buildLocalReference: (json, _base, _fragment, i) => String(json.$id ?? `def-${i}`) },
    })
    await app.register(swaggerUi, { routePrefix: '/docs', staticCSP: true })
  },
  { name: 'openapi', dependencies: ['security', 'auth'] },
)
