import type { Browser } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
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

// Page group 1 (issue 17): first start, sign in and out, register from an invite, change password.
describe('sign-in, register and account pages in chromium', { timeout: BROWSER_TEST_TIMEOUT_MS }, () => {
  let app: WebApp
  let browser: Browser

  beforeAll(async () => {
    app = await startWebApp()
    browser = await launchBrowser()
  }, BROWSER_TEST_TIMEOUT_MS)
  afterAll(async () => {
    await browser?.close()
    await app?.close()
  }, BROWSER_TEST_TIMEOUT_MS)

  it('shows how to create the first admin while there are no users', async () => {
    const { page, context } = await newPage(browser)
    const problems = collectPageProblems(page)
    await page.goto(`${app.baseUrl}/`)
    await expect(page.getByRole('heading', { level: 1 }).textContent()).resolves.toContain(
      'create the first admin',
    )
    await expect(page.locator('main').textContent()).resolves.toContain('npm run user -- create --username')
    await expectAccessible(page, 'first start')
    await screenshot(page, 'first-start')
    expect(problems).toEqual([])
    await context.close()
  })

  it('signs in, shows the dashboard and the navigation for the role, then signs out', async () => {
    // Fixed names in screenshotted pages: the committed screenshots change only when the pages do.
    const manager = await app.createUser('manager', 'maria')
    const { page, context } = await newPage(browser)
    const problems = collectPageProblems(page)
    await page.goto(`${app.baseUrl}/`)
    expect(new URL(page.url()).pathname).toBe('/sign-in')
    await expectAccessible(page, 'sign in')
    await screenshot(page, 'sign-in')

    await signIn(page, app, manager)
    await expect(page.getByRole('heading', { level: 1 }).textContent()).resolves.toBe('Dashboard')
    const nav = await page.getByRole('navigation', { name: 'Main' }).getByRole('link').allTextContents()
    expect(nav).toEqual([
      'Dashboard',
      'Work orders',
      'Check-ins',
      'Repair orders',
      'Queue',
      'Board',
      'Customers',
      'Sources',
      'Analytics',
      'Models',
      'Mail',
    ])
    await expectAccessible(page, 'dashboard')
    await screenshot(page, 'dashboard')

    await page.getByRole('button', { name: 'Sign out' }).click()
    await page.waitForURL((url) => url.pathname === '/sign-in')
    await expect(page.getByRole('status').textContent()).resolves.toContain('You are signed out')
    await page.goto(`${app.baseUrl}/account`)
    expect(new URL(page.url()).pathname + new URL(page.url()).search).toBe('/sign-in?next=%2Faccount')
    expect(problems).toEqual([])
    await context.close()
  })

  it('staff see no analytics, models or admin links', async () => {
    const staff = await app.createUser('staff')
    const { page, context } = await newPage(browser)
    await signIn(page, app, staff)
    const nav = await page.getByRole('navigation', { name: 'Main' }).getByRole('link').allTextContents()
    expect(nav).toEqual([
      'Dashboard',
      'Work orders',
      'Check-ins',
      'Repair orders',
      'Queue',
      'Board',
      'Customers',
      'Sources',
    ])
    await context.close()
  })

  it('a wrong password keeps the username and shows the message beside the password field', async () => {
    const staff = await app.createUser('staff', 'sam')
    const { page, context } = await newPage(browser)
    await page.goto(`${app.baseUrl}/sign-in`)
    await page.getByLabel('Username').fill(staff.username)
    await page.getByLabel('Password').fill('not the password at all')
    await page.getByRole('button', { name: 'Sign in' }).click()
    await page.waitForSelector('.error-summary')
    await expect(page.getByLabel('Username').inputValue()).resolves.toBe(staff.username)
    await expect(page.getByLabel('Password').inputValue()).resolves.toBe('')
    const message = page.locator('#f-password-error')
    await expect(message.textContent()).resolves.toContain('Wrong username or password')
    await expect(page.getByLabel('Password').getAttribute('aria-describedby')).resolves.toBe(
      'f-password-error',
    )
    await expectAccessible(page, 'sign in with an error')
    await screenshot(page, 'sign-in-error')
    await context.close()
  })

  it('registers from an invite link and is signed in at once; the link works only once', async () => {
    const admin = await app.createUser('admin')
    const invite = await app.app.usersService.createInvite(admin, { role: 'staff', ttlDays: 7 }, {})
    const { page, context } = await newPage(browser)
    const link = `${app.baseUrl}/register?token=${encodeURIComponent(invite.token)}`
    await page.goto(link)
    await expectAccessible(page, 'register')
    await screenshot(page, 'register')

    await page.getByLabel('Username', { exact: true }).fill('new-hire')
    await page.getByLabel('E-mail (optional)').fill('hire@example.com')
    await page.getByLabel('Password', { exact: true }).fill('short')
    await page.getByLabel('Repeat the password').fill('short')
    await page.getByRole('button', { name: 'Create account' }).click()
    await expect(page.locator('#f-password-error').textContent()).resolves.toContain('at least 8 characters')
    await expect(page.getByLabel('Username', { exact: true }).inputValue()).resolves.toBe('new-hire')

    await page.getByLabel('Password', { exact: true }).fill('a ladder of blue canvas')
    await page.getByLabel('Repeat the password').fill('a ladder of blue canvas')
    await page.getByRole('button', { name: 'Create account' }).click()
    await page.waitForURL((url) => url.pathname === '/')
    await expect(page.getByRole('status').textContent()).resolves.toContain('Welcome, new-hire')
    await expect(page.locator('.account').textContent()).resolves.toContain('new-hire (staff)')
    await context.close()

    const again = await newPage(browser)
    await again.page.goto(link)
    await again.page.getByLabel('Username', { exact: true }).fill('second-hire')
    await again.page.getByLabel('Password', { exact: true }).fill('a ladder of blue canvas')
    await again.page.getByLabel('Repeat the password').fill('a ladder of blue canvas')
    await again.page.getByRole('button', { name: 'Create account' }).click()
    await expect(again.page.locator('.error-summary').textContent()).resolves.toContain(
      'invalid, has expired',
    )
    await again.context.close()
  })

  it('changes the password: wrong current password beside its field, then success ends other sessions', async () => {
    const staff = await app.createUser('staff', 'ana')
    const other = await newPage(browser)
    await signIn(other.page, app, staff)
    const { page, context } = await newPage(browser)
    await signIn(page, app, staff, '/account')
    await expectAccessible(page, 'my account')
    await screenshot(page, 'account')

    await page.getByLabel('Current password').fill('wrong wrong wrong')
    await page.getByLabel('New password', { exact: true }).fill('sails dry slowly in june')
    await page.getByLabel('Repeat the new password').fill('sails dry slowly in june')
    await page.getByRole('button', { name: 'Change password' }).click()
    await expect(page.locator('#f-current-error').textContent()).resolves.toContain(
      'not your current password',
    )

    await page.getByLabel('Current password').fill(staff.password)
    await page.getByLabel('New password', { exact: true }).fill('sails dry slowly in june')
    await page.getByLabel('Repeat the new password').fill('sails dry slowly in june')
    await page.getByRole('button', { name: 'Change password' }).click()
    await page.waitForSelector('.flash-success')
    await expect(page.getByRole('status').textContent()).resolves.toContain('Your password is changed')

    await other.page.goto(`${app.baseUrl}/account`)
    expect(new URL(other.page.url()).pathname).toBe('/sign-in')
    await signIn(
      other.page,
      app,
      { username: staff.username, password: 'sails dry slowly in june' },
      '/account',
    )
    await other.context.close()
    await context.close()
  })

  it('answers an unknown page with an HTML 404 inside the layout, and an unknown API path with JSON', async () => {
    const staff = await app.createUser('staff', 'tom')
    const { page, context } = await newPage(browser)
    await signIn(page, app, staff)
    const response = await page.goto(`${app.baseUrl}/no-such-page`)
    expect(response?.status()).toBe(404)
    await expect(page.getByRole('heading', { level: 1 }).textContent()).resolves.toBe('Page not found')
    await expect(page.getByRole('navigation', { name: 'Main' }).isVisible()).resolves.toBe(true)
    await expectAccessible(page, 'not found')
    await screenshot(page, 'not-found')
    const api = await page.goto(`${app.baseUrl}/api/no-such-thing`)
    expect(api?.headers()['content-type']).toContain('application/json')
    await context.close()
  })
})
