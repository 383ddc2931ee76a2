import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify'
import { ANY_ROLE, MANAGERS } from '../../auth/access.js'
import { moveOne } from '../../domain/queue.js'
import { AppError } from '../../errors.js'
import { writeContext } from '../../routes/context.js'
import { WorkOrderNoParams } from '../../schemas/work-orders.js'
import {
  type Queue,
  QueueList,
  QueuePage,
  type QueueToggles,
  queueQuery,
} from '../components/shop-floor/queue-list.js'
import { type Flash, setFlash } from '../flash.js'
import { readFields } from '../form.js'
import { isHtmx, sendFragment, sendPage } from '../render.js'
import { signedInUser } from '../session.js'

const MANAGER_ROLES: readonly string[] = MANAGERS
const CHANGED =
  'The queue changed while you were reordering it (someone else reordered it, or an order entered or left it). ' +
  'It has been reloaded: check the order below and move again.'
const NUMBERS = /^\d{1,10}(,\d{1,10})*$/

function toggles(source: unknown): QueueToggles {
  const fields = readFields(source, ['hideSails', 'hideCushions'] as const)
  return { hideSails: fields.hideSails === '1', hideCushions: fields.hideCushions === '1' }
}

const serviceView = (view: QueueToggles) => ({ sails: !view.hideSails, cushions: !view.hideCushions })
const numbers = (text: string) => (NUMBERS.test(text) ? text.split(',').map(Number) : null)

/** The new order of the shown orders a post asks for: a drag's whole list, or one move up or down. */
function wantedOrder(fields: { shown: string; order: string; move: string }): number[] | null {
  const shown = numbers(fields.shown)
  if (!shown) return null
  if (fields.order) return numbers(fields.order)
  const move = /^(\d{1,10}):(up|down)$/.exec(fields.move)
  return move ? moveOne(shown, Number(move[1]), move[2] as 'up' | 'down') : null
}

function describeMove(fields: { move: string }, queue: Queue): string {
  const no = Number(fields.move.split(':')[0])
  const entry = queue.data.find((e) => e.workOrderNo === no)
  return entry ? `#${no} is now at place ${entry.position}.` : 'The queue is reordered.'
}

/** The cleaning queue (issue 17, page 6): everyone reads it; managers reorder it by drag and drop or keys. */
export default async function queuePages(app: FastifyInstance) {
  function show(
    request: FastifyRequest,
    reply: FastifyReply,
    props: { queue: Queue; view: QueueToggles; message?: Flash | null; status?: number },
  ) {
    const user = signedInUser(request)
    const canReorder = MANAGER_ROLES.includes(user.role)
    const listProps = { ...props, canReorder }
    if (isHtmx(request)) return sendFragment(reply, <QueueList {...listProps} />, props.status ?? 200)
    return sendPage(request, reply, {
      title: 'Cleaning queue',
      status: props.status ?? 200,
      scripts: canReorder ? ['sortable.js', 'queue.js'] : [],
      styles: ['shopfloor.css'],
      body: <QueuePage {...listProps} />,
    })
  }

  app.get('/queue', { config: { access: ANY_ROLE } }, async (request, reply) => {
    const view = toggles(request.query)
    return show(request, reply, { queue: await app.queueService.list(serviceView(view)), view })
  })

  app.post(
    '/queue/:no/start',
    { config: { access: ANY_ROLE }, schema: { params: WorkOrderNoParams } },
    async (request, reply) => {
      const { no } = request.params as { no: number }
      const view = toggles(request.body)
      let message: Flash = { kind: 'success', text: `#${no} is started: the board shows it in progress.` }
      try {
        await app.workOrdersService.changeStatus(writeContext(request), no, 'in_progress')
      } catch (err) {
        if (!(err instanceof AppError) || (err.statusCode !== 409 && err.statusCode !== 404)) throw err
        message = { kind: 'error', text: `#${no} was not started: ${err.message}. The queue is reloaded.` }
      }
      if (!isHtmx(request) && message.kind === 'success') {
        setFlash(reply, message)
        return reply.redirect(`/queue${queueQuery(view)}`, 303)
      }
      const queue = await app.queueService.list(serviceView(view))
      return show(request, reply, { queue, view, message })
    },
  )

  app.post('/queue/order', { config: { access: MANAGERS } }, async (request, reply) => {
    const view = toggles(request.body)
    const fields = readFields(request.body, ['version', 'shown', 'order', 'move'] as const)
    const order = wantedOrder(fields)
    if (!order || !/^\d{1,15}$/.test(fields.version)) {
      const queue = await app.queueService.list(serviceView(view))
      const message = {
        kind: 'error',
        text: 'That reorder could not be read. The queue is reloaded.',
      } as const
      return show(request, reply, { queue, view, message, status: 422 })
    }
    try {
      const queue = await app.queueService.reorderShown(
        writeContext(request),
        { order, version: fields.version },
        serviceView(view),
      )
      const text = fields.move ? describeMove(fields, queue) : 'The queue is reordered.'
      if (!isHtmx(request)) {
        setFlash(reply, { kind: 'success', text })
        return reply.redirect(`/queue${queueQuery(view)}`, 303)
      }
      return show(request, reply, { queue, view, message: { kind: 'success', text } })
    } catch (err) {
      if (!(err instanceof AppError) || err.statusCode !== 409) throw err
      // Never a silent overwrite: the user sees the queue as it is now and is told why.
      const queue = await app.queueService.list(serviceView(view))
      const message = { kind: 'error', text: CHANGED } as const
      // htmx swaps 2xx (and 422) only; a plain form post gets the honest 409 with the same page.
      return show(request, reply, { queue, view, message, status: isHtmx(request) ? 200 : 409 })
    }
  })
}
