import type { Browser, Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { GOOD_PASSWORD } from '../helpers/auth.js'
import { expectAccessible } from './helpers/axe.js'
import {
  BROWSER_TEST_TIMEOUT_MS,
  collectPageProblems,
  launchBrowser,
  newPage,
  screenshot,
  signIn,
  startWebApp,
  type WebApp,
} from './helpers/browser.js'
import { expectNoXss, showsLiterally, xssPage, xssText } from './helpers/xss.js'

/** A same-origin form POST from inside the page (CSRF passes): only the role rule can refuse it. */
async function postForm(page: Page, url: string, fields: Record<string, string>): Promise<number> {
  return (await page.evaluate(
    `fetch(${JSON.stringify(url)}, { method: 'POST', body: new URLSearchParams(${JSON.stringify(fields)}),
      redirect: 'manual' }).then((r) => r.status)`,
  )) as number
}

async function registerThrough(page: Page, link: string, username: string) {
  await page.goto(link)
  await page.getByLabel('Username', { exact: true }).fill(username)
  await page.getByLabel('Password', { exact: true }).fill(GOOD_PASSWORD)
  await page.getByLabel('Repeat the password').fill(GOOD_PASSWORD)
  await Promise.all([
    page.waitForURL((url) => url.pathname === '/'),
    page.getByRole('button', { name: 'Create account' }).click(),
  ])
}

// Issue 17, page 10: users (role, deactivate), invites (create, copy, revoke), the audit log; admins only.
describe('admin pages in chromium', { timeout: BROWSER_TEST_TIMEOUT_MS }, () => {
  let app: WebApp
  let browser: Browser
  let admin: Awaited<ReturnType<WebApp['createUser']>>

  beforeAll(async () => {
    app = await startWebApp()
    browser = await launchBrowser()
    admin = await app.createUser('admin', 'ada')
    await app.createUser('manager', 'maria')
  }, BROWSER_TEST_TIMEOUT_MS)
  afterAll(async () => {
    await browser?.close()
    await app?.close()
  }, BROWSER_TEST_TIMEOUT_MS)

  it('creates an invite, copies its link, and the link registers a new user', async () => {
    const { page, context } = await newPage(browser)
    await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: app.baseUrl })
    const problems = collectPageProblems(page)
    await signIn(page, app, admin, '/admin/invites')
    await expectAccessible(page, 'invites')

    await page.getByLabel('Role').selectOption('staff')
    await page.getByLabel('E-mail (optional, for your records)').fill('sam@example.com')
    await page.getByRole('button', { name: 'Create invite' }).click()
    const field = page.getByRole('textbox', { name: 'Invite link' })
    const link = await field.inputValue()
    expect(link).toMatch(new RegExp(`^${app.baseUrl}/register\\?token=.+`))
    expect(await field.getAttribute('readonly')).not.toBeNull()
    await page.getByRole('button', { name: 'Copy link' }).click()
    // The status is written when the clipboard's promise settles, after the click returns.
    await page.locator('#invite-link-status:not(:empty)').waitFor()
    await expect(page.locator('#invite-link-status').textContent()).resolves.toBe('Copied to the clipboard.')
    expect(await page.evaluate('navigator.clipboard.readText()')).toBe(link)
    await expectAccessible(page, 'invite created')
    expect(problems).toEqual([])

    const newcomer = await newPage(browser)
    await registerThrough(newcomer.page, link, 'sam')
    await expect(newcomer.page.locator('.account').textContent()).resolves.toContain('sam (staff)')
    await newcomer.context.close()

    await page.goto(`${app.baseUrl}/admin/invites`)
    await expect(page.locator('#invites tbody tr').first().textContent()).resolves.toContain('used by sam')
    await screenshot(page, 'admin-invites')
    await context.close()
  })

  it('changes a role and deactivates a user, who is signed out and cannot sign in again', async () => {
    const victim = await app.createUser('staff', 'theo')
    const theo = await newPage(browser)
    await signIn(theo.page, app, victim, '/')

    const { page, context } = await newPage(browser)
    const problems = collectPageProblems(page)
    page.on('dialog', (dialog) => dialog.accept())
    await signIn(page, app, admin, '/admin')
    await expectAccessible(page, 'users')
    await screenshot(page, 'admin-users')

    await page.getByLabel('Role of theo').selectOption('manager')
    await page.getByRole('button', { name: 'Change role of theo' }).click()
    await expect(page.getByRole('status').textContent()).resolves.toContain('theo: role is now manager')
    await expect(page.locator(`#user-${victim.id}`).textContent()).resolves.toContain('Manager')

    await page.getByRole('button', { name: 'Deactivate theo' }).click()
    await expect(page.getByRole('status').textContent()).resolves.toContain('theo: deactivated')
    await expect(page.locator(`#user-${victim.id}`).textContent()).resolves.toContain('deactivated')
    expect(problems).toEqual([])

    // The open session ended at once; a new sign-in is refused.
    await theo.page.goto(`${app.baseUrl}/account`)
    expect(new URL(theo.page.url()).pathname).toBe('/sign-in')
    await theo.page.getByLabel('Username').fill('theo')
    await theo.page.getByLabel('Password').fill(GOOD_PASSWORD)
    await theo.page.getByRole('button', { name: 'Sign in' }).click()
    await expect(theo.page.locator('.error-summary').textContent()).resolves.toContain(
      'Wrong username or password',
    )
    await theo.context.close()

    // Their own row has no actions: an admin cannot lock themselves out.
    await expect(page.locator(`#user-${admin.id}`).getByRole('button').count()).resolves.toBe(0)
    await context.close()
  })

  it('revokes an invite: its link stops working', async () => {
    const { page, context } = await newPage(browser)
    page.on('dialog', (dialog) => dialog.accept())
    await signIn(page, app, admin, '/admin/invites')
    await page.getByLabel('Role').selectOption('manager')
    await page.getByRole('button', { name: 'Create invite' }).click()
    const link = await page.getByRole('textbox', { name: 'Invite link' }).inputValue()
    await page.goto(`${app.baseUrl}/admin/invites`)
    await page
      .locator('#invites tbody tr')
      .first()
      .getByRole('button', { name: /Revoke/ })
      .click()
    await expect(page.getByRole('status').textContent()).resolves.toContain('its link no longer works')

    const stranger = await newPage(browser)
    await stranger.page.goto(link)
    await stranger.page.getByLabel('Username', { exact: true }).fill('too-late')
    await stranger.page.getByLabel('Password', { exact: true }).fill(GOOD_PASSWORD)
    await stranger.page.getByLabel('Repeat the password').fill(GOOD_PASSWORD)
    await stranger.page.getByRole('button', { name: 'Create account' }).click()
    await expect(stranger.page.locator('.error-summary').textContent()).resolves.toContain(
      'invalid, has expired',
    )
    await stranger.context.close()
    await context.close()
  })

  it('shows those actions in the audit log, filtered and paged by the server', async () => {
    const { page, context } = await newPage(browser)
    const problems = collectPageProblems(page)
    await signIn(page, app, admin, '/admin/audit')
    const text = await page.locator('#audit-table').textContent()
    for (const action of ['invite.created', 'invite.revoked', 'user.updated', 'user.registered'])
      expect(text).toContain(action)
    await expectAccessible(page, 'audit log')
    await screenshot(page, 'admin-audit')

    await page.getByLabel('Action contains').fill('user.updated')
    await page.getByRole('button', { name: 'Filter' }).click()
    await page.waitForURL((url) => url.searchParams.get('action') === 'user.updated')
    const actions = await page.locator('#audit-table tbody code').allTextContents()
    expect(actions.length).toBe(2)
    expect(new Set(actions)).toEqual(new Set(['user.updated']))
    await expect(page.locator('#audit-table').textContent()).resolves.toContain('"active":false')

    // Sorting is an htmx swap of the table that keeps the filter.
    await page.locator('#audit-table thead').getByRole('link', { name: /Who/ }).click()
    await page.waitForURL((url) => url.searchParams.get('sort') === 'actor')
    expect(new URL(page.url()).searchParams.get('action')).toBe('user.updated')
    await expect(page.locator('#audit-table tbody code').count()).resolves.toBe(2)

    // A date range (today) keeps the same two entries; one far in the past finds none.
    const today = new Date().toISOString().slice(0, 10)
    await page.goto(`${app.baseUrl}/admin/audit?action=user.updated&from=2000-01-01&to=${today}`)
    await expect(page.locator('#audit-table tbody code').count()).resolves.toBe(2)
    await page.goto(`${app.baseUrl}/admin/audit?action=user.updated&from=2000-01-01&to=2000-12-31`)
    await expect(page.locator('#audit-table tbody').textContent()).resolves.toContain('Nothing matches')

    // A bad date comes back beside its field, the other values kept.
    await page.goto(`${app.baseUrl}/admin/audit?action=invite&from=2026-02-30`)
    await expect(page.locator('#f-from-error').textContent()).resolves.toContain('YYYY-MM-DD')
    await expect(page.getByLabel('Action contains').inputValue()).resolves.toBe('invite')
    expect(problems).toEqual([])
    await context.close()
  })

  it('refuses managers and staff: no link, a 403 page, and forged posts refused', async () => {
    const staff = await app.createUser('staff')
    for (const user of [await app.createUser('manager'), staff]) {
      const { page, context } = await newPage(browser)
      await signIn(page, app, user, '/')
      const nav = await page.getByRole('navigation', { name: 'Main' }).textContent()
      expect(nav).not.toContain('Admin')
      for (const path of ['/admin', '/admin/invites', '/admin/audit']) {
        const res = await page.goto(`${app.baseUrl}${path}`)
        expect(res?.status()).toBe(403)
        await expect(page.getByRole('heading', { level: 1 }).textContent()).resolves.toBe('Not allowed')
      }
      expect(await postForm(page, `/admin/users/${user.id}/role`, { role: 'admin' })).toBe(403)
      expect(await postForm(page, `/admin/users/${staff.id}/active`, { active: 'false' })).toBe(403)
      expect(await postForm(page, '/admin/invites', { role: 'admin', days: '7' })).toBe(403)
      expect(await postForm(page, '/admin/invites/1/revoke', {})).toBe(403)
      await context.close()
    }
    const after = await app.app.usersService.list()
    expect(after.find((u) => u.id === staff.id)).toMatchObject({ role: 'staff', active: true })
  })

  it('escapes usernames, e-mails and audit details', async () => {
    const hostile = await app.app.usersService.createDirect({
      username: xssText('user'),
      email: xssText('email'),
      password: GOOD_PASSWORD,
      role: 'staff',
    })
    await app.app.usersService.createInvite(
      admin,
      { role: 'staff', email: xssText('invite'), ttlDays: 7 },
      {},
    )
    // A failed sign-in records the name as typed.
    await app.app.authService
      .login({ username: xssText('login'), password: 'wrong password' }, {})
      .catch(() => undefined)

    const { page, context } = await xssPage(browser)
    await signIn(page, app, admin, '/admin')
    await expectNoXss(page, 'users')
    expect(await showsLiterally(page, hostile.username)).toBe(true)
    expect(await showsLiterally(page, xssText('email'))).toBe(true)
    await page.goto(`${app.baseUrl}/admin/invites`)
    await expectNoXss(page, 'invites')
    expect(await showsLiterally(page, xssText('invite'))).toBe(true)
    await page.goto(`${app.baseUrl}/admin/audit`)
    await expectNoXss(page, 'audit log')
    expect(await showsLiterally(page, xssText('login').toLowerCase())).toBe(true)
    expect(await showsLiterally(page, xssText('invite'))).toBe(true)
    await context.close()
  })
})
