import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify'
import { ANY_ROLE, MANAGERS } from '../../auth/access.js'
import { AppError } from '../../errors.js'
import type { RepairOrderStatus, Role } from '../../models/index.js'
import { repairOrderStatus } from '../../models/index.js'
import { writeContext } from '../../routes/context.js'
import { FileErrors } from '../../services/files.errors.js'
import { RepairOrderErrors } from '../../services/repair-orders.errors.js'
import { REPAIR_STATUS_LABELS, RepairOrderDetailPage } from '../components/repair-orders/repair-detail.js'
import { setFlash } from '../flash.js'
import { readFields } from '../form.js'
import { sendPage } from '../render.js'
import { signedInUser } from '../session.js'
import { FILE_ID, uploadPage, userMistake } from './work-order-detail.js'

/** The repair order number of a page URL; anything else is the page's 404. */
export function repairNo(request: FastifyRequest): number {
  const raw = (request.params as { no?: string }).no ?? ''
  if (!/^\d{1,10}$/.test(raw) || Number(raw) < 1 || Number(raw) > 2_147_483_647)
    throw RepairOrderErrors.notFound(Number.parseInt(raw, 10) || 0)
  return Number(raw)
}

/**
 * A repair order's page (docs/REPAIR-ORDERS.md): facts, the linked work order with link/unlink, one button
 * per allowed move, the history, items, attachments and delete.
 */
export default async function repairOrderDetailPages(app: FastifyInstance) {
  const service = app.repairOrdersService
  const page = (no: number) => `/repair-orders/${no}`

  async function show(request: FastifyRequest, reply: FastifyReply, no: number, linkError?: string) {
    const user = signedInUser(request)
    const [order, files, users] = await Promise.all([
      service.detail(no),
      app.filesService.repairOrders.list(no).catch(() => []),
      app.usersService.list(),
    ])
    const names = new Map(users.map((u) => [u.id, u.username]))
    return sendPage(request, reply, {
      title: `Repair order RO #${no}`,
      status: linkError ? 422 : 200,
      styles: ['work-orders.css'],
      body: (
        <RepairOrderDetailPage
          order={order}
          files={files}
          role={user.role as Role}
          names={names}
          linkError={linkError}
        />
      ),
    })
  }

  app.get('/repair-orders/:no', { config: { access: ANY_ROLE } }, async (request, reply) =>
    show(request, reply, repairNo(request)),
  )

  // Everyone may post here; the service refuses what the role may not do (403), as the API does.
  app.post('/repair-orders/:no/status', { config: { access: ANY_ROLE } }, async (request, reply) => {
    const no = repairNo(request)
    const { to, note } = readFields(request.body, ['to', 'note'] as const)
    if (!(repairOrderStatus.enumValues as readonly string[]).includes(to)) {
      setFlash(reply, { kind: 'error', text: 'Choose one of the status buttons.' })
      return reply.redirect(page(no), 303)
    }
    try {
      await service.changeStatus(
        writeContext(request),
        no,
        to as RepairOrderStatus,
        note ? note.slice(0, 1000) : undefined,
      )
      const label = REPAIR_STATUS_LABELS[to as RepairOrderStatus].toLowerCase()
      setFlash(reply, { kind: 'success', text: `Repair order RO #${no} is now ${label}.` })
    } catch (err) {
      if (!userMistake(err)) throw err
      setFlash(reply, { kind: 'error', text: err.message })
    }
    return reply.redirect(page(no), 303)
  })

  app.post('/repair-orders/:no/work-order', { config: { access: MANAGERS } }, async (request, reply) => {
    const no = repairNo(request)
    const { workOrderNo } = readFields(request.body, ['workOrderNo'] as const)
    const digits = workOrderNo.replace(/^#/, '')
    if (!/^\d{1,9}$/.test(digits) || Number(digits) < 1)
      return show(request, reply, no, 'Type a work order number, like 1042')
    try {
      await service.link(writeContext(request), no, Number(digits))
    } catch (err) {
      // Taken on either side (409) or no such work order (404): said beside the field.
      if (!(err instanceof AppError) || err.statusCode >= 500 || err.statusCode === 403) throw err
      return show(request, reply, no, err.message)
    }
    setFlash(reply, { kind: 'success', text: `Linked to work order #${digits}.` })
    return reply.redirect(page(no), 303)
  })

  app.post(
    '/repair-orders/:no/work-order/unlink',
    { config: { access: MANAGERS } },
    async (request, reply) => {
      const no = repairNo(request)
      await service.unlink(writeContext(request), no)
      setFlash(reply, { kind: 'success', text: 'The work order is unlinked.' })
      return reply.redirect(page(no), 303)
    },
  )

  app.post('/repair-orders/:no/delete', { config: { access: MANAGERS } }, async (request, reply) => {
    const no = repairNo(request)
    await service.remove(writeContext(request), no)
    setFlash(reply, { kind: 'success', text: `Repair order RO #${no} is deleted.` })
    return reply.redirect('/repair-orders', 303)
  })

  app.post(
    '/repair-orders/:no/files/:fileId/delete',
    { config: { access: MANAGERS } },
    async (request, reply) => {
      const no = repairNo(request)
      const { fileId } = request.params as { fileId: string }
      if (!FILE_ID.test(fileId)) throw FileErrors.notFound()
      await app.filesService.repairOrders.remove(writeContext(request), no, fileId)
      setFlash(reply, { kind: 'success', text: 'The file is deleted.' })
      return reply.redirect(page(no), 303)
    },
  )

  await uploadPage(app, '/repair-orders/:no/files', app.filesService.repairOrders, page)
}
