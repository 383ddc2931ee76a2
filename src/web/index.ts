import type { FastifyInstance } from 'fastify'
import fp from 'fastify-plugin'
import { assetsRoute } from './assets-route.js'
import { notFoundRoute, pageErrorHandler } from './errors.js'
import { addFormParser } from './form.js'
import { loadNavCounts } from './nav-counts.js'
import accountPages from './pages/account.js'
import adminPages from './pages/admin.js'
import analyticsPages from './pages/analytics.js'
import boardPages from './pages/board.js'
import checkInPages from './pages/check-ins.js'
import customerCatalogPages from './pages/customer-catalog.js'
import customerPages from './pages/customers.js'
import homePages from './pages/home.js'
import mailPages from './pages/mail.js'
import modelPages from './pages/models.js'
import queuePages from './pages/queue.js'
import registerPages from './pages/register.js'
import repairOrderDetailPages from './pages/repair-order-detail.js'
import repairOrderFormPages from './pages/repair-order-form.js'
import repairOrdersListPages from './pages/repair-orders-list.js'
import signInPages from './pages/sign-in.js'
import sourcePages from './pages/sources.js'
import unsubscribePages from './pages/unsubscribe.js'
import workOrderDetailPages from './pages/work-order-detail.js'
import workOrderFormPages from './pages/work-order-form.js'
import workOrdersListPages from './pages/work-orders-list.js'
import { isHtmx } from './render.js'

declare module 'fastify' {
  interface FastifyInstance {
    /** `METHOD /url` of every route of the web room: pages and assets (tests tell them from API routes by it). */
    webRoutes: Set<string>
  }
}

/** The pages' own context: HTML errors and form bodies (the API's context keeps JSON for both). */
async function pages(app: FastifyInstance) {
  app.addHook('onRoute', (route) => {
    for (const method of [route.method].flat())
      if (method !== 'HEAD') app.webRoutes.add(`${method} ${route.url}`)
  })
  app.setErrorHandler(pageErrorHandler)
  // Whole pages only: htmx fragments have no navigation, and a POST answers with a redirect (its rare 422
  // page shows the navigation without the count rather than paying for it on every form post).
  app.addHook('preHandler', async (request) => {
    if (request.auth && request.method === 'GET' && !isHtmx(request)) await loadNavCounts(app, request)
  })
  addFormParser(app)

  await app.register(assetsRoute)
  await app.register(homePages)
  await app.register(signInPages)
  await app.register(registerPages)
  await app.register(accountPages, { account: app.accountService })
  await app.register(workOrdersListPages)
  await app.register(workOrderFormPages, { drafts: app.workOrderDraftsService })
  await app.register(workOrderDetailPages)
  await app.register(checkInPages)
  await app.register(repairOrdersListPages)
  await app.register(repairOrderFormPages)
  await app.register(repairOrderDetailPages)
  await app.register(queuePages)
  await app.register(boardPages)
  await app.register(customerPages)
  await app.register(customerCatalogPages, { catalog: app.catalogService })
  await app.register(sourcePages)
  await app.register(analyticsPages)
  await app.register(modelPages)
  await app.register(adminPages)
  await app.register(mailPages)
  await app.register(unsubscribePages)
  // Add page groups here (docs/WEB.md, "Adding a page").

  notFoundRoute(app)
}

/**
 * The web room (docs/WEB.md): server-rendered pages over the same services, session, roles and CSRF rule as
 * the API, and the fingerprinted assets they load. One plugin beside the API routes.
 */
export default fp(
  async (app) => {
    app.decorate('webRoutes', new Set<string>())
    await app.register(pages)
  },
  { name: 'web', dependencies: ['auth', 'services', 'rate-limit'] },
)
