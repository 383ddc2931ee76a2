import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify'
import { MANAGERS } from '../../auth/access.js'
import { AppError } from '../../errors.js'
import { writeContext } from '../../routes/context.js'
import { RepairOrderErrors } from '../../services/repair-orders.errors.js'
import { readRepairForm, repairValues, validateRepairForm } from '../components/repair-orders/form-values.js'
import { RepairOrderForm } from '../components/repair-orders/repair-form.js'
import type { Values } from '../components/work-orders/form-values.js'
import type { CatalogEntry, OrderFormProps } from '../components/work-orders/order-form.js'
import { setFlash } from '../flash.js'
import type { FormState } from '../form.js'
import { sendPage } from '../render.js'
import { repairNo } from './repair-order-detail.js'

const first = (v: unknown) =>
  typeof v === 'string' ? v : Array.isArray(v) && typeof v[0] === 'string' ? v[0] : ''

interface Shown {
  mode: 'new' | 'edit'
  values: Values
  itemCount: number
  errors?: FormState['errors']
  editNo: number | null
  found?: OrderFormProps['found']
  customerName?: string | null
  catalog?: CatalogEntry[]
}

/**
 * New and edit forms of a repair order: the work order form's customer picker (its live search and size
 * routes too), items from the customer's catalog or typed, and the repair's own fields.
 */
export default async function repairOrderFormPages(app: FastifyInstance) {
  const service = app.repairOrdersService

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

  async function show(request: FastifyRequest, reply: FastifyReply, shown: Shown, status = 200) {
    const { mode, editNo } = shown
    const customer = mode === 'new' ? await customerOf(shown.values.customerId ?? '') : null
    const action = mode === 'new' ? '/repair-orders/new' : `/repair-orders/${editNo}/edit`
    const title = mode === 'new' ? 'New repair order' : `Edit repair order RO #${editNo}`
    return sendPage(request, reply, {
      title,
      status,
      styles: ['work-orders.css'],
      body: (
        <section>
          <h1>{title}</h1>
          <RepairOrderForm
            mode={mode}
            action={action}
            values={shown.values}
            itemCount={Math.max(shown.itemCount, 1)}
            errors={shown.errors ?? {}}
            customerName={shown.customerName ?? customer?.name ?? null}
            catalog={shown.catalog ?? customer?.catalog ?? []}
            draftId=""
            editNo={editNo}
            found={shown.found}
          />
        </section>
      ),
    })
  }

  /** The buttons that are not "save": choose a customer, search without JavaScript, one more item row. */
  async function formAction(body: unknown, shown: Shown): Promise<Shown | null> {
    const b = (body ?? {}) as Record<string, unknown>
    const pick = first(b.pickCustomer)
    if (pick) return { ...shown, values: { ...shown.values, customerId: pick, customerSearch: '' } }
    const action = first(b.action)
    if (action === 'find-customer') {
      const q = (shown.values.customerSearch ?? '').trim().slice(0, 200)
      const page = q
        ? await app.customersService.list({ page: 1, pageSize: 10, q, filters: {}, sort: 'name' })
        : { data: [] }
      return { ...shown, found: page.data.map((c) => ({ id: c.id, name: c.name, city: c.city })) }
    }
    if (action === 'add-item') return { ...shown, itemCount: shown.itemCount + 1 }
    return null
  }

  const refused = (err: unknown): err is AppError =>
    err instanceof AppError && err.statusCode < 500 && err.statusCode !== 403

  app.get('/repair-orders/new', { config: { access: MANAGERS } }, async (request, reply) => {
    const query = request.query as Record<string, unknown>
    const values: Values = { customerId: first(query.customerId), workOrderNo: first(query.workOrderNo) }
    return show(request, reply, { mode: 'new', values, itemCount: 1, editNo: null })
  })

  app.post('/repair-orders/new', { config: { access: MANAGERS } }, async (request, reply) => {
    const { values, itemCount } = readRepairForm(request.body)
    const shown: Shown = { mode: 'new', values, itemCount, editNo: null }
    const other = await formAction(request.body, shown)
    if (other) return show(request, reply, other)
    const { errors, customerId, fields, items, workOrderNo } = validateRepairForm(values, itemCount, 'new')
    if (Object.keys(errors).length === 0) {
      try {
        const order = await service.create(writeContext(request), {
          ...fields,
          customerId,
          workOrderNo,
          items: items.map((i) => i.input),
        })
        setFlash(reply, { kind: 'success', text: `Repair order RO #${order.repairOrderNo} is created.` })
        return reply.redirect(`/repair-orders/${order.repairOrderNo}`, 303)
      } catch (err) {
        if (!refused(err)) throw err
        if (err.code === RepairOrderErrors.unknownReference.code)
          errors.customerSearch = 'That customer no longer exists'
        else if (err.statusCode === 404 || err.statusCode === 409) errors.workOrderNo = err.message
        else errors.form = err.message
      }
    }
    return show(request, reply, { ...shown, errors }, 422)
  })

  app.get('/repair-orders/:no/edit', { config: { access: MANAGERS } }, async (request, reply) => {
    const no = repairNo(request)
    const order = await service.detail(no)
    return show(request, reply, {
      mode: 'edit',
      ...repairValues(order),
      editNo: no,
      customerName: order.customer.name,
      catalog: (await app.customersService.detail(order.customerId)).items,
    })
  })

  app.post('/repair-orders/:no/edit', { config: { access: MANAGERS } }, async (request, reply) => {
    const no = repairNo(request)
    const order = await service.detail(no)
    const { values, itemCount } = readRepairForm(request.body)
    const shown: Shown = {
      mode: 'edit',
      values,
      itemCount,
      editNo: no,
      customerName: order.customer.name,
      catalog: (await app.customersService.detail(order.customerId)).items,
    }
    const other = await formAction(request.body, shown)
    if (other) return show(request, reply, other)
    const { errors, fields, items } = validateRepairForm(values, itemCount, 'edit')
    if (Object.keys(errors).length === 0) {
      try {
        const ctx = writeContext(request)
        await service.update(ctx, no, fields)
        const onOrder = new Set(order.items.map((i) => i.id))
        for (const item of items) {
          if (item.id !== undefined && onOrder.has(item.id)) {
            if (item.remove) await service.removeItem(ctx, no, item.id)
            else await service.updateItem(ctx, no, item.id, item.input)
          } else if (item.id === undefined) await service.addItem(ctx, no, item.input)
        }
        setFlash(reply, { kind: 'success', text: `Repair order RO #${no} is saved.` })
        return reply.redirect(`/repair-orders/${no}`, 303)
      } catch (err) {
        if (!refused(err)) throw err
        errors.form = err.message
      }
    }
    return show(request, reply, { ...shown, errors }, 422)
  })
}
