import type { FastifyInstance, FastifyRequest } from 'fastify'
import { ADMIN } from '../../auth/access.js'
import { isCalendarDate } from '../../domain/shop-date.js'
import { AppError } from '../../errors.js'
import type { Role } from '../../models/index.js'
import { requestContext } from '../../routes/auth.js'
import { IdParams } from '../../schemas/list.js'
import { type AuditField, AuditPage, AuditTable } from '../components/admin/audit.js'
import { type InviteField, InvitesPage } from '../components/admin/invites.js'
import { ROLES, UsersPage } from '../components/admin/users.js'
import { queryInt } from '../components/manage/format.js'
import { setFlash } from '../flash.js'
import { emptyForm, type FormState, readFields } from '../form.js'
import { isHtmx, sendFragment, sendPage } from '../render.js'
import { signedInUser } from '../session.js'

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/
const PAGE_SIZES = [25, 50, 100, 200]
const STYLES = ['manage.css'] as const

type IdRequest = FastifyRequest<{ Params: { id: number } }>
const actorOf = (request: FastifyRequest) => {
  const { id, username } = signedInUser(request)
  return { id, username }
}

/** The audit log's query: the API's list parameters, with the date range as the `day` filter. */
function auditQuery(raw: Record<string, string | undefined>) {
  const values = readFields(raw, ['action', 'actor', 'entity', 'entityId', 'from', 'to', 'sort'] as const)
  const state: FormState<AuditField> = { values, errors: {} }
  for (const key of ['from', 'to'] as const)
    if (values[key] && !isCalendarDate(values[key])) state.errors[key] = 'Enter a date as YYYY-MM-DD'
  if (!state.errors.from && !state.errors.to && values.from && values.to && values.from > values.to)
    state.errors.to = 'The end date is before the start date'
  const sort = /^-?(createdAt|actor|action|entity)$/.test(values.sort) ? values.sort : undefined
  const page = queryInt(raw.page, 1, 1, 1_000_000)
  const pageSize = PAGE_SIZES.includes(queryInt(raw.pageSize, 50, 1, 200))
    ? queryInt(raw.pageSize, 50, 1, 200)
    : 50
  const range = values.from || values.to ? `${values.from}..${values.to}` : undefined
  const filters = {
    action: values.action || undefined,
    actor: values.actor || undefined,
    entity: values.entity || undefined,
    entityId: values.entityId || undefined,
    day: Object.keys(state.errors).length === 0 ? range : undefined,
  }
  // What the table's links carry along (the form's own names, so a link reproduces the form).
  const query = { ...filterValues(values), sort, pageSize, page }
  return { state, params: { page, pageSize, sort, filters }, query }
}

function filterValues(values: Record<string, string>) {
  const { sort: _sort, ...rest } = values
  return Object.fromEntries(Object.entries(rest).filter(([, v]) => v !== '')) as Record<string, string>
}

