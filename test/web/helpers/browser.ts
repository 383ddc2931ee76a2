import { existsSync, mkdirSync } from 'node:fs'
import type { AddressInfo } from 'node:net'
import path from 'node:path'
import { type Browser, type BrowserContext, chromium, type Page } from 'playwright-core'
import type { Role } from '../../../src/models/index.js'
import { createTestApp, type TestAppOptions } from '../../helpers/app.js'
import { GOOD_PASSWORD } from '../../helpers/auth.js'
import { ROOT } from '../../helpers/cli.js'

/** Debian's chromium (`.ci/run` installs it); no downloaded browser builds. */
export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium'

/** Generous on purpose: CI shares two cores with everything else. Tests have no wall-clock budgets. */
export const BROWSER_TIMEOUT_MS = 60_000
/** For `describe(..., { timeout: BROWSER_TEST_TIMEOUT_MS })` and beforeAll/afterAll. */
export const BROWSER_TEST_TIMEOUT_MS = 240_000

export const SCREENSHOTS = path.join(ROOT, 'docs/screenshots')
export const WIDTHS = [1280, 390] as const

export type WebApp = Awaited<ReturnType<typeof startWebApp>>

/**
 * The real app (buildApp, as `npm start` builds it) listening on 127.0.0.1 with a random port, on PGlite, or on
 * PostgreSQL when TEST_DATABASE_URL is set (test/helpers/database.ts decides).
 */
export async function startWebApp(options: TestAppOptions = {}) {
  const ctx = await createTestApp({
    ...options,
    // Browser tests sign in often, all from 127.0.0.1.
    env: { LOGIN_RATE_LIMIT_PER_MIN: '10000', ...options.env },
  })
  await ctx.app.listen({ host: '127.0.0.1', port: 0 })
  const { port } = ctx.app.server.address() as AddressInfo
  const baseUrl = `http://127.0.0.1:${port}`
  let counter = 0
  return {
    ...ctx,
    baseUrl,
    /** A user made as the user CLI makes one, with GOOD_PASSWORD. */
    async createUser(role: Role, username = `${role}-${process.pid}-${++counter}`) {
      const user = await ctx.app.usersService.createDirect({ username, password: GOOD_PASSWORD, role })
      return { ...user, password: GOOD_PASSWORD }
    },
  }
}

/** Headless chromium; --no-sandbox because CI runs as root. */
export async function launchBrowser(): Promise<Browser> {
  if (!existsSync(CHROMIUM_PATH)) {
    throw new Error(
      `No chromium at ${CHROMIUM_PATH}: apt-get install -y chromium, or set CHROMIUM_PATH (docs/WEB.md)`,
    )
  }
  return chromium.launch({ executablePath: CHROMIUM_PATH, headless: true, args: ['--no-sandbox'] })
}

/** A fresh context (its own cookies) at desktop width, with the generous timeouts. */
export async function newPage(
  browser: Browser,
  options: { bypassCSP?: boolean } = {},
): Promise<{ context: BrowserContext; page: Page }> {
  const context = await browser.newContext({
    viewport: { width: WIDTHS[0], height: 900 },
    bypassCSP: options.bypassCSP ?? false,
  })
  context.setDefaultTimeout(BROWSER_TIMEOUT_MS)
  context.setDefaultNavigationTimeout(BROWSER_TIMEOUT_MS)
  const page = await context.newPage()
  return { context, page }
}

/** Signs in through the sign-in form, as a person would, and waits for the page it leads to. */
export async function signIn(
  page: Page,
  app: WebApp,
  user: { username: string; password: string },
  next = '/',
) {
  await page.goto(`${app.baseUrl}/sign-in?next=${encodeURIComponent(next)}`)
  await page.getByLabel('Username').fill(user.username)
  await page.getByLabel('Password').fill(user.password)
  await Promise.all([
    page.waitForURL((url) => url.pathname === next),
    page.getByRole('button', { name: 'Sign in' }).click(),
  ])
}

/**
 * Writes `docs/screenshots/<name>-1280.png` and `<name>-390.png` (full page) of what the page shows now, then
 * puts the desktop width back.
 */
export async function screenshot(page: Page, name: string) {
  mkdirSync(SCREENSHOTS, { recursive: true })
  for (const width of WIDTHS) {
    await page.setViewportSize({ width, height: width === 390 ? 844 : 900 })
    await page.screenshot({
      path: path.join(SCREENSHOTS, `${name}-${width}.png`),
      fullPage: true,
      animations: 'disabled',
    })
  }
  await page.setViewportSize({ width: WIDTHS[0], height: 900 })
}

/**
 * Script errors, CSP violations and failed sub-resources (a script, style or image answering 4xx/5xx) the page
 * reported. Documents are left out: a form with errors is a 422 page, an error page its own status.
 */
export function collectPageProblems(page: Page): string[] {
  const problems: string[] = []
  page.on('pageerror', (error) => problems.push(`page error: ${error.message}`))
  page.on('console', (message) => {
    // Chrome logs every 4xx as "Failed to load resource", documents included; responses are checked below.
    if (message.type() === 'error' && !message.text().startsWith('Failed to load resource'))
      problems.push(`console error: ${message.text()}`)
  })
  page.on('response', (response) => {
    if (response.status() >= 400 && response.request().resourceType() !== 'document')
      problems.push(`${response.status()} for ${response.url()}`)
  })
  return problems
}
