import type { Browser } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { seedEmptyDatabase } from '../../src/seed/seed-empty.js'
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

const CHARTS = 7
// The seed's history ends 2026-11-01: a fixed range keeps the screenshots' figures the same run to run.
const YEAR = '/analytics?from=2025-11-02&to=2026-11-01'

// Issue 17, page 8: every analytics endpoint's figures and charts, filtered by date in and source.
describe('analytics page in chromium', { timeout: BROWSER_TEST_TIMEOUT_MS }, () => {
  let app: WebApp
  let browser: Browser
  let manager: Awaited<ReturnType<WebApp['createUser']>>

  beforeAll(async () => {
    app = await startWebApp()
    await seedEmptyDatabase(app.app.db, { customers: 90, workOrders: 500, seed: 5 })
    browser = await launchBrowser()
    manager = await app.createUser('manager', 'maria')
  }, BROWSER_TEST_TIMEOUT_MS)
  afterAll(async () => {
    await browser?.close()
    await app?.close()
  }, BROWSER_TEST_TIMEOUT_MS)

  const kpi = (label: string) => `#kpis div:has(dt:text-is("${label}")) dd`

  it('draws every chart with uPlot, with no script error or CSP violation, and the numbers in tables', async () => {
    const { page, context } = await newPage(browser)
    const problems = collectPageProblems(page)
    await signIn(page, app, manager, '/analytics')
    await page.goto(`${app.baseUrl}${YEAR}`)
    await expect(page.locator('.chart-canvas canvas').count()).resolves.toBe(CHARTS)
    await expect(page.locator('figure.chart details table').count()).resolves.toBe(CHARTS)
    const summary = await app.app.analyticsService.summary({ from: '2025-11-02', to: '2026-11-01' })
    await expect(page.locator(kpi('Orders received')).textContent()).resolves.toBe(
      summary.value.ordersTotal.toLocaleString('en-US'),
    )
    // The numbers are there without the chart: open one table.
    await page.getByText('The numbers: revenue by product').click()
    await expect(page.locator('#chart-products details table').textContent()).resolves.toContain('Awnings')
    await page.getByText('The numbers: revenue by product').click()
    await expectAccessible(page, 'analytics')
    await screenshot(page, 'analytics')
    expect(problems).toEqual([])
    await context.close()
  })

  it('changes the figures with the date range and source (an htmx swap), and redraws the charts', async () => {
    const { page, context } = await newPage(browser)
    const problems = collectPageProblems(page)
    await signIn(page, app, manager, '/analytics')
    await page.goto(`${app.baseUrl}${YEAR}`)
    const before = await page.locator(kpi('Orders received')).textContent()

    const sources = await app.app.sourcesService.list({ page: 1, pageSize: 200, sort: 'name', filters: {} })
    const source = sources.data[0]
    if (!source) throw new Error('the seed made no source')
    await page.getByLabel('Received from').fill('2026-05-01')
    await page.getByLabel('Source', { exact: true }).selectOption(String(source.id))
    await page.getByRole('button', { name: 'Show' }).click()
    await page.waitForURL((url) => url.searchParams.get('sourceId') === String(source.id))
    await expect(page.locator('#analytics-content [role=status]').textContent()).resolves.toContain(
      `2026-05-01 to 2026-11-01, ${source.name}`,
    )
    const filter = { from: '2026-05-01', to: '2026-11-01', sourceId: source.id }
    const expected = (await app.app.analyticsService.summary(filter)).value.ordersTotal.toLocaleString(
      'en-US',
    )
    await expect(page.locator(kpi('Orders received')).textContent()).resolves.toBe(expected)
    expect(expected).not.toBe(before)
    // Every chart is redrawn; one whose series is empty for this source says so instead of drawing. The
    // script draws on htmx's settle, a moment after the swap that moved the URL.
    await page.waitForFunction(() => !document.querySelector('[data-chart]:not([data-drawn])'))
    const drawn = await page.$$eval('[data-chart]', (els) =>
      els.map((el) => ({
        points: (JSON.parse((el as HTMLElement).dataset.chart ?? '{}') as { x: unknown[] }).x.length,
        canvas: el.querySelector('canvas') !== null,
        text: el.textContent,
      })),
    )
    expect(drawn).toHaveLength(CHARTS)
    for (const chart of drawn)
      expect(chart).toMatchObject(
        chart.points > 0 ? { canvas: true } : { canvas: false, text: 'No data in this range.' },
      )
    // May to November: the monthly table has 7 rows.
    await expect(page.locator('#chart-orders details tbody tr').count()).resolves.toBe(7)

    // A bad date comes back beside its field, no figures, values kept.
    await page.getByLabel('Received from').fill('2026-11-20')
    await page.getByRole('button', { name: 'Show' }).click()
    await expect(page.locator('#f-to-error').textContent()).resolves.toContain('before the start date')
    await expect(page.getByLabel('Source', { exact: true }).inputValue()).resolves.toBe(String(source.id))
    // The one "problem" is that form's own 422 answer (htmx swaps it in like a 200).
    expect(problems).toEqual([expect.stringMatching(/^422 for .*\/analytics\?from=2026-11-20/)])
    await context.close()
  })

  it('is for managers and admins: staff get no link and a 403', async () => {
    const staff = await app.createUser('staff')
    const { page, context } = await newPage(browser)
    await signIn(page, app, staff, '/')
    expect(await page.getByRole('navigation', { name: 'Main' }).textContent()).not.toContain('Analytics')
    const res = await page.goto(`${app.baseUrl}/analytics`)
    expect(res?.status()).toBe(403)
    await context.close()

    const admin = await app.createUser('admin')
    const other = await newPage(browser)
    await signIn(other.page, app, admin, '/analytics')
    await expect(other.page.getByText('Analytics cache on this instance').count()).resolves.toBe(1)
    await other.context.close()
  })

  it('escapes customer and source names', async () => {
    const ctx = { actor: { id: manager.id, username: manager.username } }
    const top = (await app.app.analyticsService.customers({ months: 12, top: 1, until: '2026-11-01' })).value
      .top[0]
    if (!top) throw new Error('no top customer')
    await app.app.customersService.update(ctx, top.customerId, { name: xssText('customer') })
    const sources = await app.app.sourcesService.list({ page: 1, pageSize: 1, sort: 'name', filters: {} })
    const source = sources.data[0]
    if (!source) throw new Error('no source')
    await app.app.sourcesService.update(ctx, source.id, { name: xssText('source') })

    const { page, context } = await xssPage(browser)
    await signIn(page, app, manager, '/analytics')
    await page.goto(`${app.baseUrl}${YEAR}`)
    await expectNoXss(page, 'analytics')
    expect(await showsLiterally(page, xssText('customer'))).toBe(true)
    await expect(page.getByLabel('Source', { exact: true }).textContent()).resolves.toContain(
      xssText('source'),
    )
    await context.close()
  })
})
