import { createServer, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
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
import { expectNoXss, showsLiterally, xssPage, xssText } from './helpers/xss.js'

/** Another origin on the same machine: a page that posts a form to the app, as a hostile site would. */
async function hostileSite(html: string): Promise<{ server: Server; url: string }> {
  const server = createServer((_req, res) => {
    res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' })
    res.end(html)
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  return { server, url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/` }
}

describe('the pages under attack, in chromium', { timeout: BROWSER_TEST_TIMEOUT_MS }, () => {
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

  it('refuses a form POST forged by another site, with an HTML "not allowed" page; the password stays', async () => {
    const staff = await app.createUser('staff', 'sam')
    const forged = await hostileSite(`<!doctype html><title>win a prize</title>
      <form id="f" method="post" action="${app.baseUrl}/account/password">
        <input name="current" value="${staff.password}"><input name="next" value="attacker chose this one">
        <input name="confirm" value="attacker chose this one">
      </form><script>document.getElementById('f').submit()</script>`)
    const { page, context } = await newPage(browser)
    await signIn(page, app, staff, '/account')
    // A different port is another origin but the same site: the SameSite=Lax cookie is sent, so only the
    // CSRF rule (Sec-Fetch-Site must be same-origin) stands between the form and the password.
    const refused = page.waitForResponse((r) => r.url() === `${app.baseUrl}/account/password`)
    await page.goto(forged.url)
    const response = await refused
    expect(response.status()).toBe(403)
    await page.waitForURL(`${app.baseUrl}/account/password`)
    await expect(page.getByRole('heading', { level: 1 }).textContent()).resolves.toBe('Not allowed')
    await expect(page.locator('main').textContent()).resolves.toContain('Cross-site request refused')
    await expectAccessible(page, 'not allowed')
    await screenshot(page, 'not-allowed')
    forged.server.close()
    await context.close()

    // The old password still works; the attacker's does not.
    await expect(
      app.app.authService.login({ username: staff.username, password: staff.password }, {}),
    ).resolves.toMatchObject({ user: { username: staff.username } })
  })

  it('the same form posted from the app itself is accepted (the rule refuses only other sites)', async () => {
    const staff = await app.createUser('staff')
    const { page, context } = await newPage(browser)
    await signIn(page, app, staff, '/account')
    await page.getByLabel('Current password').fill(staff.password)
    await page.getByLabel('New password', { exact: true }).fill('a fresh batch of sailcloth')
    await page.getByLabel('Repeat the new password').fill('a fresh batch of sailcloth')
    await page.getByRole('button', { name: 'Change password' }).click()
    await page.waitForSelector('.flash-success')
    await context.close()
  })

  it('shows hostile text in the sign-in and register forms as text; nothing runs', async () => {
    const admin = await app.createUser('admin')
    const invite = await app.app.usersService.createInvite(admin, { role: 'staff', ttlDays: 7 }, {})
    const { page, context } = await xssPage(browser)
    const problems = collectPageProblems(page)

    const hostile = xssText('sign-in')
    await page.goto(
      `${app.baseUrl}/sign-in?next=${encodeURIComponent(`/"><script>window.__xss.push('next')</script>`)}`,
    )
    await page.getByLabel('Username').fill(hostile)
    await page.getByLabel('Password').fill('whatever it is')
    await page.getByRole('button', { name: 'Sign in' }).click()
    await page.waitForSelector('.error-summary')
    await expectNoXss(page, 'sign-in form')
    expect(await showsLiterally(page, hostile)).toBe(true)

    await page.goto(
      `${app.baseUrl}/register?token=${encodeURIComponent(`${invite.token}"><script>window.__xss.push('t')</script>`)}`,
    )
    await page.getByLabel('Username', { exact: true }).fill(xssText('username'))
    await page.getByLabel('E-mail (optional)').fill(xssText('email'))
    await page.getByLabel('Password', { exact: true }).fill('a ladder of blue canvas')
    await page.getByLabel('Repeat the password').fill('a ladder of blue canvas')
    await page.getByRole('button', { name: 'Create account' }).click()
    await page.waitForSelector('.error-summary')
    await expectNoXss(page, 'register form')
    expect(await showsLiterally(page, xssText('email'))).toBe(true)
    expect(problems).toEqual([])
    await context.close()
  })

  it('the XSS check itself catches a payload that a template let through (a control for the helper)', async () => {
    const { page, context } = await xssPage(browser)
    await page.goto(`${app.baseUrl}/sign-in`)
    await page.setContent(`<p>${xssText('unescaped')}</p><input value="${xssText('attr')}">`)
    await expect(expectNoXss(page, 'an unescaped page')).rejects.toThrow(/payload ran: unescaped/)
    await context.close()
  })

  it('sends the strict CSP on pages and loads every script and style from our own origin', async () => {
    const { page, context } = await newPage(browser)
    const problems = collectPageProblems(page)
    const response = await page.goto(`${app.baseUrl}/sign-in`)
    const csp = response?.headers()['content-security-policy'] ?? ''
    expect(csp).toContain("script-src 'self'")
    expect(csp).not.toContain("'unsafe-eval'")
    const sources = (await page.evaluate(
      `[...document.querySelectorAll('script, link[rel=stylesheet]')].map((el) => el.src || el.href)`,
    )) as string[]
    expect(sources.length).toBeGreaterThanOrEqual(3)
    for (const src of sources) expect(src.startsWith(`${app.baseUrl}/assets/`)).toBe(true)
    await expect(page.evaluate('typeof window.htmx')).resolves.toBe('object')
    await expect(page.evaluate('htmx.config.includeIndicatorStyles')).resolves.toBe(false)
    expect(problems).toEqual([])
    await context.close()
  })
})
