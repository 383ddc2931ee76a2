import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify'
import { ANY_ROLE, MANAGERS } from '../../auth/access.js'
import { AppError } from '../../errors.js'
import type { Source } from '../../models/index.js'
import { writeContext } from '../../routes/context.js'
import { SourceErrors } from '../../services/sources.errors.js'
import type { SourceInput } from '../../services/sources.js'
import { listOrMessage, readListQuery, toListParams } from '../components/customers/list-query.js'
import { canWrite, pathId } from '../components/customers/page-helpers.js'
import { validateTextFields } from '../components/customers/text-fields.js'
import {
  SOURCE_FIELD_NAMES,
  SOURCE_FIELDS,
  SourceDetail,
  type SourceDetailData,
  type SourceField,
  SourceForm,
  SourcesListPage,
  SourcesTable,
} from '../components/sources/source-views.js'
import { setFlash } from '../flash.js'
import { emptyForm, type FormState, hasErrors, readFields } from '../form.js'
import { isHtmx, sendFragment, sendPage } from '../render.js'
import { signedInUser } from '../session.js'

/** The API's source list filters (src/routes/sources.ts). */
const SOURCE_FILTERS = ['name', 'city', 'state']
const DETAIL_ROWS = 25

const sourceValues = (source: Source) =>
  Object.fromEntries(SOURCE_FIELD_NAMES.map((name) => [name, source[name] ?? ''])) as Record<
    SourceField,
    string
  >

/** Sources: list, detail (its customers and orders), create, edit, delete (refused while it has customers). */
export default async function sourcePages(app: FastifyInstance) {
  const { sourcesService, customersService, workOrdersService } = app

  app.get('/sources', { config: { access: ANY_ROLE } }, async (request, reply) => {
    const query = readListQuery(request.query, SOURCE_FILTERS)
    query.sort ??= 'name'
    const { page } = await listOrMessage(query, () =>
      sourcesService.list(toListParams(query, SOURCE_FILTERS)),
    )
    if (isHtmx(request))
      return sendFragment(reply, <SourcesTable rows={page.data} page={page} query={query} />)
    return sendPage(request, reply, {
      title: 'Sources',
      body: (
        <SourcesListPage
          query={query}
          canWrite={canWrite(signedInUser(request))}
          rows={page.data}
          page={page}
        />
      ),
    })
  })

  async function detailData(request: FastifyRequest, id: number): Promise<SourceDetailData> {
    // The orders by sourceId (exact), so the three statements need not wait for the source's name.
    const [source, customers, orders] = await Promise.all([
      sourcesService.get(id),
      customersService.list({
        page: 1,
        pageSize: DETAIL_ROWS,
        sort: 'name',
        filters: { sourceId: String(id) },
      }),
      workOrdersService.list({
        page: 1,
        pageSize: DETAIL_ROWS,
        sort: '-dateIn',
        filters: { sourceId: String(id) },
      }),
    ])
    return {
      source,
      customers: customers.data,
      customerTotal: customers.total,
      orders: orders.data,
      orderTotal: orders.total,
      canWrite: canWrite(signedInUser(request)),
    }
  }

  const formPage = (
    request: FastifyRequest,
    reply: FastifyReply,
    opts: { title: string; action: string; submit: string; state: FormState<SourceField>; status?: number },
  ) =>
    sendPage(request, reply, {
      title: opts.title,
      status: opts.status ?? 200,
      body: (
        <section>
          <p class="breadcrumb">
            <a href="/sources">Sources</a>
          </p>
          <h1>{opts.title}</h1>
          <SourceForm action={opts.action} submit={opts.submit} state={opts.state} />
        </section>
      ),
    })

  async function save(
    request: FastifyRequest,
    reply: FastifyReply,
    opts: { title: string; action: string; submit: string; write: (input: SourceInput) => Promise<Source> },
  ) {
    const values = readFields(request.body, SOURCE_FIELD_NAMES)
    const { state, input } = validateTextFields<SourceField>(SOURCE_FIELDS, values)
    if (!hasErrors(state)) {
      try {
        const saved = await opts.write({ ...input, name: input.name ?? '' })
        setFlash(reply, { kind: 'success', text: `Source ${saved.name} is saved.` })
        return reply.redirect(`/sources/${saved.id}`, 303)
      } catch (err) {
        if (!(err instanceof AppError) || err.statusCode >= 500 || err.statusCode === 404) throw err
        if (err.code === SourceErrors.nameTaken.code) state.errors.name = err.message
        else state.errors.form = err.message
      }
    }
    return formPage(request, reply, { ...opts, state, status: 422 })
  }

  app.get('/sources/new', { config: { access: MANAGERS } }, async (request, reply) =>
    formPage(request, reply, {
      title: 'New source',
      action: '/sources',
      submit: 'Create source',
      state: emptyForm(),
    }),
  )
  app.post('/sources', { config: { access: MANAGERS } }, async (request, reply) =>
    save(request, reply, {
      title: 'New source',
      action: '/sources',
      submit: 'Create source',
      write: (input) => sourcesService.create(writeContext(request), input),
    }),
  )

  app.get('/sources/:id', { config: { access: ANY_ROLE } }, async (request, reply) => {
    const data = await detailData(request, pathId(request))
    return sendPage(request, reply, { title: data.source.name, body: <SourceDetail data={data} /> })
  })

  app.get('/sources/:id/edit', { config: { access: MANAGERS } }, async (request, reply) => {
    const source = await sourcesService.get(pathId(request))
    return formPage(request, reply, {
      title: `Edit ${source.name}`,
      action: `/sources/${source.id}`,
      submit: 'Save source',
      state: emptyForm(sourceValues(source)),
    })
  })
  app.post('/sources/:id', { config: { access: MANAGERS } }, async (request, reply) => {
    const id = pathId(request)
    const source = await sourcesService.get(id)
    return save(request, reply, {
      title: `Edit ${source.name}`,
      action: `/sources/${id}`,
      submit: 'Save source',
      write: (input) => sourcesService.update(writeContext(request), id, input),
    })
  })

  app.post('/sources/:id/delete', { config: { access: MANAGERS } }, async (request, reply) => {
    const id = pathId(request)
    const source = await sourcesService.get(id)
    try {
      await sourcesService.remove(writeContext(request), id)
    } catch (err) {
      // A source with customers stays (409): its page again, with the reason at the top.
      if (!(err instanceof AppError) || err.code !== SourceErrors.inUse.code) throw err
      const data = { ...(await detailData(request, id)), problem: err.message }
      return sendPage(request, reply, { title: source.name, status: 409, body: <SourceDetail data={data} /> })
    }
    setFlash(reply, { kind: 'success', text: `Source ${source.name} is deleted.` })
    return reply.redirect('/sources', 303)
  })
}
