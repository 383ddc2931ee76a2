import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify'
import { ANY_ROLE, MANAGERS } from '../../auth/access.js'
import { CUSTOMER_FILTERS } from '../../domain/list-fields.js'
import { AppError } from '../../errors.js'
import { writeContext } from '../../routes/context.js'
import { CustomerErrors } from '../../services/customers.errors.js'
import type { CustomerInput } from '../../services/customers.js'
import {
  CUSTOMER_FIELD_NAMES,
  CUSTOMER_TEXT_FIELDS,
  type CustomerField,
  CustomerForm,
  type CustomerTextField,
} from '../components/customers/customer-form.js'
import { CustomerHub, type HubData } from '../components/customers/customer-hub.js'
import { CustomersListPage } from '../components/customers/customers-list.js'
import { CsvLink, CustomersTable, HiddenListState } from '../components/customers/customers-table.js'
import { listOrMessage, readListQuery, toListParams } from '../components/customers/list-query.js'
import { canWrite, pathId } from '../components/customers/page-helpers.js'
import { validateTextFields } from '../components/customers/text-fields.js'
import { setFlash } from '../flash.js'
import { emptyForm, type FormState, hasErrors, readFields } from '../form.js'
import { isHtmx, sendFragment, sendPage } from '../render.js'
import { signedInUser } from '../session.js'
import { hubData } from './customer-catalog.js'

function customerValues(customer: Record<string, unknown>): Partial<Record<CustomerField, string>> {
  const values: Partial<Record<CustomerField, string>> = {}
  for (const name of CUSTOMER_FIELD_NAMES) {
    const value = customer[name]
    if (value !== null && value !== undefined) values[name] = String(value)
  }
  return values
}

/** The typed form as the service's input, or the form state with a message beside each bad field. */
function readCustomerForm(body: unknown) {
  const values = readFields(body, CUSTOMER_FIELD_NAMES)
  const { state, input } = validateTextFields<CustomerTextField>(CUSTOMER_TEXT_FIELDS, values)
  const formState = state as FormState<CustomerField>
  formState.values.sourceId = values.sourceId
  const sourceId = values.sourceId === '' ? null : Number(values.sourceId)
  if (sourceId !== null && !(Number.isInteger(sourceId) && sourceId > 0 && sourceId <= 2_147_483_647))
    formState.errors.sourceId = 'Pick a source from the list'
  const customer = { ...input, name: input.name ?? '', sourceId } as CustomerInput
  return { state: formState, customer }
}

/** Customers: the paged list, create/edit/delete, and the customer hub (the catalog is customer-catalog.tsx). */
export default async function customerPages(app: FastifyInstance) {
  const { customersService, sourcesService } = app
  const allSources = async () =>
    (await sourcesService.list({ page: 1, pageSize: 200, sort: 'name', filters: {} })).data

  app.get('/customers', { config: { access: ANY_ROLE } }, async (request, reply) => {
    const query = readListQuery(request.query, CUSTOMER_FILTERS)
    const { page, message } = await listOrMessage(query, () =>
      customersService.list(toListParams(query, CUSTOMER_FILTERS)),
    )
    const user = signedInUser(request)
    const table = <CustomersTable rows={page.data} page={page} query={query} message={message} />
    if (isHtmx(request)) {
      // The table, and out of band the form's hidden sort and page size and the CSV link, so all agree.
      return sendFragment(
        reply,
        <>
          {table}
          <HiddenListState query={query} oob />
          {canWrite(user) && <CsvLink query={query} oob />}
        </>,
      )
    }
    return sendPage(request, reply, {
      title: 'Customers',
      body: <CustomersListPage query={query} canWrite={canWrite(user)} table={table} />,
    })
  })

  const formPage = (
    request: FastifyRequest,
    reply: FastifyReply,
    opts: { title: string; action: string; submit: string; state: FormState<CustomerField>; status?: number },
  ) =>
    allSources().then((sources) =>
      sendPage(request, reply, {
        title: opts.title,
        status: opts.status ?? 200,
        body: (
          <section>
            <p class="breadcrumb">
              <a href="/customers">Customers</a>
            </p>
            <h1>{opts.title}</h1>
            <CustomerForm action={opts.action} submit={opts.submit} state={opts.state} sources={sources} />
          </section>
        ),
      }),
    )

  /** Saves through the service; the API's refusals (unknown source) go beside their field. */
  async function save(
    request: FastifyRequest,
    reply: FastifyReply,
    opts: {
      title: string
      action: string
      submit: string
      write: (input: CustomerInput) => Promise<{ id: number; name: string }>
    },
  ) {
    const { state, customer } = readCustomerForm(request.body)
    if (!hasErrors(state)) {
      try {
        const saved = await opts.write(customer)
        setFlash(reply, { kind: 'success', text: `Customer ${saved.name} is saved.` })
        return reply.redirect(`/customers/${saved.id}`, 303)
      } catch (err) {
        if (!(err instanceof AppError) || err.statusCode >= 500 || err.statusCode === 404) throw err
        if (err.code === CustomerErrors.unknownSource.code)
          state.errors.sourceId = 'That source no longer exists; pick another'
        else state.errors.form = err.message
      }
    }
    return formPage(request, reply, { ...opts, state, status: 422 })
  }

  app.get('/customers/new', { config: { access: MANAGERS } }, async (request, reply) =>
    formPage(request, reply, {
      title: 'New customer',
      action: '/customers',
      submit: 'Create customer',
      state: emptyForm(),
    }),
  )
  app.post('/customers', { config: { access: MANAGERS } }, async (request, reply) =>
    save(request, reply, {
      title: 'New customer',
      action: '/customers',
      submit: 'Create customer',
      write: (input) => customersService.create(writeContext(request), input),
    }),
  )

  app.get('/customers/:id', { config: { access: ANY_ROLE } }, async (request, reply) => {
    const data = await hubData(app, request, pathId(request))
    return sendPage(request, reply, { title: data.customer.name, body: <CustomerHub data={data} /> })
  })

  app.get('/customers/:id/edit', { config: { access: MANAGERS } }, async (request, reply) => {
    const customer = await customersService.detail(pathId(request))
    return formPage(request, reply, {
      title: `Edit ${customer.name}`,
      action: `/customers/${customer.id}`,
      submit: 'Save customer',
      state: emptyForm(customerValues(customer)),
    })
  })
  app.post('/customers/:id', { config: { access: MANAGERS } }, async (request, reply) => {
    const id = pathId(request)
    const customer = await customersService.detail(id)
    return save(request, reply, {
      title: `Edit ${customer.name}`,
      action: `/customers/${id}`,
      submit: 'Save customer',
      write: (input) => customersService.update(writeContext(request), id, input),
    })
  })

  app.post('/customers/:id/delete', { config: { access: MANAGERS } }, async (request, reply) => {
    const id = pathId(request)
    try {
      const customer = await customersService.detail(id)
      await customersService.remove(writeContext(request), id)
      setFlash(reply, { kind: 'success', text: `Customer ${customer.name} is deleted.` })
      return reply.redirect('/customers', 303)
    } catch (err) {
      // A customer with orders stays (409): the hub again, with the reason where the user looks.
      if (!(err instanceof AppError) || err.code !== CustomerErrors.hasWorkOrders.code) throw err
      const data: HubData = { ...(await hubData(app, request, id)), problem: err.message }
      return sendPage(request, reply, {
        title: data.customer.name,
        status: 409,
        body: <CustomerHub data={data} />,
      })
    }
  })
}
