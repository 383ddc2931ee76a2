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

// A 1×1 PNG: the upload checks the bytes as well as the name.
const PNG = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==',
  'base64',
)

type User = Awaited<ReturnType<WebApp['createUser']>>
const ctxOf = (user: User) => ({ actor: { id: user.id, username: user.username } })

describe('check-in pages in chromium', { timeout: BROWSER_TEST_TIMEOUT_MS }, () => {
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
    // An earlier order puts an item in the customer's catalog.
    await app.app.workOrdersService.create(ctxOf(manager), {
      customerId,
      dateIn: '2026-03-02',
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
  const badge = (page: Page) => page.getByRole('link', { name: /^Check-ins/ }).textContent()

  it('records a check-in on a phone, counts it, converts it once and lands on the order', async () => {
    const { page, context } = await newPage(browser)
    const problems = collectPageProblems(page)
    await page.setViewportSize({ width: 390, height: 844 })
    await signIn(page, app, manager, '/check-ins/new')
    // Search as you type: the results come in while typing, each a button.
    await page.getByLabel('Find the customer').pressSequentially('Harb')
    await page.getByRole('button', { name: 'Choose Harbor Light Marina, Mystic' }).waitFor()
    await clickAndWait(page, 'Choose Harbor Light Marina, Mystic')
    await expect(page.locator('#chosen-customer').textContent()).resolves.toContain('Harbor Light Marina')

    await page
      .getByLabel('From the catalog')
      .selectOption({ label: 'Front awning · Sunbrella · 12x8 ($140)' })
    await clickAndWait(page, 'Add another item')
    await page.locator('#f-item-1-description').fill('Cockpit cushion')
    await page.locator('#f-item-1-size').fill(`4'x2'6"`)
    await page.waitForFunction(
      () => document.querySelector('#item-1-size-result')?.textContent === '= 10 sq ft',
    )
    await page.locator('#f-item-1-quantity').fill('2')
    await page.locator('#f-item-1-price').fill('35')
    await page.getByLabel('Date in').fill('2026-05-04')
    await page.getByLabel('Rack location').fill('B-7')
    await page.getByLabel('Rush', { exact: true }).check()
    await page.getByLabel('Special instructions').fill('Owner wants the cushions by Friday')
    await page.waitForFunction(() => !document.querySelector('.htmx-request'))
    await page.setViewportSize({ width: 1280, height: 900 })
    await expectAccessible(page, 'new check-in form')
    await screenshot(page, 'check-in-new')
    await page.setViewportSize({ width: 390, height: 844 })
    await clickAndWait(page, 'Save check-in')

    const heading = await page.getByRole('heading', { level: 1 }).textContent()
    expect(heading).toMatch(/^Check-in #\d+ Pending$/)
    const id = Number(/#(\d+)/.exec(heading ?? '')?.[1])
    await expect(page.locator('table.items tbody tr').count()).resolves.toBe(2)
    await expect(page.locator('table.items tfoot').textContent()).resolves.toContain('$210.00')
    await expect(badge(page)).resolves.toContain('(1 pending)')

    const photo = page.getByLabel('Take or add a photo')
    await expect(photo.getAttribute('capture')).resolves.toBe('environment')
    await expect(photo.getAttribute('accept')).resolves.toBe('image/*')
    await photo.setInputFiles({ name: 'counter.png', mimeType: 'image/png', buffer: PNG })
    await clickAndWait(page, 'Upload photo')
    await expect(page.getByRole('status').textContent()).resolves.toContain('counter.png is attached')
    await expectAccessible(page, 'check-in detail')
    await screenshot(page, 'check-in-detail')

    await page.goto(`${app.baseUrl}/check-ins`)
    await expect(page.locator('tbody').textContent()).resolves.toContain('Harbor Light Marina')
    await expectAccessible(page, 'pending check-ins')
    await screenshot(page, 'check-ins')

    // A second tab still shows the Convert button of the pending check-in.
    const stale = await context.newPage()
    await stale.goto(`${app.baseUrl}/check-ins/${id}`)

    await page.goto(`${app.baseUrl}/check-ins/${id}`)
    await clickAndWait(page, 'Convert to work order')
    const orderHeading = await page.getByRole('heading', { level: 1 }).textContent()
    expect(orderHeading).toMatch(/^Work order #\d+$/)
    const no = Number(/#(\d+)/.exec(orderHeading ?? '')?.[1])
    await expect(page.getByRole('status').textContent()).resolves.toContain(`created from check-in #${id}`)
    const rows = await page.locator('table.items tbody tr').allTextContents()
    expect(rows).toHaveLength(2)
    expect(rows.join('\n')).toContain('Front awning')
    expect(rows.join('\n')).toContain('Cockpit cushion')
    await expect(page.locator('table.items tfoot').textContent()).resolves.toContain('$210.00')
    await page.getByRole('img', { name: 'counter.png' }).waitFor()
    await expect(badge(page)).resolves.toBe('Check-ins')

    await Promise.all([
      stale.waitForEvent('load'),
      stale.getByRole('button', { name: 'Convert to work order' }).click(),
    ])
    expect(new URL(stale.url()).pathname).toBe(`/check-ins/${id}`)
    await expect(stale.getByRole('alert').textContent()).resolves.toContain(
      `already converted into work order #${no}`,
    )
    await expect(stale.getByRole('link', { name: `work order #${no}` }).count()).resolves.toBe(1)

    // The pending tab no longer lists it; the All tab does, with its order.
    await page.goto(`${app.baseUrl}/check-ins`)
    await expect(page.locator('tbody').textContent()).resolves.toContain('No check-ins here.')
    await Promise.all([
      page.waitForEvent('load'),
      page.getByRole('link', { name: 'All', exact: true }).click(),
    ])
    expect(new URL(page.url()).searchParams.get('state')).toBe('all')
    await expect(page.locator('tbody').textContent()).resolves.toContain(`Converted #${no}`)
    expect(problems).toEqual([])
    await context.close()
  })

  it('lets staff record a check-in but not convert or cancel it, even by a forged post', async () => {
    const made = await app.app.checkInsService.create(ctxOf(staff), {
      customerId,
      dateIn: '2026-05-05',
      items: [{ description: 'Sail cover' }],
    })
    const { page, context } = await newPage(browser)
    await signIn(page, app, staff, `/check-ins/${made.id}`)
    const buttons = await page.locator('main button').allTextContents()
    expect(buttons).not.toContain('Convert to work order')
    expect(buttons).not.toContain('Cancel check-in')
    const forged = (await page.evaluate(`Promise.all([
      fetch('/check-ins/${made.id}/convert', { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: 'into=work-order' }).then((r) => r.status),
      fetch('/check-ins/${made.id}/cancel', { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: '' }).then((r) => r.status),
      fetch('/check-ins/new').then((r) => r.status),
    ])`)) as number[]
    expect(forged).toEqual([403, 403, 200])
    expect((await app.app.checkInsService.detail(made.id)).state).toBe('pending')
    await context.close()
  })

  it('converts a check-in into a repair order in one click and lands on the repair order', async () => {
    const made = await app.app.checkInsService.create(ctxOf(manager), {
      customerId,
      dateIn: '2026-05-06',
      items: [{ description: 'Torn enclosure panel', sizeText: '4x6', unitPrice: 60 }],
    })
    const { page, context } = await newPage(browser)
    await signIn(page, app, manager, `/check-ins/${made.id}`)
    await clickAndWait(page, 'Convert to repair order')
    expect(new URL(page.url()).pathname).toMatch(/^\/repair-orders\/\d+$/)
    await expect(page.locator('main').textContent()).resolves.toContain('Torn enclosure panel')
    await expect(page.getByRole('status').first().textContent()).resolves.toMatch(
      /Repair order RO #\d+ is created/,
    )
    await page.goto(`${app.baseUrl}/check-ins/${made.id}`)
    await expect(page.locator('.converted').textContent()).resolves.toMatch(
      /Converted into repair order RO #\d+/,
    )
    await context.close()
  })
})
