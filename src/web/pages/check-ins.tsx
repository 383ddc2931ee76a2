import multipart from '@fastify/multipart'
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify'
import { ANY_ROLE, MANAGERS } from '../../auth/access.js'
import { AppError } from '../../errors.js'
import type { Role } from '../../models/index.js'
import { writeContext } from '../../routes/context.js'
import { CheckInErrors } from '../../services/check-ins.errors.js'
import { FileErrors } from '../../services/files.errors.js'
import { CheckInForm, type CheckInFormProps } from '../components/check-ins/check-in-form.js'
import { CheckInDetailPage, CheckInList } from '../components/check-ins/check-in-views.js'
import { readOrderForm, validateOrderForm } from '../components/work-orders/form-values.js'
import { type CatalogEntry, CustomerResults, SizeResult } from '../components/work-orders/order-form.js'
import { setFlash } from '../flash.js'
import { readFields } from '../form.js'
import { sendFragment, sendPage } from '../render.js'
import { signedInUser } from '../session.js'

const first = (v: unknown) =>
  typeof v === 'string' ? v : Array.isArray(v) && typeof v[0] === 'string' ? v[0] : ''

const FILE_ID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i
const STATES = ['pending', 'converted', 'cancelled']

/** The check-in number of a page URL; anything else is the page's 404, never a database error. */
function checkInId(request: FastifyRequest): number {
  const raw = (request.params as { id?: string }).id ?? ''
  if (!/^\d{1,10}$/.test(raw) || Number(raw) < 1 || Number(raw) > 2_147_483_647)
    throw CheckInErrors.notFound(Number.parseInt(raw, 10) || 0)
  return Number(raw)
}

/** An expected refusal (409 already converted, 415 file type…) becomes a message on the page. */
function userMistake(err: unknown): err is AppError {
  return err instanceof AppError && err.statusCode < 500 && err.statusCode !== 403 && err.statusCode !== 404
}

/**
 * Check-ins at the counter (docs/CHECK-INS.md): the list (pending first), the new check-in form (fast, and
 * usable on a phone), the check-in's page with its photos, Convert and Cancel.
 */
