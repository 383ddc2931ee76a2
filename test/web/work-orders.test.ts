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
import { expectNoXss, showsLiterally, xssPage, xssText } from './helpers/xss.js'

// A 1×1 PNG: the upload checks the bytes as well as the name.
const PNG = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==',
  'base64',
)

type User = Awaited<ReturnType<WebApp['createUser']>>
const ctxOf = (user: User) => ({ actor: { id: user.id, username: user.username } })

// Page group 5 (issue 17): the work order list, detail and new/edit form.
describe('work order pages in chromium', { timeout: BROWSER_TEST_TIMEOUT_MS }, () => {
  let app: WebApp
  let browser: Browser
  let manager: User
  let staff: User
  let customerId: number

  beforeAll(async () => {
    app = await startWebApp()
    browser = await launchBrowser()
    // Fixed names and dates: the committed screenshots change only when the pages do.
    manager = await app.createUser('manager', 'maria')
    staff = await app.createUser('staff', 'sam')
    const customer = await app.app.customersService.create(ctxOf(manager), {
      name: 'Harbor Light Marina',
      city: 'Mystic',
    })
    customerId = customer.id
    // An earlier order puts an item in the customer's catalog (a typed item feeds it).
    await app.app.workOrdersService.create(ctxOf(manager), {
      customerId,
      dateIn: '2026-03-02',
      name: 'Spring awnings',
      items: [{ description: 'Front awning', material: 'Sunbrella', sizeText: '12x8', unitPrice: 140 }],
    })
  }, BROWSER_TEST_TIMEOUT_MS)
  afterAll(async () => {
    await browser?.close()
    await app?.close()
  }, BROWSER_TEST_TIMEOUT_MS)

  async function clickAndWait(page: Page, name: string) {
    await Promise.all([page.waitForEvent('load'), page.getByRole('button', { name, exact: true }).click()])
  }

  it('creates an order with a catalog item and a typed item, then moves it to completed', async () => {
    const { page, context } = await newPage(browser)
    const problems = collectPageProblems(page)
    await signIn(page, app, manager, '/work-orders/new')
    await page.getByLabel('Find the customer').fill('Harbor')
    await page.getByRole('button', { name: 'Choose Harbor Light Marina, Mystic' }).click()
    await expect(page.locator('#chosen-customer').textContent()).resolves.toContain('Harbor Light Marina')

    await page.getByLabel('Order name').fill('Summer covers')
    await page.getByLabel('Date in').fill('2026-05-04')
    await page
      .getByLabel('From the catalog')
      .selectOption({ label: 'Front awning · Sunbrella · 12x8 ($140)' })
    await clickAndWait(page, 'Add another item')
    await page.locator('#f-item-1-description').fill('Boat cover')
    await page.locator('#f-item-1-size').fill(`10'6"x8'`)
    await page.waitForFunction(
      () => document.querySelector('#item-1-size-result')?.textContent === '= 84 sq ft',
    )
    await page.locator('#f-item-1-price').fill('95.50')
    await page.waitForFunction(() => !document.querySelector('.htmx-request'))
    await expectAccessible(page, 'new work order form')
    await screenshot(page, 'work-order-form')
    await clickAndWait(page, 'Create work order')

    const heading = await page.getByRole('heading', { level: 1 }).textContent()
    expect(heading).toMatch(/^Work order #\d+$/)
    const items = page.locator('table.items tbody tr')
    await expect(items.count()).resolves.toBe(2)
    await expect(page.locator('table.items tfoot').textContent()).resolves.toContain('$235.50')
    await expect(page.locator('table.items tfoot').textContent()).resolves.toContain('180 sq ft')

    for (const step of [
      'Put in the queue',
      'Start cleaning',
      'Mark cleaned',
      'Mark treated',
      'Mark packaged',
    ]) {
      await clickAndWait(page, step)
      await page.waitForSelector('.flash-success')
    }
    await expectAccessible(page, 'work order detail')
    await screenshot(page, 'work-order-detail')
    await page.getByLabel('Note (optional)').fill('Picked up by the owner')
    await clickAndWait(page, 'Complete')
    await expect(page.locator('.order .badge').first().textContent()).resolves.toBe('Completed')
    await expect(page.locator('.timeline li').count()).resolves.toBe(7)
    await expect(page.locator('.timeline').textContent()).resolves.toContain('Picked up by the owner')
    await expect(page.locator('.timeline').textContent()).resolves.toContain('by maria')
    expect(problems).toEqual([])
    await context.close()
  })

  it('lists by tab, number range, source and several sort keys, with the CSV of the filter', async () => {
    const first = await app.app.workOrdersService.create(ctxOf(manager), {
      customerId,
      dateIn: '2026-04-01',
      name: 'Rush cushions',
      rush: true,
      isCushion: true,
    })
    const { page, context } = await newPage(browser)
    const problems = collectPageProblems(page)
    await signIn(page, app, manager, '/work-orders')
    await page.getByRole('link', { name: 'Cushion' }).click()
    await page.waitForURL((url) => url.search.includes('isCushion=true'))
    const rows = () => page.locator('#wo-table tbody tr').allTextContents()
    expect((await rows()).join('\n')).toContain('Rush cushions')
    expect((await rows()).length).toBe(1)
    const csv = await page.getByRole('link', { name: 'Download CSV of this filter' }).getAttribute('href')
    expect(csv).toContain('/api/work-orders/export.csv?')
    expect(csv).toContain('isCushion=true')

    await page.goto(`${app.baseUrl}/work-orders?sort=-dateIn,workOrderNo&workOrderNo=1-${first.workOrderNo}`)
    const all = await rows()
    expect(all[0]).toContain('Summer covers') // the newest date in first
    expect(all[1]).toContain('Rush cushions')
    expect(all.length).toBe(3)
    await page.getByLabel('From').fill(String(first.workOrderNo))
    await page.getByLabel('To').fill(String(first.workOrderNo))
    await page.locator('#f-sort1').selectOption('customerName')
    await page.locator('#f-sort2').selectOption('dateIn')
    await page.locator('#f-dir2').selectOption('desc')
    await clickAndWait(page, 'Apply')
    expect(await rows()).toHaveLength(1)
    await page.goto(`${app.baseUrl}/work-orders?sourceName=nowhere`)
    await expect(page.locator('#wo-table tbody').textContent()).resolves.toContain('Nothing matches')
    await page.goto(`${app.baseUrl}/work-orders?status=nonsense`)
    await expect(page.locator('#wo-results [role=alert]').textContent()).resolves.toContain('status')

    await page.goto(`${app.baseUrl}/work-orders`)
    await page.getByLabel('Search').fill('Summer')
    await page.waitForFunction(() => document.querySelectorAll('#wo-table tbody tr').length === 1)
    await page.goto(`${app.baseUrl}/work-orders`)
    await expectAccessible(page, 'work order list')
    await screenshot(page, 'work-orders')
    expect(problems).toEqual([])
    await context.close()
  })

  it('staff see only shop-floor buttons, and a forged complete or delete is refused with 403', async () => {
    const order = await app.app.workOrdersService.create(ctxOf(manager), { customerId, dateIn: '2026-05-01' })
    const no = order.workOrderNo
    await app.app.workOrdersService.changeStatus({ ...ctxOf(manager), role: 'manager' }, no, 'queued')
    await app.app.workOrdersService.changeStatus({ ...ctxOf(manager), role: 'manager' }, no, 'cleaned')
    const { page, context } = await newPage(browser)
    await signIn(page, app, staff, `/work-orders/${no}`)
    const buttons = await page.locator('main button').allTextContents()
    expect(buttons).toContain('Mark treated')
    expect(buttons).not.toContain('Complete')
    expect(buttons).not.toContain('Cancel order')
    expect(buttons.join(' ')).not.toContain('Delete')
    await expect(page.getByRole('link', { name: 'Edit' }).count()).resolves.toBe(0)

    const forged = (await page.evaluate(`Promise.all([
      fetch('/work-orders/${no}/status', { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: 'to=completed' }).then((r) => r.status),
      fetch('/work-orders/${no}/delete', { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: '' }).then((r) => r.status),
      fetch('/work-orders/new', { redirect: 'manual' }).then((r) => r.status),
    ])`)) as number[]
    expect(forged).toEqual([403, 403, 403])
    expect((await app.app.workOrdersService.detail(no)).status).toBe('cleaned')
    await context.close()
  })

  it('uploads a photo by picking a file and shows its preview', async () => {
    const order = await app.app.workOrdersService.create(ctxOf(manager), { customerId, dateIn: '2026-05-02' })
    const { page, context } = await newPage(browser)
    const problems = collectPageProblems(page)
    await signIn(page, app, staff, `/work-orders/${order.workOrderNo}`)
    const input = page.getByLabel('Add a photo or PDF')
    await expect(input.getAttribute('capture')).resolves.toBe('environment')
    await input.setInputFiles({ name: 'torn-corner.png', mimeType: 'image/png', buffer: PNG })
    await clickAndWait(page, 'Upload')
    await expect(page.getByRole('status').textContent()).resolves.toContain('torn-corner.png is attached')
    const preview = page.getByRole('img', { name: 'torn-corner.png' })
    await preview.waitFor()
    await page.waitForFunction(
      () => (document.querySelector('.attachments img') as HTMLImageElement)?.naturalWidth > 0,
    )
    await expect(page.getByRole('link', { name: 'Download torn-corner.png' }).count()).resolves.toBe(1)

    await input.setInputFiles({
      name: 'fake.png',
      mimeType: 'image/png',
      buffer: Buffer.from('not a picture'),
    })
    await clickAndWait(page, 'Upload')
    await expect(page.locator('.flash-error').textContent()).resolves.toContain('File refused')
    expect(problems).toEqual([])
    await context.close()
  })

  it('keeps a draft through a reload and through an expired session', async () => {
    const { page, context } = await newPage(browser)
    await signIn(page, app, manager, '/work-orders/new')
    await page.getByLabel('Order name').fill('Half-typed order')
    await page.locator('#f-item-0-description').fill('Sail bag')
    await page.waitForFunction(() =>
      document.querySelector('#draft-status')?.textContent?.startsWith('Draft saved'),
    )
    expect(new URL(page.url()).searchParams.get('draft')).toBeTruthy()
    await page.reload()
    await expect(page.getByLabel('Order name').inputValue()).resolves.toBe('Half-typed order')
    await expect(page.locator('#f-item-0-description').inputValue()).resolves.toBe('Sail bag')

    // The session ends (signed out elsewhere); signing in again leads back to the draft.
    await page.getByLabel('Rack location').fill('B-12')
    await page.waitForFunction(() =>
      document.querySelector('#draft-status')?.textContent?.startsWith('Draft saved'),
    )
    const draftUrl = page.url()
    await context.clearCookies()
    await page.goto(draftUrl)
    expect(new URL(page.url()).pathname).toBe('/sign-in')
    await page.getByLabel('Username').fill(manager.username)
    await page.getByLabel('Password').fill(manager.password)
    await Promise.all([
      page.waitForURL((url) => url.pathname === '/work-orders/new'),
      page.getByRole('button', { name: 'Sign in' }).click(),
    ])
    await expect(page.getByLabel('Rack location').inputValue()).resolves.toBe('B-12')

    // A fresh form offers the drafts back.
    await page.goto(`${app.baseUrl}/work-orders/new`)
    await expect(page.locator('.drafts').textContent()).resolves.toContain('Half-typed order')
    await context.close()
  })

  it('shows each validation message beside its field and keeps the values (422)', async () => {
    const { page, context } = await newPage(browser)
    await signIn(page, app, manager, '/work-orders/new')
    await page.getByLabel('Order name').fill('Needs a customer')
    await page.getByLabel('Date in').fill('2026-05-10')
    await page.getByLabel('Date required').fill('2026-05-01')
    await page.locator('#f-item-0-description').fill('Dodger')
    await page.locator('#f-item-0-price').fill('twelve')
    const [response] = await Promise.all([
      page.waitForResponse((r) => r.request().method() === 'POST' && r.url().includes('/work-orders/new')),
      page.getByRole('button', { name: 'Create work order' }).click(),
    ])
    expect(response.status()).toBe(422)
    await page.waitForSelector('.error-summary')
    await expect(page.locator('#f-customerSearch-error').textContent()).resolves.toContain(
      'choose the customer',
    )
    await expect(page.locator('#f-dateRequired-error').textContent()).resolves.toContain('cannot be before')
    await expect(page.locator('#f-item-0-price-error').textContent()).resolves.toContain('A price like')
    await expect(page.getByLabel('Order name').inputValue()).resolves.toBe('Needs a customer')
    await expect(page.locator('#f-item-0-price').inputValue()).resolves.toBe('twelve')
    await expectAccessible(page, 'work order form with errors')
    await screenshot(page, 'work-order-form-errors')
    await context.close()
  })

  it('escapes hostile text in every field the list, detail and form show', async () => {
    const x = (tag: string) => xssText(tag)
    const customer = await app.app.customersService.create(ctxOf(manager), {
      name: x('customer'),
      city: x('city'),
    })
    const order = await app.app.workOrdersService.create(ctxOf(manager), {
      customerId: customer.id,
      name: x('name'),
      rackLocation: x('rack'),
      returnTo: x('return-to'),
      finalLocation: x('final'),
      specialInstructions: x('instructions'),
      items: [
        {
          description: x('description'),
          material: x('material'),
          color: x('color'),
          condition: x('condition'),
          sizeText: x('size'),
        },
      ],
    })
    const no = order.workOrderNo
    await app.app.workOrdersService.changeStatus(
      { ...ctxOf(manager), role: 'manager' },
      no,
      'queued',
      x('note'),
    )
    const { page, context } = await xssPage(browser)
    await signIn(page, app, manager, `/work-orders/${no}`)
    await expectNoXss(page, 'work order detail')
    expect(await showsLiterally(page, x('instructions'))).toBe(true)
    await page.goto(
      `${app.baseUrl}/work-orders?q=${encodeURIComponent('<script>')}&sourceName=${encodeURIComponent(x('filter'))}`,
    )
    await expectNoXss(page, 'work order list (search)')
    await page.goto(`${app.baseUrl}/work-orders?workOrderNo=${no}`)
    await expectNoXss(page, 'work order list')
    expect(await showsLiterally(page, x('name'))).toBe(true)
    await page.goto(`${app.baseUrl}/work-orders/${no}/edit`)
    await expectNoXss(page, 'work order edit form')
    expect(await showsLiterally(page, x('description'))).toBe(true)
    await page.goto(`${app.baseUrl}/work-orders/new?customerId=${customer.id}`)
    await page.getByLabel('Find the customer').fill('customer')
    await page.locator('#customer-results button').first().waitFor()
    await page.locator(`#f-item-0-size`).fill(x('live-size'))
    await page.waitForTimeout(600)
    await expectNoXss(page, 'work order new form')
    await context.close()
  })

  it('edits an order: fields, an item changed, one removed, one added', async () => {
    const order = await app.app.workOrdersService.create(ctxOf(manager), {
      customerId,
      dateIn: '2026-05-03',
      name: 'Before',
      items: [
        { description: 'Old cover', unitPrice: 10 },
        { description: 'Spare', unitPrice: 5 },
      ],
    })
    const no = order.workOrderNo
    const { page, context } = await newPage(browser)
    await signIn(page, app, manager, `/work-orders/${no}/edit`)
    await page.getByLabel('Order name').fill('After')
    await page.locator('#f-item-0-price').fill('12')
    await page.locator('input[name="item-1-remove"]').check()
    await page.locator('#f-item-2-description').fill('New bimini')
    await page.locator('#f-item-2-size').fill('6x5')
    await clickAndWait(page, 'Save changes')
    const detail = await app.app.workOrdersService.detail(no)
    expect(detail.name).toBe('After')
    expect(detail.items.map((i) => [i.description, i.unitPrice, i.squareFeet])).toEqual([
      ['Old cover', 12, null],
      ['New bimini', null, 30],
    ])
    await context.close()
  })
})
