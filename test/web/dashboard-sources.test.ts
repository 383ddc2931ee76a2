import type { Browser } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { WorkOrderStatus } from '../../src/models/work-orders.js'
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
import { seedWriter } from './helpers/shop-data.js'
import { expectNoXss, showsLiterally, xssPage, xssText } from './helpers/xss.js'

type Writer = Awaited<ReturnType<typeof seedWriter>>

/** The path each status is reached by from received (docs/WORK-ORDERS.md). */
const PATH_TO: Record<string, WorkOrderStatus[]> = {
  received: [],
  queued: ['queued'],
  in_progress: ['queued', 'in_progress'],
  packaged: ['queued', 'in_progress', 'cleaned', 'packaged'],
  completed: ['queued', 'in_progress', 'cleaned', 'completed'],
}

// Page groups 2 and 4 (issue 17): the dashboard and the sources; and the XSS test over pages 2-4.
describe('dashboard and source pages in chromium', { timeout: BROWSER_TEST_TIMEOUT_MS }, () => {
  let app: WebApp
  let browser: Browser
  let writer: Writer
  let loftId: number

  async function order(customerId: number, status: string, extra: Record<string, unknown> = {}) {
    const created = await app.app.workOrdersService.create(writer, {
      customerId,
      dateIn: '2026-03-02',
      ...extra,
    })
    for (const to of PATH_TO[status] ?? [])
      await app.app.workOrdersService.changeStatus(writer, created.workOrderNo, to)
  }

  beforeAll(async () => {
    app = await startWebApp()
    browser = await launchBrowser()
    writer = await seedWriter(app)
    // Fixed names and dates (a rush date long past counts as due): screenshots change only with the pages.
    const loft = await app.app.sourcesService.create(writer, {
      name: 'Harbor Sail Loft',
      city: 'Annapolis',
      state: 'MD',
    })
    loftId = loft.id
    await app.app.sourcesService.create(writer, { name: 'Bay Marina', city: 'Easton', state: 'MD' })
    const anchor = await app.app.customersService.create(writer, {
      name: 'Anchor Yacht Club',
      sourceId: loft.id,
    })
    const bayside = await app.app.customersService.create(writer, { name: 'Bayside Grill' })
    await order(anchor.id, 'received', { rush: true, dateRequired: '2026-01-10' })
    await order(anchor.id, 'queued')
    await order(anchor.id, 'queued', { rush: true, dateRequired: '2026-01-12' })
    await order(bayside.id, 'in_progress')
    await order(bayside.id, 'packaged')
    await order(bayside.id, 'completed', { rush: true, dateRequired: '2026-01-05' })
  }, BROWSER_TEST_TIMEOUT_MS)
  afterAll(async () => {
    await browser?.close()
    await app?.close()
  }, BROWSER_TEST_TIMEOUT_MS)

  it('the dashboard counts the orders and every number links to its filtered list', async () => {
    const staff = await app.createUser('staff', 'sam')
    const { page, context } = await newPage(browser)
    const problems = collectPageProblems(page)
    await signIn(page, app, staff)
    const tile = (label: string) => page.locator('.tile', { hasText: label }).locator('a')
    await expect(tile('Open orders').locator('.tile-value').textContent()).resolves.toBe('5')
    await expect(tile('Open orders').getAttribute('href')).resolves.toBe('/work-orders?open=true')
    // The completed rush order is not due; the two open ones are (overdue included).
    await expect(tile('Rush orders').locator('.tile-value').textContent()).resolves.toBe('2')
    const rushHref = new URL(`${app.baseUrl}${await tile('Rush orders').getAttribute('href')}`)
    expect(rushHref.searchParams.get('rush')).toBe('true')
    expect(rushHref.searchParams.get('dateRequired')).toMatch(/^\.\.\d{4}-\d{2}-\d{2}$/)
    await expect(tile('In the cleaning queue').locator('.tile-value').textContent()).resolves.toBe('3')
    await expect(tile('Ready for pickup').locator('.tile-value').textContent()).resolves.toBe('1')
    await expect(tile('Ready for pickup').getAttribute('href')).resolves.toBe('/work-orders?status=packaged')
    const perStatus = page.locator('table', { hasText: 'Orders per status' })
    await expect(perStatus.getByRole('link', { name: '2 queued orders' }).getAttribute('href')).resolves.toBe(
      '/work-orders?status=queued',
    )
    await expect(perStatus.getByRole('link', { name: '1 completed orders' }).count()).resolves.toBe(1)
    const newest = page.locator('table', { hasText: 'newest orders' }).locator('tbody tr')
    await expect(newest.count()).resolves.toBe(6)
    await expect(newest.first().textContent()).resolves.toContain('#6')
    await expectAccessible(page, 'dashboard')
    await screenshot(page, 'dashboard-orders')
    // The number's link lists exactly the orders it counted.
    await tile('Open orders').click()
    await page.waitForURL(/\/work-orders\?open=true/)
    await expect(page.locator('#wo-table tbody tr').count()).resolves.toBe(5)
    expect(problems).toEqual([])
    await context.close()
  })

  it('sources: list, create (a taken name comes back beside the field), detail, edit, refused delete', async () => {
    const manager = await app.createUser('manager', 'maria')
    const { page, context } = await newPage(browser)
    const problems = collectPageProblems(page)
    await signIn(page, app, manager, '/sources')
    await expect(page.locator('#sources-table tbody tr td:first-child').allTextContents()).resolves.toEqual([
      'Bay Marina',
      'Harbor Sail Loft',
    ])
    await expectAccessible(page, 'sources')
    await screenshot(page, 'sources')

    await page.getByRole('link', { name: 'New source' }).click()
    await page.getByLabel('Name').fill('Harbor Sail Loft')
    await page.getByLabel('City').fill('Oxford')
    await page.getByRole('button', { name: 'Create source' }).click()
    await expect(page.locator('#f-name-error').textContent()).resolves.toContain('already exists')
    await expect(page.getByLabel('City').inputValue()).resolves.toBe('Oxford')
    await expectAccessible(page, 'new source with errors')
    await page.getByLabel('Name').fill('Oxford Canvas')
    await page.getByRole('button', { name: 'Create source' }).click()
    await page.waitForURL(/\/sources\/\d+$/)
    await expect(page.getByRole('status').textContent()).resolves.toContain('Oxford Canvas is saved')
    await page.getByRole('link', { name: 'Edit source' }).click()
    await page.getByLabel('Phone').fill('410-555-0100')
    await page.getByRole('button', { name: 'Save source' }).click()
    await page.waitForURL(/\/sources\/\d+$/)
    await expect(page.locator('.facts').textContent()).resolves.toContain('410-555-0100')

    await page.goto(`${app.baseUrl}/sources/${loftId}`)
    await expect(page.locator('main').textContent()).resolves.toContain('Anchor Yacht Club')
    await expect(page.locator('table', { hasText: 'Newest' }).locator('tbody tr').count()).resolves.toBe(3)
    await expectAccessible(page, 'source detail')
    await screenshot(page, 'source-detail')
    page.once('dialog', (dialog) => dialog.accept())
    await page.getByRole('button', { name: /Delete source Harbor Sail Loft/ }).click()
    await expect(page.getByRole('alert').textContent()).resolves.toContain('still has customers')
    expect(problems).toEqual([])
    await context.close()
  })

  it('staff see no source actions, and forged manager posts are refused with 403', async () => {
    const staff = await app.createUser('staff')
    const { page, context } = await newPage(browser)
    await signIn(page, app, staff, `/sources/${loftId}`)
    await expect(page.getByRole('link', { name: 'Edit source' }).count()).resolves.toBe(0)
    await expect(page.getByRole('button', { name: /Delete/ }).count()).resolves.toBe(0)
    await page.goto(`${app.baseUrl}/sources`)
    await expect(page.getByRole('link', { name: 'New source' }).count()).resolves.toBe(0)
    for (const path of ['/sources', `/sources/${loftId}`, `/sources/${loftId}/delete`]) {
      const forged = await page.request.post(`${app.baseUrl}${path}`, {
        form: { name: 'Forged' },
        headers: { origin: app.baseUrl },
      })
      expect(forged.status(), path).toBe(403)
    }
    await context.close()
  })

  it('escapes every text field the dashboard, customer and source pages show', async () => {
    const t = (field: string) => xssText(field)
    const source = await app.app.sourcesService.create(writer, {
      name: t('source-name'),
      address: t('source-address'),
      city: t('source-city'),
      state: t('source-state'),
      zip: t('source-zip'),
      phone: t('source-phone'),
      fax: t('source-fax'),
      email: t('source-email'),
    })
    const customer = await app.app.customersService.create(writer, {
      name: t('customer-name'),
      contact: t('customer-contact'),
      address: t('customer-address'),
      address2: t('customer-address2'),
      city: t('customer-city'),
      state: t('customer-state'),
      zip: t('customer-zip'),
      homePhone: t('customer-home-phone'),
      workPhone: t('customer-work-phone'),
      cellPhone: t('customer-cell-phone'),
      email: t('customer-email'),
      mailAddress: t('customer-mail-address'),
      mailCity: t('customer-mail-city'),
      mailState: t('customer-mail-state'),
      mailZip: t('customer-mail-zip'),
      sourceId: source.id,
    })
    await app.app.catalogService.add(writer, customer.id, {
      description: t('catalog-description'),
      material: t('catalog-material'),
      color: t('catalog-color'),
      sizeText: t('catalog-size'),
      condition: t('catalog-condition'),
      lastPrice: 10,
      quantity: 2,
    })
    await app.app.workOrdersService.create(writer, { customerId: customer.id, name: t('order-name') })
    const manager = await app.createUser('manager')
    const { page, context } = await xssPage(browser)
    await signIn(page, app, manager)
    const visits: [string, string][] = [
      ['/', 'dashboard'],
      ['/customers', 'customer list'],
      [`/customers?name=${encodeURIComponent('<script>')}`, 'customer list filtered'],
      [`/customers/${customer.id}`, 'customer hub'],
      [`/customers/${customer.id}/edit`, 'customer form'],
      ['/sources', 'source list'],
      [`/sources/${source.id}`, 'source detail'],
      [`/sources/${source.id}/edit`, 'source form'],
    ]
    for (const [path, label] of visits) {
      await page.goto(`${app.baseUrl}${path}`)
      await expectNoXss(page, label)
    }
    await page.goto(`${app.baseUrl}/customers/${customer.id}`)
    expect(await showsLiterally(page, t('catalog-description'))).toBe(true)
    expect(await showsLiterally(page, t('customer-name'))).toBe(true)
    // The inline edit form holds the hostile values as field values, escaped too.
    await page.getByRole('link', { name: /^Edit .*catalog-description/ }).click()
    await page.locator('#catalog li form.catalog-form').waitFor()
    await expectNoXss(page, 'catalog edit form')
    await context.close()
  })
})
