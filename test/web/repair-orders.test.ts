import type { Browser, Page } from 'playwright-core'
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

type User = Awaited<ReturnType<WebApp['createUser']>>
const ctxOf = (user: User) => ({ actor: { id: user.id, username: user.username } })

describe('repair order pages in chromium', { timeout: BROWSER_TEST_TIMEOUT_MS }, () => {
  let app: WebApp
  let browser: Browser
  let manager: User
  let staff: User
  let customerId: number
  let workOrderNo: number

  beforeAll(async () => {
    app = await startWebApp()
    browser = await launchBrowser()
    // Fixed names and dates: the committed screenshots change only when the pages do.
    manager = await app.createUser('manager', 'maria')
    staff = await app.createUser('staff', 'sam')
    customerId = (
      await app.app.customersService.create(ctxOf(manager), { name: 'Harbor Light Marina', city: 'Mystic' })
    ).id
    workOrderNo = (
      await app.app.workOrdersService.create(ctxOf(manager), {
        customerId,
        dateIn: '2026-03-02',
        name: 'Spring awnings',
        items: [{ description: 'Front awning', material: 'Sunbrella', sizeText: '12x8', unitPrice: 140 }],
      })
    ).workOrderNo
  }, BROWSER_TEST_TIMEOUT_MS)
  afterAll(async () => {
    await browser?.close()
    await app?.close()
  }, BROWSER_TEST_TIMEOUT_MS)

  async function clickAndWait(page: Page, name: string) {
    await Promise.all([page.waitForEvent('load'), page.getByRole('button', { name, exact: true }).click()])
  }

  it('creates a repair order with a catalog item, links the work order, and takes it through the subcontractor to completed', async () => {
    const { page, context } = await newPage(browser)
    const problems = collectPageProblems(page)
    await signIn(page, app, manager, '/repair-orders/new')
    await page.getByLabel('Find the customer').fill('Harbor')
    await page.getByRole('button', { name: 'Choose Harbor Light Marina, Mystic' }).click()
    await expect(page.locator('#chosen-customer').textContent()).resolves.toContain('Harbor Light Marina')
    await page.getByLabel('Order name').fill('Torn awning seam')
    await page.getByLabel('Date in').fill('2026-05-04')
    await page.getByLabel('Type of repair').fill('Restitch seam')
    await page.getByLabel('Repair price ($)').fill('120')
    await page
      .getByLabel('From the catalog')
      .selectOption({ label: 'Front awning · Sunbrella · 12x8 ($140)' })
    await page.waitForFunction(() => !document.querySelector('.htmx-request'))
    await expectAccessible(page, 'new repair order form')
    await screenshot(page, 'repair-order-form')
    await clickAndWait(page, 'Create repair order')

    const heading = await page.getByRole('heading', { level: 1 }).textContent()
    expect(heading).toMatch(/^Repair order RO #\d+$/)
    const no = Number(heading?.replace(/\D/g, ''))
    await expect(page.locator('table.items tbody tr').count()).resolves.toBe(1)

    await page.getByLabel('Work order number').fill(String(workOrderNo))
    await clickAndWait(page, 'Link')
    await expect(page.locator('.wo-link').textContent()).resolves.toContain(`Work order #${workOrderNo}`)

    for (const step of ['Approve', 'Send to subcontractor', 'Back from subcontractor', 'Mark repaired']) {
      await clickAndWait(page, step)
      await page.waitForSelector('.flash-success')
    }
    const facts = await page.locator('dl.facts').textContent()
    expect(facts).toMatch(/Sent to subcontractor\d{4}-\d{2}-\d{2}/)
    expect(facts).toMatch(/Back from subcontractor\d{4}-\d{2}-\d{2}/)
    await expectAccessible(page, 'repair order detail')
    await screenshot(page, 'repair-order-detail')
    await clickAndWait(page, 'Complete')
    await expect(page.locator('.order .badge').first().textContent()).resolves.toBe('Completed')
    await expect(page.locator('.timeline li').count()).resolves.toBe(6)

    await page.goto(`${app.baseUrl}/work-orders/${workOrderNo}`)
    await expect(page.getByRole('link', { name: `RO #${no} (completed)` }).count()).resolves.toBe(1)
    expect(problems).toEqual([])
    await context.close()
  })

  it('refuses a second link with the reason beside the field', async () => {
    const other = await app.app.repairOrdersService.create(ctxOf(manager), {
      customerId,
      dateIn: '2026-05-05',
    })
    const { page, context } = await newPage(browser)
    await signIn(page, app, manager, `/repair-orders/${other.repairOrderNo}`)
    await page.getByLabel('Work order number').fill(String(workOrderNo))
    await page.getByRole('button', { name: 'Link', exact: true }).click()
    await page.waitForSelector('#f-workOrderNo-error')
    await expect(page.locator('#f-workOrderNo-error').textContent()).resolves.toContain('already linked')
    await context.close()
  })

  it('staff see the shop-floor steps only: no complete, edit or delete, and a forged complete is 403', async () => {
    const manage = { ...ctxOf(manager), role: 'manager' as const }
    const order = await app.app.repairOrdersService.create(ctxOf(manager), {
      customerId,
      dateIn: '2026-05-06',
    })
    const no = order.repairOrderNo
    await app.app.repairOrdersService.changeStatus(manage, no, 'approved')
    await app.app.repairOrdersService.changeStatus(manage, no, 'repaired')
    const { page, context } = await newPage(browser)
    await signIn(page, app, staff, `/repair-orders/${no}`)
    const buttons = await page.locator('main button').allTextContents()
    expect(buttons).not.toContain('Complete')
    expect(buttons.join(' ')).not.toContain('Delete')
    expect(buttons.join(' ')).not.toContain('Link')
    await expect(page.getByRole('link', { name: 'Edit' }).count()).resolves.toBe(0)
    const forged = (await page.evaluate(`Promise.all([
      fetch('/repair-orders/${no}/status', { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: 'to=completed' }).then((r) => r.status),
      fetch('/repair-orders/${no}/delete', { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: '' }).then((r) => r.status),
    ])`)) as number[]
    expect(forged).toEqual([403, 403])
    expect((await app.app.repairOrdersService.detail(no)).status).toBe('repaired')
    await context.close()
  })

  it('lists by tab and search with the CSV of the filter', async () => {
    const manage = { ...ctxOf(manager), role: 'manager' as const }
    const sub = await app.app.repairOrdersService.create(ctxOf(manager), {
      customerId,
      dateIn: '2026-05-07',
      name: 'Zipper at the loft',
    })
    await app.app.repairOrdersService.changeStatus(manage, sub.repairOrderNo, 'approved')
    await app.app.repairOrdersService.changeStatus(manage, sub.repairOrderNo, 'at_subcontractor')
    const { page, context } = await newPage(browser)
    const problems = collectPageProblems(page)
    await signIn(page, app, manager, '/repair-orders')
    await page.getByRole('link', { name: 'At subcontractor' }).click()
    await page.waitForURL((url) => url.search.includes('status=at_subcontractor'))
    const rows = () => page.locator('#ro-table tbody tr').allTextContents()
    expect(await rows()).toHaveLength(1)
    expect((await rows())[0]).toContain('Zipper at the loft')
    const csv = await page.getByRole('link', { name: 'Download CSV of this filter' }).getAttribute('href')
    expect(csv).toContain('/api/repair-orders/export.csv?')
    expect(csv).toContain('status=at_subcontractor')
    await page.goto(`${app.baseUrl}/repair-orders?tab=all`)
    await page.getByLabel('Search').fill('Torn')
    await page.waitForFunction(() => document.querySelectorAll('#ro-table tbody tr').length === 1)
    await page.goto(`${app.baseUrl}/repair-orders`)
    await expectAccessible(page, 'repair order list')
    await screenshot(page, 'repair-orders')
    expect(problems).toEqual([])
    await context.close()
  })

  it("the list's Print selected sends the ticked repair orders to one PDF", async () => {
    const a = await app.app.repairOrdersService.create(ctxOf(manager), { customerId, name: 'Print me first' })
    const b = await app.app.repairOrdersService.create(ctxOf(manager), {
      customerId,
      name: 'Print me second',
    })
    const { page, context } = await newPage(browser)
    await signIn(page, app, staff, '/repair-orders')
    await page.getByLabel(`Print repair order ${a.repairOrderNo}`, { exact: true }).check()
    await page.getByLabel(`Print repair order ${b.repairOrderNo}`, { exact: true }).check()
    const pdfResponse = page.waitForResponse((r) => r.url().includes('/api/repair-orders/pdf'))
    // Headless chromium may hand a PDF navigation to its download manager: the response is what counts.
    await page
      .getByRole('button', { name: 'Print selected' })
      .click({ noWaitAfter: true })
      .catch(() => undefined)
    const response = await pdfResponse
    expect(response.status()).toBe(200)
    expect(response.headers()['content-type']).toBe('application/pdf')
    const numbers = new URL(response.url()).searchParams.get('numbers')?.split(',').map(Number).sort()
    expect(numbers).toEqual([a.repairOrderNo, b.repairOrderNo].sort())
    await context.close()
  })
})
