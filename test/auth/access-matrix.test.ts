import { readFileSync } from 'node:fs'
import path from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { describeAccess, rolesOf } from '../../src/auth/access.js'
import type { Role } from '../../src/models/index.js'
import { createTestApp } from '../helpers/app.js'
import { newSession, userWithSession } from '../helpers/auth.js'
import { ROOT } from '../helpers/cli.js'

/** docs/ACCESS.md's table: the documented decision for every route. */
function documentedMatrix(): Map<string, string> {
  const text = readFileSync(path.join(ROOT, 'docs/ACCESS.md'), 'utf8')
  const rows = text.split('\n').filter((l) => /^\|\s*(GET|POST|PUT|PATCH|DELETE)\s*\|/.test(l))
  return new Map(
    rows.map((row) => {
      const [method, url, access] = row
        .split('|')
        .slice(1, 4)
        .map((c) => c.trim()) as [string, string, string]
      return [`${method} ${url}`, access]
    }),
  )
}

const ROLES: Role[] = ['staff', 'manager', 'admin']
const concrete = (url: string) => url.replace(/:[A-Za-z]+/g, '1').replace(/\*$/, 'index.html')

describe('the role matrix, over every registered route', () => {
  let ctx: Awaited<ReturnType<typeof createTestApp>>
  const usernames = {} as Record<Role, string>

  beforeAll(async () => {
    ctx = await createTestApp({
      env: { CRON_SECRET: 'matrix-cron-secret-value', LOGIN_RATE_LIMIT_PER_MIN: '10000' },
    })
    for (const role of ROLES) usernames[role] = (await userWithSession(ctx.app, role)).user.username
  })
  afterAll(() => ctx.close())

  it('documents exactly the routes the app registers, with the same decision', () => {
    const documented = documentedMatrix()
    const registered = new Map<string, string>()
    for (const { method, url, access } of ctx.app.routeAccess) {
      const key = url.startsWith('/docs') ? `${method} /docs*` : `${method} ${url}`
      registered.set(key, describeAccess(access))
    }
    expect(Object.fromEntries(registered)).toEqual(Object.fromEntries(documented))
  })

  it('answers each route as documented for anonymous, staff, manager and admin callers', async () => {
    const problems: string[] = []
    for (const { method, url, access } of ctx.app.routeAccess) {
      const target = concrete(url)
      const call = async (headers: Record<string, string>) => {
        const res = await ctx.app.inject({
          method: method as 'GET',
          url: target,
          headers,
          ...(method === 'GET' ? {} : { payload: {} }),
        })
        return res
      }
      const anonymousRes = await call({})
      const anonymous = anonymousRes.statusCode
      // A page sends a stranger to the sign-in page (303) where the API answers 401 (docs/WEB.md).
      const page = ctx.app.webRoutes.has(`${method} ${url}`)
      const expectedAnonymous = access === 'public' ? 'allowed' : page ? 303 : 401
      if (
        expectedAnonymous === 'allowed'
          ? anonymous === 401 || anonymous === 403 || anonymous >= 500
          : anonymous !== expectedAnonymous ||
            (page && !String(anonymousRes.headers.location).startsWith('/sign-in?next='))
      ) {
        problems.push(`${method} ${url} anonymous → ${anonymous}`)
      }
      const roles = rolesOf(access)
      if (roles === undefined) continue
      for (const role of ROLES) {
        // A fresh session per call: some routes (logout) end the session they are called with.
        const { bearer } = await newSession(ctx.app, usernames[role])
        const status = (await call(bearer)).statusCode
        const allowed = roles.includes(role)
        const ok = allowed ? status !== 401 && status !== 403 && status < 500 : status === 403
        if (!ok)
          problems.push(`${method} ${url} as ${role} → ${status} (expected ${allowed ? 'allowed' : 403})`)
      }
    }
    expect(problems).toEqual([])
    expect(ctx.app.routeAccess.length).toBeGreaterThan(8)
    // Five calls per route and more routes with every page group: no wall-clock budget on a shared machine.
  }, 300_000)
})
