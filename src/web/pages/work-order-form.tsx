import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify'
import { MANAGERS } from '../../auth/access.js'
import { AppError } from '../../errors.js'
import { writeContext } from '../../routes/context.js'
import type { WorkOrderDraftsService } from '../../services/work-order-drafts.js'
import { WorkOrderErrors } from '../../services/work-orders.errors.js'
import { readOrderForm, type Values, validateOrderForm } from '../components/work-orders/form-values.js'
import type { OrderDetail } from '../components/work-orders/order-detail.js'
import {
  type CatalogEntry,
  CustomerResults,
  DraftOffers,
  OrderForm,
  type OrderFormProps,
  SizeResult,
} from '../components/work-orders/order-form.js'
import { setFlash } from '../flash.js'
import type { FormState } from '../form.js'
import { sendFragment, sendPage } from '../render.js'
import { signedInUser } from '../session.js'
import { orderNo } from './work-order-detail.js'

const first = (v: unknown) =>
  typeof v === 'string' ? v : Array.isArray(v) && typeof v[0] === 'string' ? v[0] : ''

/** The form's values of an existing order (edit), items included. */
function orderValues(order: OrderDetail): { values: Values; itemCount: number } {
  const s = (v: string | number | null | undefined) => (v === null || v === undefined ? '' : String(v))
  const on = (b: boolean) => (b ? 'on' : '')
  const values: Values = {
    name: s(order.name),
    dateRequired: s(order.dateRequired),
    rush: on(order.rush),
    firmRush: on(order.firmRush),
    isCushion: on(order.isCushion),
    quoteStatus: s(order.quoteStatus),
    storageTime: s(order.storageTime),
    rackLocation: s(order.rackLocation),
    repairsNeeded: on(order.repairsNeeded),
    returnStatus: s(order.returnStatus),
    returnTo: s(order.returnTo),
    finalLocation: s(order.finalLocation),
    specialInstructions: s(order.specialInstructions),
  }
  order.items.forEach((item, i) => {
    Object.assign(values, {
      [`item-${i}-id`]: String(item.id),
      [`item-${i}-description`]: item.description,
      [`item-${i}-material`]: s(item.material),
      [`item-${i}-color`]: s(item.color),
      [`item-${i}-condition`]: s(item.condition),
      [`item-${i}-size`]: s(item.sizeText),
      [`item-${i}-quantity`]: String(item.quantity),
      [`item-${i}-price`]: s(item.unitPrice),
    })
  })
  return { values, itemCount: order.items.length + 1 }
}

/**
 * New and edit forms of a work order: the customer picker, items from the catalog or typed, the size read
 * as square feet while typing, server-side drafts saved as the user types (issue 17, page 5).
 */
