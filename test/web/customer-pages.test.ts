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
import { seedWriter } from './helpers/shop-data.js'

type Writer = Awaited<ReturnType<typeof seedWriter>>

/** Marks the document so a test can tell an htmx swap (the mark stays) from a full page load (it is gone). */
const markDocument = (page: Page) => page.evaluate('window.__sameDocument = true')
const sameDocument = (page: Page) => page.evaluate('window.__sameDocument === true')
const firstColumn = (page: Page, column: number) =>
  page.locator(`#customers-table tbody tr td:nth-child(${column})`).allTextContents()

// Page group 3 (issue 17): the customer list, the customer hub with its catalog, create/edit/delete.
describe('customer pages in chromium', { timeout: BROWSER_TEST_TIMEOUT_MS }, () => {
  let app: WebApp
  let browser: Browser
  let writer: Writer
  let harborId: number

  beforeAll(async () => {
    app = await startWebApp()
    browser = await launchBrowser()
    writer = await seedWriter(app)
    // Fixed names and dates: the committed screenshots change only when the pages do.
    const source = await app.app.sourcesService.create(writer, {
      name: 'Harbor Sail Loft',
      city: 'Annapolis',
    })
    const people = [
      ['Anchor Yacht Club', 'Annapolis', 'MD'],
      ['Bayside Grill', 'Easton', 'MD'],
      ['Chesapeake Crab House', 'Annapolis', 'MD'],
      ['Dockside Marina', 'Lewes', 'DE'],
      ['Eastport Sailing School', 'Annapolis', 'MD'],
    ] as const
    for (const [name, city, state] of people) {
      await app.app.customersService.create(writer, {
        name,
        city,
        state,
        contact: 'Dana Reyes',
        cellPhone: '410.555.0199',
        sourceId: name.startsWith('C') || name.startsWith('A') ? source.id : null,
      })
    }
    const list = await app.app.customersService.list({ page: 1, pageSize: 10, q: 'Chesapeake', filters: {} })
    harborId = list.data[0]?.id ?? 0
    await app.app.workOrdersService.create(writer, {
      customerId: harborId,
      dateIn: '2026-03-02',
      items: [{ description: 'Awning', sizeText: "10' x 4'", unitPrice: 80 }],
    })
  }, BROWSER_TEST_TIMEOUT_MS)
  afterAll(async () => {
    await browser?.close()
    await app?.close()
  }, BROWSER_TEST_TIMEOUT_MS)

  it('searches as the user types and sorts by a column header, swapping only the table (htmx)', async () => {
    const staff = await app.createUser('staff', 'sam')
    const { page, context } = await newPage(browser)
    const problems = collectPageProblems(page)
    await signIn(page, app, staff, '/customers')
    await expect(firstColumn(page, 2)).resolves.toEqual([
      'Anchor Yacht Club',
      'Bayside Grill',
      'Chesapeake Crab House',
      'Dockside Marina',
      'Eastport Sailing School',
    ])
    await expectAccessible(page, 'customers')
    await screenshot(page, 'customers')
    await markDocument(page)

    // Typing: one request 300 ms after the last key, the table replaced, the URL pushed, the page kept.
    const search = page.waitForResponse((r) => r.url().includes('/customers?') && r.url().includes('q=annap'))
    await page.getByLabel('Search name, contact, phone, e-mail, city or source').pressSequentially('annap')
    const answer = await search
    expect(answer.request().headers()['hx-request']).toBe('true')
    await expect
      .poll(() => firstColumn(page, 2))
      .toEqual(['Anchor Yacht Club', 'Chesapeake Crab House', 'Eastport Sailing School'])
    expect(await sameDocument(page)).toBe(true)
    expect(new URL(page.url()).searchParams.get('q')).toBe('annap')

    // Sorting: the header link swaps the table, keeps the search, and the next search keeps the sort.
    await page.getByRole('link', { name: /^Name/ }).click()
    await expect.poll(() => new URL(page.url()).searchParams.get('sort')).toBe('name')
    await page.getByRole('link', { name: /^Name/ }).click()
    await expect
      .poll(() => firstColumn(page, 2))
      .toEqual(['Eastport Sailing School', 'Chesapeake Crab House', 'Anchor Yacht Club'])
    expect(await sameDocument(page)).toBe(true)
    expect(new URL(page.url()).searchParams.get('sort')).toBe('-name')
    await page.getByLabel('Search name, contact, phone, e-mail, city or source').fill('')
    await page.getByLabel('Search name, contact, phone, e-mail, city or source').press('Backspace')
    await expect.poll(async () => (await firstColumn(page, 2)).length).toBe(5)
    await expect(firstColumn(page, 2)).resolves.toEqual([
      'Eastport Sailing School',
      'Dockside Marina',
      'Chesapeake Crab House',
      'Bayside Grill',
      'Anchor Yacht Club',
    ])
    expect(await sameDocument(page)).toBe(true)

    // Staff see no CSV, no "New customer"; the page-size choice works without a reload too.
    await expect(page.getByRole('link', { name: 'CSV of the current filter' }).count()).resolves.toBe(0)
    await expect(page.getByRole('link', { name: 'New customer' }).count()).resolves.toBe(0)
    expect(problems).toEqual([])
    await context.close()
  })

  it('filters by a column, and the CSV link follows the filter (managers)', async () => {
    const manager = await app.createUser('manager', 'maria')
    const { page, context } = await newPage(browser)
    const problems = collectPageProblems(page)
    await signIn(page, app, manager, '/customers')
    await page.getByText('Filter by column').click()
    await page.getByLabel('State').pressSequentially('DE')
    await expect.poll(() => firstColumn(page, 2)).toEqual(['Dockside Marina'])
    const href = await page.getByRole('link', { name: 'CSV of the current filter' }).getAttribute('href')
    expect(href).toBe('/api/customers/export.csv?state=DE')
    const csv = await page.request.get(`${app.baseUrl}${href}`)
    expect(csv.status()).toBe(200)
    const lines = (await csv.text()).trim().split('\n')
    expect(lines).toHaveLength(2)
    expect(lines[1]).toContain('Dockside Marina')
    expect(problems).toEqual([])
    await context.close()
  })

  it('creates a customer (422 keeps the values), edits it, and deletes it', async () => {
    const manager = await app.createUser('manager', 'mona')
    const { page, context } = await newPage(browser)
    const problems = collectPageProblems(page)
    await signIn(page, app, manager, '/customers/new')
    await page.getByLabel('Contact person').fill('Robin Hale')
    await page.getByLabel('E-mail').fill('not an address')
    await page.getByRole('button', { name: 'Create customer' }).click()
    await page.waitForSelector('.error-summary')
    await expect(page.locator('#f-name-error').textContent()).resolves.toContain('Enter the name')
    await expect(page.locator('#f-email-error').textContent()).resolves.toContain('e-mail address')
    await expect(page.getByLabel('Contact person').inputValue()).resolves.toBe('Robin Hale')
    await expectAccessible(page, 'new customer with errors')
    await screenshot(page, 'customer-form-errors')

    await page.getByLabel('Name', { exact: true }).fill('Fairlead Boatworks')
    await page.getByLabel('E-mail').fill('robin@fairlead.example')
    await page.getByLabel('Source').selectOption({ label: 'Harbor Sail Loft' })
    await page.getByRole('button', { name: 'Create customer' }).click()
    await page.waitForURL(/\/customers\/\d+$/)
    await expect(page.getByRole('status').textContent()).resolves.toContain('Fairlead Boatworks is saved')
    await expect(page.locator('.facts').textContent()).resolves.toContain('Harbor Sail Loft')

    await page.getByRole('link', { name: 'Edit customer' }).click()
    await page.getByLabel('City', { exact: true }).fill('Oxford')
    await page.getByRole('button', { name: 'Save customer' }).click()
    await page.waitForURL(/\/customers\/\d+$/)
    await expect(page.locator('.facts').textContent()).resolves.toContain('Oxford')

    page.once('dialog', (dialog) => dialog.accept())
    await page.getByRole('button', { name: /Delete customer Fairlead Boatworks/ }).click()
    await page.waitForURL((url) => url.pathname === '/customers')
    await expect(page.getByRole('status').textContent()).resolves.toContain('Fairlead Boatworks is deleted')
    expect(problems).toEqual([])
    await context.close()
  })

  it('the hub: orders, the catalog edited inline, one-click new order, and a 409 delete as a message', async () => {
    const manager = await app.createUser('manager', 'max')
    const { page, context } = await newPage(browser)
    const problems = collectPageProblems(page)
    await signIn(page, app, manager, `/customers/${harborId}`)
    await expect(page.getByRole('heading', { level: 1 }).textContent()).resolves.toContain(
      'Chesapeake Crab House',
    )
    await expect(
      page.getByRole('link', { name: 'New work order for this customer' }).getAttribute('href'),
    ).resolves.toBe(`/work-orders/new?customerId=${harborId}`)
    // The order's typed item fed the catalog.
    await expect(page.locator('#catalog').textContent()).resolves.toContain('Awning')
    await expect(page.locator('#orders-heading + .table-scroll').textContent()).resolves.toContain('received')
    await markDocument(page)

    await page.getByText('Add a piece').click()
    const add = page.locator('#catalog form.catalog-form')
    await add.getByLabel('Description').fill('Bimini top')
    await add.getByLabel('Size').fill("6' x 5'")
    await add.getByLabel('Last price ($)').fill('abc')
    await add.getByRole('button', { name: 'Add piece' }).click()
    await expect(page.locator('#f-lastPrice-error').textContent()).resolves.toContain('price like 45.50')
    await expect(add.getByLabel('Description').inputValue()).resolves.toBe('Bimini top')
    await add.getByLabel('Last price ($)').fill('95')
    await add.getByRole('button', { name: 'Add piece' }).click()
    await expect.poll(() => page.locator('#catalog').textContent()).toContain('Saved Bimini top')
    await expect(page.locator('#catalog').textContent()).resolves.toContain('30 sq ft')

    await page.getByRole('link', { name: 'Edit Bimini top' }).click()
    const edit = page.locator('#catalog li form.catalog-form')
    await edit.getByLabel('Last price ($)').fill('105.50')
    await edit.getByRole('button', { name: 'Save piece' }).click()
    await expect.poll(() => page.locator('#catalog').textContent()).toContain('last $105.50')
    await expectAccessible(page, 'customer hub')
    await screenshot(page, 'customer-hub')

    page.once('dialog', (dialog) => dialog.accept())
    await page.getByRole('button', { name: 'Delete piece Bimini top' }).click()
    // Polled: htmx answers asynchronously, and the edit's status line is there until the swap.
    await expect.poll(() => page.locator('#catalog').textContent()).toContain('Deleted Bimini top')
    expect(await sameDocument(page)).toBe(true)

    page.once('dialog', (dialog) => dialog.accept())
    await page.getByRole('button', { name: /Delete customer Chesapeake/ }).click()
    await expect(page.getByRole('alert').textContent()).resolves.toContain('cannot be deleted')
    await expect(page.getByRole('heading', { level: 1 }).textContent()).resolves.toContain(
      'Chesapeake Crab House',
    )
    await expectAccessible(page, 'customer hub, delete refused')
    // The catalog form with its errors comes back as a 422 that htmx swaps in (docs/WEB.md): wanted.
    expect(problems.filter((p) => !p.startsWith('422 for'))).toEqual([])
    await context.close()
  })

  it('staff see no manager actions on the hub, and a forged manager post is refused with 403', async () => {
    const staff = await app.createUser('staff')
    const { page, context } = await newPage(browser)
    await signIn(page, app, staff, `/customers/${harborId}`)
    for (const name of ['New work order for this customer', 'Edit customer', 'Add a piece'])
      await expect(page.getByText(name).count()).resolves.toBe(0)
    await expect(page.getByRole('button', { name: /Delete/ }).count()).resolves.toBe(0)
    // Same origin, staff's own cookie: only the role rule stands in the way.
    for (const path of [`/customers/${harborId}/delete`, `/customers/${harborId}/catalog`, '/customers']) {
      const forged = await page.request.post(`${app.baseUrl}${path}`, {
        form: { name: 'Forged', description: 'Forged' },
        headers: { origin: app.baseUrl },
      })
      expect(forged.status(), path).toBe(403)
    }
    await page.goto(`${app.baseUrl}/customers/${harborId}`)
    await expect(page.getByRole('heading', { level: 1 }).textContent()).resolves.toContain(
      'Chesapeake Crab House',
    )
    await context.close()
  })
})
