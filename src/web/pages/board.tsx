import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify'
import { ANY_ROLE, MANAGERS } from '../../auth/access.js'
import { AppError } from '../../errors.js'
import { writeContext } from '../../routes/context.js'
import { WorkOrderNoParams } from '../../schemas/work-orders.js'
import {
  BOARD_COLUMNS,
  BoardColumns,
  BoardPage,
  type BoardProps,
  type BoardQuery,
  type BoardStatus,
  type CardError,
} from '../components/shop-floor/board-columns.js'
import { type Flash, setFlash } from '../flash.js'
import { readFields } from '../form.js'
import { isHtmx, sendFragment, sendPage } from '../render.js'
import { signedInUser } from '../session.js'

const MANAGER_ROLES: readonly string[] = MANAGERS
/** A column shows this many cards; a search narrows the rest. */
const COLUMN_SIZE = 100
const SORTS = { date: 'dateIn', source: 'sourceName,dateIn' } as const
/** The steps the board's buttons take (the status rules decide who may take which). */
const STEPS = new Set(['cleaned', 'treated', 'packaged', 'completed'])
const DONE: Record<string, string> = {
  cleaned: 'marked cleaned',
  treated: 'marked treated',
  packaged: 'marked packaged',
  completed: 'completed',
}

function boardQuery(source: unknown): BoardQuery {
  const fields = readFields(source, ['q', 'sort'] as const)
  return { q: fields.q.slice(0, 200), sort: fields.sort === 'source' ? 'source' : 'date' }
}

function boardUrl(query: BoardQuery): string {
  const params = new URLSearchParams()
  if (query.q) params.set('q', query.q)
  if (query.sort !== 'date') params.set('sort', query.sort)
  const text = params.toString()
  return text ? `/board?${text}` : '/board'
}

/** The in-progress board (issue 17, page 7): the shop-floor statuses as columns, one click to advance. */
export default async function boardPages(app: FastifyInstance) {
  async function columns(query: BoardQuery) {
    const pages = await app.workOrdersService.columns({
      statuses: BOARD_COLUMNS.map(({ status }) => status),
      perColumn: COLUMN_SIZE,
      sort: SORTS[query.sort],
      q: query.q || undefined,
    })
    return Object.fromEntries(
      BOARD_COLUMNS.map(({ status }, i) => [status, pages[i]]),
    ) as BoardProps['columns']
  }

  async function show(
    request: FastifyRequest,
    reply: FastifyReply,
    query: BoardQuery,
    extra: { message?: Flash; cardError?: CardError; status?: number } = {},
  ) {
    const props: BoardProps = {
      columns: await columns(query),
      query,
      canComplete: MANAGER_ROLES.includes(signedInUser(request).role),
      message: extra.message ?? null,
      cardError: extra.cardError ?? null,
    }
    const status = extra.status ?? 200
    if (isHtmx(request)) return sendFragment(reply, <BoardColumns {...props} />, status)
    return sendPage(request, reply, {
      title: 'In-progress board',
      status,
      styles: ['shopfloor.css'],
      body: <BoardPage {...props} />,
    })
  }

  app.get('/board', { config: { access: ANY_ROLE } }, async (request, reply) =>
    show(request, reply, boardQuery(request.query)),
  )

  app.post(
    '/board/:no/status',
    { config: { access: ANY_ROLE }, schema: { params: WorkOrderNoParams } },
    async (request, reply) => {
      const { no } = request.params as { no: number }
      const query = boardQuery(request.body)
      const fields = readFields(request.body, ['to', 'finalLocation'] as const)
      if (!STEPS.has(fields.to))
        return show(request, reply, query, {
          status: 422,
          message: { kind: 'error', text: `#${no}: that is not a step the board takes.` },
        })
      if (fields.finalLocation.length > 200)
        return show(request, reply, query, {
          status: 422,
          cardError: { no, finalLocation: fields.finalLocation, message: 'At most 200 characters' },
        })
      const to = fields.to as BoardStatus | 'completed'
      const location = to === 'packaged' && fields.finalLocation ? fields.finalLocation : undefined
      try {
        await app.workOrdersService.changeStatus(writeContext(request), no, to, undefined, location)
      } catch (err) {
        // Forbidden steps (staff completing) reach the error handler: the HTML 403, as for any page.
        if (!(err instanceof AppError) || (err.statusCode !== 409 && err.statusCode !== 404)) throw err
        // Someone else moved the order meanwhile, or it is gone: say so over the board as it is now.
        const text = `#${no} was not ${DONE[to]}: ${err.message}. The board is reloaded.`
        return show(request, reply, query, {
          status: isHtmx(request) ? 200 : err.statusCode,
          message: { kind: 'error', text },
        })
      }
      const text = `#${no} ${DONE[to]}.`
      if (!isHtmx(request)) {
        setFlash(reply, { kind: 'success', text })
        return reply.redirect(boardUrl(query), 303)
      }
      return show(request, reply, query, { message: { kind: 'success', text } })
    },
  )
}
