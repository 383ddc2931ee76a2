import type { Browser } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { pdfText } from '../pdf/poppler.js'
import {
  BROWSER_TEST_TIMEOUT_MS,
  collectPageProblems,
  launchBrowser,
  newPage,
  signIn,
  startWebApp,
  type WebApp,
} from './helpers/browser.js'

type User = Awaited<ReturnType<WebApp['createUser']>>
const ctxOf = (user: User) => ({ actor: { id: user.id, username: user.username } })

// The PDF links of the work order pages (docs/PRINTING.md): the detail page's "Print / PDF" and "Download
// PDF", and the list's checkboxes with "Print selected" (a plain GET form, no script).
describe('work order PDFs from the pages, in chromium', { timeout: BROWSER_TEST_TIMEOUT_MS }, () => {
  let app: WebApp
  let browser: Browser
  let staff: User
  const numbers: number[] = []

  beforeAll(async () => {
    app = await startWebApp()
    browser = await launchBrowser()
    const manager = await app.createUser('manager')
    staff = await app.createUser('staff')
    const customer = await app.app.customersService.create(ctxOf(manager), { name: 'Łukasz Núñez' })
    for (const name of ['Front awnings', 'Boat cover', 'Cushions']) {
      const order = await app.app.workOrdersService.create(ctxOf(manager), {
        customerId: customer.id,
        name,
        items: [{ description: `${name} piece`, unitPrice: 50 }],
      })
      numbers.push(order.workOrderNo)
    }
  }, BROWSER_TEST_TIMEOUT_MS)
  afterAll(async () => {
    await browser?.close()
    await app?.close()
  }, BROWSER_TEST_TIMEOUT_MS)

  it("the detail page's Print / PDF and Download PDF links answer application/pdf", async () => {
    const { page, context } = await newPage(browser)
    const problems = collectPageProblems(page)
    const no = numbers[0] as number
    await signIn(page, app, staff, `/work-orders/${no}`)
    const view = await page.getByRole('link', { name: 'Print / PDF' }).getAttribute('href')
    const save = await page.getByRole('link', { name: 'Download PDF' }).getAttribute('href')
    expect(view).toBe(`/api/work-orders/${no}/pdf`)
    // The browser's own request (its session cookie) for each link.
    const inline = await context.request.get(`${app.baseUrl}${view}`)
    expect(inline.status()).toBe(200)
    expect(inline.headers()['content-type']).toBe('application/pdf')
    expect(inline.headers()['content-disposition']).toMatch(/^inline;/)
    expect(pdfText(await inline.body())).toContain('Łukasz Núñez')
    const attachment = await context.request.get(`${app.baseUrl}${save}`)
    expect(attachment.headers()['content-type']).toBe('application/pdf')
    expect(attachment.headers()['content-disposition']).toMatch(/^attachment;/)
    expect(problems).toEqual([])
    await context.close()
  })

  it("the list's Print selected sends the ticked orders to one PDF; nothing ticked is a message", async () => {
    const { page, context } = await newPage(browser)
    const problems = collectPageProblems(page)
    await signIn(page, app, staff, '/work-orders')
    // The page reloads on itself (GET /work-orders/print, 303 back): wait for the message, not the URL.
    await page.getByRole('button', { name: 'Print selected' }).click()
    await page.getByText('Tick the orders to print first.').waitFor()
    await expect(page.getByText('Tick the orders to print first.').count()).resolves.toBe(1)

    const [first, , third] = numbers as [number, number, number]
    await page.getByLabel(`Print work order ${first}`, { exact: true }).check()
    await page.getByLabel(`Print work order ${third}`, { exact: true }).check()
    const pdfResponse = page.waitForResponse((r) => r.url().includes('/api/work-orders/pdf'))
    // Headless chromium may hand a PDF navigation to its download manager: the response is what counts.
    await page
      .getByRole('button', { name: 'Print selected' })
      .click({ noWaitAfter: true })
      .catch(() => undefined)
    const response = await pdfResponse
    expect(response.status()).toBe(200)
    expect(response.headers()['content-type']).toBe('application/pdf')
    const url = new URL(response.url())
    // The list shows the newest first: the ticked orders in the list's order.
    expect(url.searchParams.get('numbers')).toBe(`${third},${first}`)
    // A navigation handed to the download manager keeps no body for the page: fetch the same address again.
    const body = await (await context.request.get(response.url())).body()
    const printed = [...pdfText(body).matchAll(/No\. (\d+)\n/g)].map((m) => Number(m[1]))
    expect(printed).toEqual([third, first])
    expect(problems).toEqual([])
    await context.close()
  })
})