export default async function checkInPages(app: FastifyInstance) {
  async function customerOf(id: string): Promise<{ name: string; catalog: CatalogEntry[] } | null> {
    if (!/^\d{1,10}$/.test(id) || Number(id) > 2_147_483_647) return null
    try {
      const customer = await app.customersService.detail(Number(id))
      return { name: customer.name, catalog: customer.items }
    } catch (err) {
      if (err instanceof AppError && err.statusCode === 404) return null
      throw err
    }
  }

  async function findCustomers(q: string) {
    if (!q.trim()) return []
    const page = await app.customersService.list({
      page: 1,
      pageSize: 10,
      q: q.trim().slice(0, 200),
      filters: {},
      sort: 'name',
    })
    return page.data.map((c) => ({ id: c.id, name: c.name, city: c.city }))
  }

  async function showForm(
    request: FastifyRequest,
    reply: FastifyReply,
    form: Omit<CheckInFormProps, 'customerName' | 'catalog'>,
    status = 200,
  ) {
    const customer = await customerOf(form.values.customerId ?? '')
    return sendPage(request, reply, {
      title: 'New check-in',
      status,
      styles: ['work-orders.css'],
      body: (
        <section>
          <h1>New check-in</h1>
          <CheckInForm {...form} customerName={customer?.name ?? null} catalog={customer?.catalog ?? []} />
        </section>
      ),
    })
  }

  app.get('/check-ins', { config: { access: ANY_ROLE } }, async (request, reply) => {
    const query = request.query as Record<string, unknown>
    // Pending unless another tab is chosen; "all" (or anything unknown) lists every state.
    const rawState = first(query.state ?? 'pending')
    const state = STATES.includes(rawState) ? rawState : 'all'
    const q = first(query.q).trim().slice(0, 200)
    const pageText = first(query.page)
    const pageNo = /^\d{1,6}$/.test(pageText) && Number(pageText) >= 1 ? Number(pageText) : 1
    const page = await app.checkInsService.list({
      page: pageNo,
      pageSize: 50,
      q: q || undefined,
      filters: state === 'all' ? {} : { state },
    })
    return sendPage(request, reply, {
      title: 'Check-ins',
      styles: ['work-orders.css', 'manage.css'],
      body: <CheckInList page={page} state={state} q={q} />,
    })
  })

  app.get('/check-ins/new', { config: { access: ANY_ROLE } }, async (request, reply) => {
    const customerId = first((request.query as Record<string, unknown>).customerId)
    return showForm(request, reply, { values: { customerId }, itemCount: 1, errors: {} })
  })

  app.post('/check-ins/new', { config: { access: ANY_ROLE } }, async (request, reply) => {
    const { values, itemCount } = readOrderForm(request.body)
    const body = (request.body ?? {}) as Record<string, unknown>
    const pick = first(body.pickCustomer)
    if (pick)
      return showForm(request, reply, {
        values: { ...values, customerId: pick, customerSearch: '' },
        itemCount: Math.max(itemCount, 1),
        errors: {},
      })
    const action = first(body.action)
    if (action === 'find-customer')
      return showForm(request, reply, {
        values,
        itemCount: Math.max(itemCount, 1),
        errors: {},
        found: await findCustomers(values.customerSearch ?? ''),
      })
    if (action === 'add-item')
      return showForm(request, reply, { values, itemCount: itemCount + 1, errors: {} })

    const { errors, customerId, fields, items } = validateOrderForm(values, itemCount, 'new')
    if (Object.keys(errors).length === 0) {
      try {
        const checkIn = await app.checkInsService.create(writeContext(request), {
          customerId,
          ...(fields.dateIn ? { dateIn: fields.dateIn } : {}),
          dateRequired: fields.dateRequired ?? null,
          rush: fields.rush ?? false,
          firmRush: fields.firmRush ?? false,
          storageTime: fields.storageTime ?? null,
          rackLocation: fields.rackLocation ?? null,
          repairsNeeded: fields.repairsNeeded ?? false,
          specialInstructions: fields.specialInstructions ?? null,
          items: items.map((i) => i.input),
        })
        setFlash(reply, { kind: 'success', text: `Check-in #${checkIn.id} is saved. Add photos below.` })
        return reply.redirect(`/check-ins/${checkIn.id}`, 303)
      } catch (err) {
        if (!userMistake(err)) throw err
        if (err.code === CheckInErrors.unknownCustomer.code)
          errors.customerSearch = 'That customer no longer exists'
        else errors.form = err.message
      }
    }
    return showForm(request, reply, { values, itemCount: Math.max(itemCount, 1), errors }, 422)
  })

  // The picker's live results (htmx); the form's "Find" button does the same without JavaScript.
  app.get('/check-ins/form/customers', { config: { access: ANY_ROLE } }, async (request, reply) => {
    const q = first((request.query as Record<string, unknown>).customerSearch)
    return sendFragment(reply, <CustomerResults found={await findCustomers(q)} searched={q.trim() !== ''} />)
  })

  // The size field's square feet, by the domain's parser (the work order form's own route is for managers).
  app.get('/check-ins/form/size', { config: { access: ANY_ROLE } }, async (request, reply) => {
    const query = request.query as Record<string, unknown>
    const key = Object.keys(query).find((k) => /^item-\d{1,2}-size$/.test(k)) ?? 'item-0-size'
    return sendFragment(reply, <SizeResult id={`${key}-result`} size={first(query[key]).slice(0, 300)} />)
  })

  app.get('/check-ins/:id', { config: { access: ANY_ROLE } }, async (request, reply) => {
    const user = signedInUser(request)
    const id = checkInId(request)
    const [checkIn, files] = await Promise.all([
      app.checkInsService.detail(id),
      app.filesService.checkIn.list(id).catch(() => []),
    ])
    return sendPage(request, reply, {
      title: `Check-in #${id}`,
      styles: ['work-orders.css'],
      body: <CheckInDetailPage checkIn={checkIn} files={files} role={user.role as Role} />,
    })
  })

  // Lands on the new order; a refusal (already converted, cancelled) comes back as a message on the check-in.
  app.post('/check-ins/:id/convert', { config: { access: MANAGERS } }, async (request, reply) => {
    const id = checkInId(request)
    try {
      const into =
        readFields(request.body, ['into'] as const).into === 'repair-order' ? 'repair-order' : 'work-order'
      const result = await app.checkInsService.convert(writeContext(request), id, into)
      const [made, path] =
        'repairOrderNo' in result
          ? [`Repair order RO #${result.repairOrderNo}`, `/repair-orders/${result.repairOrderNo}`]
          : [`Work order #${result.workOrderNo}`, `/work-orders/${result.workOrderNo}`]
      setFlash(reply, { kind: 'success', text: `${made} is created from check-in #${id}.` })
      return reply.redirect(path, 303)
    } catch (err) {
      if (!userMistake(err)) throw err
      setFlash(reply, { kind: 'error', text: err.message })
      return reply.redirect(`/check-ins/${id}`, 303)
    }
  })

  app.post('/check-ins/:id/cancel', { config: { access: MANAGERS } }, async (request, reply) => {
    const id = checkInId(request)
    try {
      await app.checkInsService.cancel(writeContext(request), id)
      setFlash(reply, { kind: 'success', text: `Check-in #${id} is cancelled.` })
    } catch (err) {
      if (!userMistake(err)) throw err
      setFlash(reply, { kind: 'error', text: err.message })
    }
    return reply.redirect(`/check-ins/${id}`, 303)
  })

  app.post(
    '/check-ins/:id/files/:fileId/delete',
    { config: { access: MANAGERS } },
    async (request, reply) => {
      const id = checkInId(request)
      const { fileId } = request.params as { fileId: string }
      if (!FILE_ID.test(fileId)) throw FileErrors.notFound()
      try {
        await app.filesService.checkIn.remove(writeContext(request), id, fileId)
        setFlash(reply, { kind: 'success', text: 'The photo is deleted.' })
      } catch (err) {
        if (!userMistake(err)) throw err
        setFlash(reply, { kind: 'error', text: err.message })
      }
      return reply.redirect(`/check-ins/${id}`, 303)
    },
  )

  // The photo form posts multipart here; only this context parses multipart (as the API's file routes do).
  await app.register(async (uploads) => {
    await uploads.register(multipart, {
      limits: { fileSize: app.config.files.maxUploadBytes, files: 1, fields: 5, parts: 6, headerPairs: 100 },
      throwFileSizeLimit: true,
    })
    uploads.post('/check-ins/:id/files', { config: { access: ANY_ROLE } }, async (request, reply) => {
      const id = checkInId(request)
      try {
        const part = await request.file()
        if (!part || part.fieldname !== 'file' || !part.filename) {
          part?.file.resume()
          throw FileErrors.missing()
        }
        part.file.once('limit', () =>
          part.file.destroy(
            Object.assign(new Error('request file too large'), { code: 'FST_REQ_FILE_TOO_LARGE' }),
          ),
        )
        const row = await app.filesService.checkIn.upload(writeContext(request), id, {
          filename: part.filename,
          stream: part.file,
          truncated: () => part.file.truncated,
        })
        setFlash(reply, { kind: 'success', text: `${row.originalName} is attached.` })
      } catch (err) {
        if (!userMistake(err)) throw err
        setFlash(reply, {
          kind: 'error',
          text: err.code === FileErrors.missing.code ? 'Take or choose a photo first.' : err.message,
        })
      }
      return reply.redirect(`/check-ins/${id}`, 303)
    })
  })
}