/** Users, invites and the audit log (admins only: docs/ACCESS.md), over app.usersService. */
export default async function adminPages(app: FastifyInstance) {
  const timeZone = app.config.shopTimezone
  const users = app.usersService
  const access = { access: ADMIN }

  app.get('/admin', { config: access }, async (request, reply) =>
    sendPage(request, reply, {
      title: 'Users',
      styles: [...STYLES],
      body: <UsersPage users={await users.list()} me={signedInUser(request).id} timeZone={timeZone} />,
    }),
  )

  /** Role change and (de)activation: PATCH /api/users/:id's rules (not yourself, ends sessions). */
  async function updateUser(request: IdRequest, changes: { role?: Role; active?: boolean }, done: string) {
    try {
      const user = await users.update(actorOf(request), request.params.id, changes, requestContext(request))
      return { kind: 'success' as const, text: `${user.username}: ${done}.` }
    } catch (err) {
      if (!(err instanceof AppError) || err.statusCode >= 500) throw err
      return { kind: 'error' as const, text: err.message }
    }
  }

  app.post<{ Params: { id: number } }>(
    '/admin/users/:id/role',
    { config: access, schema: { params: IdParams } },
    async (request, reply) => {
      const { role } = readFields(request.body, ['role'] as const)
      const flash = ROLES.includes(role as Role)
        ? await updateUser(request, { role: role as Role }, `role is now ${role}`)
        : { kind: 'error' as const, text: 'Choose staff, manager or admin' }
      setFlash(reply, flash)
      return reply.redirect('/admin', 303)
    },
  )

  app.post<{ Params: { id: number } }>(
    '/admin/users/:id/active',
    { config: access, schema: { params: IdParams } },
    async (request, reply) => {
      const { active } = readFields(request.body, ['active'] as const)
      const flash =
        active === 'true' || active === 'false'
          ? await updateUser(
              request,
              { active: active === 'true' },
              active === 'true' ? 'reactivated, they can sign in again' : 'deactivated and signed out',
            )
          : { kind: 'error' as const, text: 'Nothing to change' }
      setFlash(reply, flash)
      return reply.redirect('/admin', 303)
    },
  )

  const invitesPage = async (state: FormState<InviteField>, created?: { link: string; role: Role }) => ({
    title: 'Invites',
    styles: [...STYLES],
    scripts: ['clipboard.js' as const],
    body: (
      <InvitesPage invites={await users.listInvites()} state={state} created={created} timeZone={timeZone} />
    ),
  })

  app.get('/admin/invites', { config: access }, async (request, reply) =>
    sendPage(request, reply, await invitesPage(emptyForm({ days: String(app.config.auth.inviteTtlDays) }))),
  )

  app.post('/admin/invites', { config: access }, async (request, reply) => {
    const values = readFields(request.body, ['role', 'email', 'days'] as const)
    const state: FormState<InviteField> = { values, errors: {} }
    if (!ROLES.includes(values.role as Role)) state.errors.role = 'Choose staff, manager or admin'
    if (values.email && (values.email.length > 254 || !EMAIL.test(values.email)))
      state.errors.email = 'Enter an e-mail address like name@example.com, or leave it empty'
    const days = queryInt(values.days, 0, 1, 90)
    if (days === 0) state.errors.days = 'Enter a whole number of days from 1 to 90'
    if (Object.keys(state.errors).length > 0)
      return sendPage(request, reply, { ...(await invitesPage(state)), status: 422 })
    const role = values.role as Role
    const invite = await users.createInvite(
      actorOf(request),
      { role, ttlDays: days, ...(values.email ? { email: values.email } : {}) },
      requestContext(request),
    )
    // The token exists only in this answer: no redirect, or it would have to be stored to show it again.
    const link = `${request.protocol}://${request.host}/register?token=${encodeURIComponent(invite.token)}`
    const page = await invitesPage(emptyForm({ days: String(app.config.auth.inviteTtlDays) }), {
      link,
      role,
    })
    return sendPage(request, reply, { ...page, status: 201 })
  })

  app.post<{ Params: { id: number } }>(
    '/admin/invites/:id/revoke',
    { config: access, schema: { params: IdParams } },
    async (request, reply) => {
      try {
        await users.revokeInvite(actorOf(request), request.params.id, requestContext(request))
        setFlash(reply, { kind: 'success', text: 'The invite is revoked: its link no longer works.' })
      } catch (err) {
        if (!(err instanceof AppError) || err.statusCode >= 500) throw err
        setFlash(reply, { kind: 'error', text: err.message })
      }
      return reply.redirect('/admin/invites', 303)
    },
  )

  app.get<{ Querystring: Record<string, string | undefined> }>(
    '/admin/audit',
    { config: access },
    async (request, reply) => {
      const { state, params, query } = auditQuery(request.query)
      const invalid = Object.keys(state.errors).length > 0
      const page = await users.auditPage(params)
      const table = { rows: page.data, page, query, timeZone }
      if (isHtmx(request)) return sendFragment(reply, <AuditTable {...table} />)
      return sendPage(request, reply, {
        title: 'Audit log',
        styles: [...STYLES],
        status: invalid ? 422 : 200,
        body: <AuditPage {...table} state={state} />,
      })
    },
  )
}
