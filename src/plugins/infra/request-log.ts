import fp from 'fastify-plugin'

/** Probes polled by the load balancer: logged at debug, so info logs are not flooded. */
const QUIET_ROUTES = new Set(['/health'])

/**
 * One line per request (Fastify's built-in pair of lines is turned off), and a warning containing
 * "request took N ms" above SLOW_REQUEST_MS, which the runbook's CloudWatch Insights query parses.
 */
export default fp(
  async (app) => {
    const slowMs = app.config.slowRequestMs
    // Callback hooks, not async ones: they run on every request, and a promise per hook shows in profiles.
    app.addHook('onSend', (request, reply, payload, done) => {
      reply.header('x-request-id', request.id)
      done(null, payload)
    })
    app.addHook('onResponse', (request, reply, done) => {
      const responseTime = Math.round(reply.elapsedTime)
      const line = { req: request, statusCode: reply.statusCode, responseTime }
      if (responseTime > slowMs) {
        request.log.warn(line, `request took ${responseTime} ms`)
      } else if (QUIET_ROUTES.has(request.routeOptions.url ?? '')) {
        request.log.debug(line, 'request completed')
      } else {
        request.log.info(line, 'request completed')
      }
      done()
    })
  },
  { name: 'request-log', dependencies: ['config'] },
)
