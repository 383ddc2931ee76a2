import multipart from '@fastify/multipart'
import type { FastifyInstance, FastifyRequest } from 'fastify'
import { ANY_ROLE, MANAGERS } from '../../auth/access.js'
import { AppError } from '../../errors.js'
import type { Role, WorkOrderStatus } from '../../models/index.js'
import { workOrderStatus } from '../../models/index.js'
import { writeContext } from '../../routes/context.js'
import { FileErrors } from '../../services/files.errors.js'
import type { FilesService } from '../../services/files.js'
import { WorkOrderErrors } from '../../services/work-orders.errors.js'
import { OrderDetailPage } from '../components/work-orders/order-detail.js'
import { setFlash } from '../flash.js'
import { readFields } from '../form.js'
import { sendPage } from '../render.js'
import { signedInUser } from '../session.js'

/** The order number of a page URL; anything else is the page's 404, never a database error. */
export function orderNo(request: FastifyRequest): number {
  const raw = (request.params as { no?: string }).no ?? ''
  if (!/^\d{1,10}$/.test(raw) || Number(raw) < 1 || Number(raw) > 2_147_483_647)
    throw WorkOrderErrors.notFound(Number.parseInt(raw, 10) || 0)
  return Number(raw)
}

export const FILE_ID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i

/** Where the API's message speaks of multipart parts, the page speaks of the form. */
const PAGE_TEXT: Record<string, string> = { [FileErrors.missing.code]: 'Choose a photo or a PDF first.' }

/** An expected refusal (409 transition, 415 file type…) becomes a message on the order's page. */
export function userMistake(err: unknown): err is AppError {
  return err instanceof AppError && err.statusCode < 500 && err.statusCode !== 403 && err.statusCode !== 404
}

type OwnerFiles = Pick<FilesService, 'upload'>

/**
 * The page's upload: the form posts multipart here (only this context parses multipart, as the API's file
 * routes do), through the files service of the order's kind; the answer is a redirect with a flash.
 */
export async function uploadPage(
  app: FastifyInstance,
  url: string,
  files: OwnerFiles,
  pageOf: (no: number) => string,
) {
  await app.register(async (uploads) => {
    await uploads.register(multipart, {
      limits: { fileSize: app.config.files.maxUploadBytes, files: 1, fields: 5, parts: 6, headerPairs: 100 },
      throwFileSizeLimit: true,
    })
    uploads.post(url, { config: { access: ANY_ROLE } }, async (request, reply) => {
      const no = orderNo(request)
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
        const row = await files.upload(writeContext(request), no, {
          filename: part.filename,
          stream: part.file,
          truncated: () => part.file.truncated,
        })
        setFlash(reply, { kind: 'success', text: `${row.originalName} is attached.` })
      } catch (err) {
        if (!userMistake(err)) throw err
        setFlash(reply, { kind: 'error', text: PAGE_TEXT[err.code] ?? err.message })
      }
      return reply.redirect(pageOf(no), 303)
    })
  })
}

/** A work order's page: facts, items, totals, estimate, history, attachments, status buttons (issue 17, page 5). */
export default async function workOrderDetailPages(app: FastifyInstance) {
  app.get('/work-orders/:no', { config: { access: ANY_ROLE } }, async (request, reply) => {
    const user = signedInUser(request)
    const no = orderNo(request)
    const [order, files, users] = await Promise.all([
      app.workOrdersService.detail(no),
      app.filesService.list(no).catch(() => []),
      app.usersService.list(),
    ])
    const names = new Map(users.map((u) => [u.id, u.username]))
    return sendPage(request, reply, {
      title: `Work order #${no}`,
      styles: ['work-orders.css'],
      body: <OrderDetailPage order={order} files={files} role={user.role as Role} names={names} />,
    })
  })

  // Everyone may post here; the service refuses what the role may not do (403), as the API does.
  app.post('/work-orders/:no/status', { config: { access: ANY_ROLE } }, async (request, reply) => {
    const no = orderNo(request)
    const { to, note } = readFields(request.body, ['to', 'note'] as const)
    if (!(workOrderStatus.enumValues as readonly string[]).includes(to)) {
      setFlash(reply, { kind: 'error', text: 'Choose one of the status buttons.' })
      return reply.redirect(`/work-orders/${no}`, 303)
    }
    try {
      await app.workOrdersService.changeStatus(
        writeContext(request),
        no,
        to as WorkOrderStatus,
        note ? note.slice(0, 1000) : undefined,
      )
      setFlash(reply, { kind: 'success', text: `Work order #${no} is now ${to.replace(/_/g, ' ')}.` })
    } catch (err) {
      if (!userMistake(err)) throw err
      setFlash(reply, { kind: 'error', text: err.message })
    }
    return reply.redirect(`/work-orders/${no}`, 303)
  })

  app.post('/work-orders/:no/delete', { config: { access: MANAGERS } }, async (request, reply) => {
    const no = orderNo(request)
    await app.workOrdersService.remove(writeContext(request), no)
    setFlash(reply, { kind: 'success', text: `Work order #${no} is deleted.` })
    return reply.redirect('/work-orders', 303)
  })

  app.post(
    '/work-orders/:no/files/:fileId/delete',
    { config: { access: MANAGERS } },
    async (request, reply) => {
      const no = orderNo(request)
      const { fileId } = request.params as { fileId: string }
      if (!FILE_ID.test(fileId)) throw FileErrors.notFound()
      await app.filesService.remove(writeContext(request), no, fileId)
      setFlash(reply, { kind: 'success', text: 'The file is deleted.' })
      return reply.redirect(`/work-orders/${no}`, 303)
    },
  )

  await uploadPage(app, '/work-orders/:no/files', app.filesService, (no) => `/work-orders/${no}`)
}