export default async function workOrderFormPages(
  app: FastifyInstance,
  { drafts }: { drafts: WorkOrderDraftsService },
) {
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

  interface Shown {
    mode: 'new' | 'edit'
    values: Values
    itemCount: number
    errors?: FormState['errors']
    draftId: string
    editNo: number | null
    found?: OrderFormProps['found']
    customerName?: string | null
    catalog?: CatalogEntry[]
    offers?: Awaited<ReturnType<WorkOrderDraftsService['listFor']>>
  }

  async function show(request: FastifyRequest, reply: FastifyReply, shown: Shown, status = 200) {
    const { mode, editNo, draftId } = shown
    const customer = mode === 'new' ? await customerOf(shown.values.customerId ?? '') : null
    const base = mode === 'new' ? '/work-orders/new' : `/work-orders/${editNo}/edit`
    const title = mode === 'new' ? 'New work order' : `Edit work order #${editNo}`
    return sendPage(request, reply, {
      title,
      status,
      styles: ['work-orders.css'],
      body: (
        <section>
          <h1>{title}</h1>
          <DraftOffers drafts={(shown.offers ?? []).filter((d) => d.id !== draftId)} base={base} />
          <OrderForm
            mode={mode}
            action={`${base}?draft=${draftId}`}
            values={shown.values}
            itemCount={Math.max(shown.itemCount, 1)}
            errors={shown.errors ?? {}}
            customerName={shown.customerName ?? customer?.name ?? null}
            catalog={shown.catalog ?? customer?.catalog ?? []}
            draftId={draftId}
            editNo={editNo}
            found={shown.found}
          />
        </section>
      ),
    })
  }

  /** The draft named in the URL, if it is this user's. */
  async function draftOf(request: FastifyRequest, userId: number) {
    const id = first((request.query as Record<string, unknown>).draft)
    return id && drafts.isDraftId(id) ? drafts.get(userId, id) : null
  }

  app.get('/work-orders/new', { config: { access: MANAGERS } }, async (request, reply) => {
    const user = signedInUser(request)
    const draft = await draftOf(request, user.id)
    const offers = await drafts.listFor(user.id, null)
    if (draft) {
      const { values, itemCount } = readOrderForm(draft.fields)
      return show(request, reply, { mode: 'new', values, itemCount, draftId: draft.id, editNo: null, offers })
    }
    const customerId = first((request.query as Record<string, unknown>).customerId)
    return show(request, reply, {
      mode: 'new',
      values: { customerId },
      itemCount: 1,
      draftId: drafts.newId(),
      editNo: null,
      offers,
    })
  })

  app.get('/work-orders/:no/edit', { config: { access: MANAGERS } }, async (request, reply) => {
    const user = signedInUser(request)
    const no = orderNo(request)
    const order = await app.workOrdersService.detail(no)
    const draft = await draftOf(request, user.id)
    const offers = await drafts.listFor(user.id, no)
    const loaded = draft ? readOrderForm(draft.fields) : orderValues(order)
    return show(request, reply, {
      mode: 'edit',
      ...loaded,
      draftId: draft?.id ?? drafts.newId(),
      editNo: no,
      customerName: order.customer.name,
      catalog: order.customer ? (await app.customersService.detail(order.customerId)).items : [],
      offers,
    })
  })

  /** The buttons that are not "save": choose a customer, search without JavaScript, one more item row. */
  async function formAction(body: unknown, shown: Shown): Promise<Shown | null> {
    const b = (body ?? {}) as Record<string, unknown>
    const pick = first(b.pickCustomer)
    if (pick) return { ...shown, values: { ...shown.values, customerId: pick, customerSearch: '' } }
    const action = first(b.action)
    if (action === 'find-customer')
      return { ...shown, found: await findCustomers(shown.values.customerSearch ?? '') }
    if (action === 'add-item') return { ...shown, itemCount: shown.itemCount + 1 }
    return null
  }

  function postedDraftId(body: unknown): string {
    const id = first((body as Record<string, unknown> | undefined)?.draftId)
    return drafts.isDraftId(id) ? id : drafts.newId()
  }

  app.post('/work-orders/new', { config: { access: MANAGERS } }, async (request, reply) => {
    const user = signedInUser(request)
    const { values, itemCount } = readOrderForm(request.body)
    const shown: Shown = {
      mode: 'new',
      values,
      itemCount,
      draftId: postedDraftId(request.body),
      editNo: null,
    }
    const other = await formAction(request.body, shown)
    if (other) return show(request, reply, other)
    const { errors, customerId, fields, items } = validateOrderForm(values, itemCount, 'new')
    if (Object.keys(errors).length === 0) {
      try {
        const order = await app.workOrdersService.create(writeContext(request), {
          ...(fields as Required<typeof fields>),
          customerId,
          items: items.map((i) => i.input),
        })
        await drafts.discard(user.id, shown.draftId)
        setFlash(reply, { kind: 'success', text: `Work order #${order.workOrderNo} is created.` })
        return reply.redirect(`/work-orders/${order.workOrderNo}`, 303)
      } catch (err) {
        if (!(err instanceof AppError) || err.statusCode >= 500 || err.statusCode === 403) throw err
        if (err.code === WorkOrderErrors.unknownReference.code)
          errors.customerSearch = 'That customer no longer exists'
        else errors.form = err.message
      }
    }
    return show(request, reply, { ...shown, errors }, 422)
  })

  app.post('/work-orders/:no/edit', { config: { access: MANAGERS } }, async (request, reply) => {
    const user = signedInUser(request)
    const no = orderNo(request)
    const order = await app.workOrdersService.detail(no)
    const { values, itemCount } = readOrderForm(request.body)
    const catalog = (await app.customersService.detail(order.customerId)).items
    const shown: Shown = {
      mode: 'edit',
      values,
      itemCount,
      draftId: postedDraftId(request.body),
      editNo: no,
      customerName: order.customer.name,
      catalog,
    }
    const other = await formAction(request.body, shown)
    if (other) return show(request, reply, other)
    const { errors, fields, items } = validateOrderForm(values, itemCount, 'edit')
    if (Object.keys(errors).length === 0) {
      try {
        const ctx = writeContext(request)
        await app.workOrdersService.update(ctx, no, fields)
        const onOrder = new Set(order.items.map((i) => i.id))
        for (const item of items) {
          if (item.id !== undefined && onOrder.has(item.id)) {
            if (item.remove) await app.workOrdersService.removeItem(ctx, no, item.id)
            else await app.workOrdersService.updateItem(ctx, no, item.id, item.input)
          } else if (item.id === undefined) await app.workOrdersService.addItem(ctx, no, item.input)
        }
        await drafts.discard(user.id, shown.draftId)
        setFlash(reply, { kind: 'success', text: `Work order #${no} is saved.` })
        return reply.redirect(`/work-orders/${no}`, 303)
      } catch (err) {
        if (!(err instanceof AppError) || err.statusCode >= 500 || err.statusCode === 403) throw err
        errors.form = err.message
      }
    }
    return show(request, reply, { ...shown, errors }, 422)
  })

  // The picker's live results (htmx); the form's "Find" button does the same without JavaScript.
  app.get('/work-orders/form/customers', { config: { access: MANAGERS } }, async (request, reply) => {
    const q = first((request.query as Record<string, unknown>).customerSearch)
    return sendFragment(reply, <CustomerResults found={await findCustomers(q)} searched={q.trim() !== ''} />)
  })

  // The size field's square feet, parsed by the domain's parser as the item will be when saved.
  app.get('/work-orders/form/size', { config: { access: MANAGERS } }, async (request, reply) => {
    const query = request.query as Record<string, unknown>
    const key = Object.keys(query).find((k) => /^item-\d{1,2}-size$/.test(k)) ?? 'item-0-size'
    return sendFragment(reply, <SizeResult id={`${key}-result`} size={first(query[key]).slice(0, 300)} />)
  })

  // Saved as the user types; the address bar then names the draft, so a reload (or a sign-in) brings it back.
  app.post('/work-orders/form/draft', { config: { access: MANAGERS } }, async (request, reply) => {
    const user = signedInUser(request)
    const body = (request.body ?? {}) as Record<string, unknown>
    const id = first(body.draftId)
    const editText = first(body.editNo)
    const editNo = /^\d{1,9}$/.test(editText) ? Number(editText) : null
    const { values, itemCount } = readOrderForm(body)
    const saved = drafts.isDraftId(id)
      ? await drafts.save(user.id, id, editNo, { ...values, itemCount: String(itemCount) })
      : null
    if (!saved) return sendFragment(reply, <span>The draft could not be saved.</span>)
    const base = editNo === null ? '/work-orders/new' : `/work-orders/${editNo}/edit`
    reply.header('hx-replace-url', `${base}?draft=${id}`)
    return sendFragment(reply, <span>{`Draft saved at ${new Date().toISOString().slice(11, 19)} UTC`}</span>)
  })
}
