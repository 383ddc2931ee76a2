import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify'
import { ANY_ROLE, MANAGERS } from '../../auth/access.js'
import { AppError } from '../../errors.js'
import { writeContext } from '../../routes/context.js'
import { CatalogErrors } from '../../services/catalog.errors.js'
import type { CatalogService } from '../../services/catalog.js'
import { CustomerErrors } from '../../services/customers.errors.js'
import {
  CATALOG_FIELDS,
  Catalog,
  type CatalogField,
  type CatalogProps,
  catalogValues,
  validateCatalog,
} from '../components/customers/catalog.js'
import { CustomerHub, type HubData } from '../components/customers/customer-hub.js'
import { canWrite, pathId, queryText } from '../components/customers/page-helpers.js'
import { setFlash } from '../flash.js'
import { emptyForm, type FormState, hasErrors, readFields } from '../form.js'
import { isHtmx, sendFragment, sendPage } from '../render.js'
import { signedInUser } from '../session.js'

const HUB_ORDERS = 20

/** Everything the customer hub shows: the customer (with source and catalog) and its orders, open first. */
export async function hubData(app: FastifyInstance, request: FastifyRequest, id: number): Promise<HubData> {
  const [customer, orders] = await Promise.all([
    app.customersService.detail(id),
    // The status enum is declared in the order of the work's life: received … packaged, completed, cancelled.
    app.workOrdersService.list({
      page: 1,
      pageSize: HUB_ORDERS,
      sort: 'status,-dateIn',
      filters: { customerId: String(id) },
    }),
  ])
  const writer = canWrite(signedInUser(request))
  const editItem = Number(queryText(request, 'editItem'))
  const editing = writer ? customer.items.find((item) => item.id === editItem) : undefined
  return {
    customer,
    orders: orders.data,
    orderTotal: orders.total,
    canWrite: writer,
    catalog: editing ? { editing: { id: editing.id, state: emptyForm(catalogValues(editing)) } } : {},
  }
}

/**
 * The catalog's inline add/edit/delete on the customer hub. htmx posts and gets back the catalog section;
 * without JavaScript the same posts answer the whole hub (or redirect to it).
 */
export default async function customerCatalogPages(
  app: FastifyInstance,
  { catalog }: { catalog: CatalogService },
) {
  /** The catalog section (htmx) or the hub around it, with this state of the forms. */
  async function answer(
    request: FastifyRequest,
    reply: FastifyReply,
    customerId: number,
    props: Partial<CatalogProps>,
    status = 200,
  ) {
    if (isHtmx(request)) {
      const items = await catalog.list(customerId)
      const user = signedInUser(request)
      return sendFragment(
        reply,
        <Catalog customerId={customerId} items={items} canWrite={canWrite(user)} {...props} />,
        status,
      )
    }
    if (status === 200 && props.notice) {
      setFlash(reply, { kind: 'success', text: props.notice })
      return reply.redirect(`/customers/${customerId}#catalog`, 303)
    }
    const data = await hubData(app, request, customerId)
    return sendPage(request, reply, {
      title: data.customer.name,
      status,
      body: <CustomerHub data={{ ...data, catalog: props }} />,
    })
  }

  /** Validates, writes, and maps the service's refusals onto the form (a duplicate piece, a vanished one). */
  async function write(
    request: FastifyRequest,
    reply: FastifyReply,
    customerId: number,
    itemId: number | undefined,
    run: (input: ReturnType<typeof validateCatalog>['catalog']) => Promise<{ description: string }>,
  ) {
    const values = readFields(request.body, CATALOG_FIELDS)
    const { state, catalog: input } = validateCatalog(values)
    const form = (s: FormState<CatalogField>) =>
      itemId === undefined ? { adding: s } : { editing: { id: itemId, state: s } }
    if (!hasErrors(state)) {
      try {
        const saved = await run(input)
        return answer(request, reply, customerId, { notice: `Saved ${saved.description}.` })
      } catch (err) {
        if (!(err instanceof AppError) || err.statusCode >= 500) throw err
        if (err.code === CustomerErrors.notFound.code) throw err
        if (err.code === CatalogErrors.duplicate.code) state.errors.description = err.message
        else state.errors.form = err.message
      }
    }
    return answer(request, reply, customerId, form(state), 422)
  }

  app.get('/customers/:id/catalog', { config: { access: ANY_ROLE } }, async (request, reply) => {
    const customerId = pathId(request)
    if (!isHtmx(request)) return reply.redirect(`/customers/${customerId}#catalog`, 303)
    const itemId = Number(queryText(request, 'editItem'))
    if (!Number.isInteger(itemId) || itemId < 1 || !canWrite(signedInUser(request)))
      return answer(request, reply, customerId, {})
    const item = await catalog.get(customerId, itemId)
    return answer(request, reply, customerId, {
      editing: { id: item.id, state: emptyForm(catalogValues(item)) },
    })
  })

  app.post('/customers/:id/catalog', { config: { access: MANAGERS } }, async (request, reply) => {
    const customerId = pathId(request)
    return write(request, reply, customerId, undefined, (input) =>
      catalog.add(writeContext(request), customerId, input),
    )
  })

  app.post('/customers/:id/catalog/:itemId', { config: { access: MANAGERS } }, async (request, reply) => {
    const customerId = pathId(request)
    const itemId = pathId(request, 'itemId')
    return write(request, reply, customerId, itemId, (input) =>
      catalog.update(writeContext(request), customerId, itemId, input),
    )
  })

  app.post(
    '/customers/:id/catalog/:itemId/delete',
    { config: { access: MANAGERS } },
    async (request, reply) => {
      const customerId = pathId(request)
      const itemId = pathId(request, 'itemId')
      const item = await catalog.get(customerId, itemId)
      await catalog.remove(writeContext(request), customerId, itemId)
      return answer(request, reply, customerId, { notice: `Deleted ${item.description}.` })
    },
  )
}
