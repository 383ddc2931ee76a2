import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createTestApp } from '../helpers/app.js'
import { GOOD_PASSWORD } from '../helpers/auth.js'

// The service methods the admin and analytics pages added (docs/WEB.md, "Analytics, models and admin pages").
describe('admin page services: invites list and revoke, the audit log by page', () => {
  let ctx: Awaited<ReturnType<typeof createTestApp>>
  let admin: { id: number; username: string }

  beforeAll(async () => {
    ctx = await createTestApp()
    admin = await ctx.app.usersService.createDirect({
      username: 'ada',
      password: GOOD_PASSWORD,
      role: 'admin',
    })
  })
  afterAll(() => ctx.close())

  it('lists invites newest first with who made them, and revokes an unused one (audited), never a used one', async () => {
    const users = ctx.app.usersService
    const first = await users.createInvite(admin, { role: 'staff', email: 'a@example.com', ttlDays: 7 }, {})
    const second = await users.createInvite(admin, { role: 'manager', ttlDays: 1 }, {})
    await ctx.app.authService.register({ token: first.token, username: 'sam', password: GOOD_PASSWORD }, {})

    const listed = await users.listInvites()
    expect(listed.map((i) => i.id)).toEqual([second.id, first.id])
    expect(listed[1]).toMatchObject({
      role: 'staff',
      email: 'a@example.com',
      createdBy: 'ada',
      usedBy: 'sam',
    })
    expect(listed[0]).toMatchObject({ usedAt: null, usedBy: null })
    expect(Object.keys(listed[0] ?? {})).not.toContain('tokenHash')

    await expect(users.revokeInvite(admin, first.id, {})).rejects.toMatchObject({
      statusCode: 404,
      code: 'invite.not_found',
    })
    await users.revokeInvite(admin, second.id, {})
    expect((await users.listInvites()).map((i) => i.id)).toEqual([first.id])
    await expect(
      ctx.app.authService.register({ token: second.token, username: 'late', password: GOOD_PASSWORD }, {}),
    ).rejects.toMatchObject({ code: 'invite.invalid' })
    const [revoked] = await users.recentAudit(1)
    expect(revoked).toMatchObject({
      action: 'invite.revoked',
      entityId: String(second.id),
      actorUsername: 'ada',
    })
  })

  it('pages, filters and sorts the audit log', async () => {
    const page = (filters: Record<string, string | undefined>, extra = {}) =>
      ctx.app.usersService.auditPage({ page: 1, pageSize: 2, filters, ...extra })
    const all = await page({})
    expect(all.total).toBeGreaterThanOrEqual(5)
    expect(all.data).toHaveLength(2)
    expect(all.pageCount).toBe(Math.ceil(all.total / 2))
    const newest = all.data[0]?.createdAt.getTime() ?? 0
    expect(newest).toBeGreaterThanOrEqual(all.data[1]?.createdAt.getTime() ?? 0)

    const invites = await page({ action: 'invite.' }, { pageSize: 50 })
    expect(new Set(invites.data.map((e) => e.action))).toEqual(new Set(['invite.created', 'invite.revoked']))
    const bySam = await page({ actor: 'sam' }, { pageSize: 50 })
    expect(bySam.data.every((e) => e.actorUsername === 'sam')).toBe(true)
    const today = new Date().toISOString().slice(0, 10)
    expect((await page({ day: `..${today}` }, { pageSize: 50 })).total).toBeGreaterThan(0)
    expect((await page({ day: '2000-01-01..2000-12-31' })).total).toBe(0)
    const sorted = await page({}, { pageSize: 50, sort: 'action' })
    const actions = sorted.data.map((e) => e.action)
    expect(actions).toEqual([...actions].sort())
    await expect(page({ day: '2026-02-30' })).rejects.toMatchObject({ code: 'query.invalid_filter' })
  })

  it('scopes the analytics series by source and end date (the analytics page), keyed apart in the cache', async () => {
    const analytics = ctx.app.analyticsService
    const plain = await analytics.trends({ months: 3 })
    expect(plain.value.data).toHaveLength(3)
    const ending = await analytics.trends({ months: 2, until: '2025-03-15', sourceId: 1 })
    expect(ending.value.data.map((m) => m.month)).toEqual(['2025-02', '2025-03'])
    expect(ending.cache).not.toBe('hit')
    expect((await analytics.backlog({ days: 5, until: '2025-03-15' })).value.data.at(-1)?.day).toBe(
      '2025-03-15',
    )
  })
})
