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
import { shopFloorData } from './helpers/shop-floor.js'
import { expectNoXss, showsLiterally, xssPage, xssText } from './helpers/xss.js'

// Page 6 of issue 17: the cleaning queue. Reorder by drag and drop and by keyboard, the concurrent-reorder
// message, the sail/cushion toggles, staff who only read, and hostile text.
describe('the cleaning queue page in chromium', { timeout: BROWSER_TEST_TIMEOUT_MS }, () => {
  let app: WebApp
  let browser: Browser
  let manager: Awaited<ReturnType<WebApp['createUser']>>
  let otherManager: Awaited<ReturnType<WebApp['createUser']>>
  let staff: Awaited<ReturnType<WebApp['createUser']>>
  const orders: Record<'firm' | 'rush' | 'regular' | 'sail' | 'cushion', number> = {
    firm: 0,
    rush: 0,
    regular: 0,
    sail: 0,
    cushion: 0,
  }

  const shownOrder = (page: Page) =>
    page.$$eval('#queue-list li[data-no]', (items) =>
      items.map((li) => Number((li as HTMLElement).dataset.no)),
    )
  const serviceOrder = async (view = {}) =>
    (await app.app.queueService.list(view)).data.map((e) => e.workOrderNo)
  /** Waits for htmx to have swapped in a queue whose message says `text`. */
  const waitForMessage = (page: Page, text: string) =>
    page.locator('#queue .flash', { hasText: text }).waitFor({ state: 'visible' })

  beforeAll(async () => {
    app = await startWebApp()
    browser = await launchBrowser()
    manager = await app.createUser('manager', 'maria')
    otherManager = await app.createUser('manager', 'mark')
    staff = await app.createUser('staff', 'sam')
    const data = await shopFloorData(app, manager)
    const loft = await data.source('Bayside Sail Loft')
    const club = await data.customer('Harbour Yacht Club', loft.id)
    const cafe = await data.customer('Corner Cafe')
    // Dates long past: "due soon" (overdue counts) and the tier order never change with the day the test runs.
    orders.regular = await data.order(cafe.id, 'queued', {
      name: 'Patio awning',
      dateIn: '2026-03-01',
      items: [{ description: 'Patio awning', sizeText: '10x12', quantity: 1, unitPrice: 120 }],
    })
    orders.sail = await data.order(club.id, 'queued', {
      name: 'Race mainsail',
      dateIn: '2026-03-02',
      items: [{ description: 'Mainsail', material: 'Dacron', sizeText: '30#' }],
    })
    orders.cushion = await data.order(club.id, 'in_progress', {
      name: 'Cockpit cushions',
      dateIn: '2026-03-03',
      isCushion: true,
      items: [{ description: 'Cushion', sizeText: '2x6', quantity: 4 }],
    })
    orders.rush = await data.order(cafe.id, 'queued', {
      name: 'Window awnings',
      dateIn: '2026-03-04',
      rush: true,
      dateRequired: '2026-03-25',
    })
    orders.firm = await data.order(club.id, 'queued', {
      name: 'Dodger and bimini',
      dateIn: '2026-03-05',
      firmRush: true,
      dateRequired: '2026-03-20',
    })
  }, BROWSER_TEST_TIMEOUT_MS)
  afterAll(async () => {
    await browser?.close()
    await app?.close()
  }, BROWSER_TEST_TIMEOUT_MS)

  it('shows the tiers in order with their flags in words; screenshots and axe', async () => {
    const { page, context } = await newPage(browser)
    const problems = collectPageProblems(page)
    await signIn(page, app, manager, '/queue')
    expect(await shownOrder(page)).toEqual([
      orders.firm,
      orders.rush,
      orders.regular,
      orders.sail,
      orders.cushion,
    ])
    const firm = page.locator(`li[data-no="${orders.firm}"]`)
    await expect(firm.textContent()).resolves.toMatch(/Firm rush.*Due soon/)
    await expect(page.locator(`li[data-no="${orders.sail}"]`).textContent()).resolves.toContain('Sail')
    await expect(page.locator(`li[data-no="${orders.cushion}"]`).textContent()).resolves.toMatch(
      /In progress.*Cushion/,
    )
    await expectAccessible(page, 'queue')
    await screenshot(page, 'queue')
    expect(problems).toEqual([])
    await context.close()
  })

  it('reorders by drag and drop: the dragged order lands where it was dropped and stays there', async () => {
    const { page, context } = await newPage(browser)
    const problems = collectPageProblems(page)
    await signIn(page, app, manager, '/queue')
    const before = await shownOrder(page)
    const handle = page.locator(`li[data-no="${orders.sail}"] .drag-handle`)
    const top = page.locator('#queue-list li[data-no]').first()
    const from = (await handle.boundingBox()) as { x: number; y: number; width: number; height: number }
    const to = (await top.boundingBox()) as { x: number; y: number; width: number; height: number }
    await page.mouse.move(from.x + from.width / 2, from.y + from.height / 2)
    await page.mouse.down()
    // Small steps, as a hand moves: SortableJS's pointer fallback follows the moves.
    await page.mouse.move(from.x + from.width / 2, to.y + 5, { steps: 20 })
    await page.mouse.move(from.x + from.width / 2, to.y + 2, { steps: 5 })
    await page.mouse.up()
    await waitForMessage(page, 'The queue is reordered')
    const wanted = [orders.sail, ...before.filter((no) => no !== orders.sail)]
    expect(await shownOrder(page)).toEqual(wanted)
    expect(await serviceOrder()).toEqual(wanted)
    await page.reload()
    expect(await shownOrder(page)).toEqual(wanted)
    await expect(page.locator(`li[data-no="${orders.sail}"]`).textContent()).resolves.toContain(
      'Placed by hand',
    )
    expect(problems).toEqual([])
    await context.close()
  })

  it('reorders by keyboard: Enter on a move button moves the order and keeps the focus on that button', async () => {
    const { page, context } = await newPage(browser)
    await signIn(page, app, manager, '/queue')
    const before = await shownOrder(page)
    const no = before[0] as number
    await page.getByRole('button', { name: `Move #${no} down` }).focus()
    await page.keyboard.press('Enter')
    await waitForMessage(page, `#${no} is now at place 2`)
    const wanted = [before[1], no, ...before.slice(2)]
    expect(await shownOrder(page)).toEqual(wanted)
    expect(await serviceOrder()).toEqual(wanted)
    // The swap replaced the focused button; the queue script puts focus back when htmx settles.
    await page.waitForFunction(
      (value) => (document.activeElement as HTMLButtonElement | null)?.value === value,
      `${no}:down`,
    )
    await expect(page.evaluate(() => (document.activeElement as HTMLButtonElement).value)).resolves.toBe(
      `${no}:down`,
    )
    // Again from the focused button: the keyboard user just keeps pressing.
    await page.keyboard.press('Enter')
    await waitForMessage(page, `#${no} is now at place 3`)
    expect((await shownOrder(page))[2]).toBe(no)
    await context.close()
  })

  it('tells a manager whose view is stale that the queue changed and shows it reloaded, never overwriting', async () => {
    const first = await newPage(browser)
    const second = await newPage(browser)
    await signIn(first.page, app, manager, '/queue')
    await signIn(second.page, app, otherManager, '/queue')
    const seen = await shownOrder(first.page)

    // The other manager moves the last order up first.
    const last = seen[seen.length - 1] as number
    await second.page.getByRole('button', { name: `Move #${last} up` }).click()
    await waitForMessage(second.page, `#${last} is now at place`)
    const theirs = await serviceOrder()

    // The first manager, still looking at the old queue, moves the first order down.
    await first.page.getByRole('button', { name: `Move #${seen[0]} down` }).click()
    await waitForMessage(first.page, 'The queue changed while you were reordering it')
    await expect(first.page.getByRole('alert').textContent()).resolves.toContain('It has been reloaded')
    expect(await serviceOrder()).toEqual(theirs)
    expect(await shownOrder(first.page)).toEqual(theirs)
    await expectAccessible(first.page, 'queue with the changed message')
    await screenshot(first.page, 'queue-changed')
    await first.context.close()
    await second.context.close()
  })

  it('hides sail and cushion orders with the toggles and reorders the rest around them', async () => {
    const { page, context } = await newPage(browser)
    await signIn(page, app, manager, '/queue')
    await page.getByLabel('Hide sail orders').check()
    await page.waitForURL((url) => url.search.includes('hideSails=1'))
    await page.locator(`li[data-no="${orders.sail}"]`).waitFor({ state: 'detached' })
    await page.getByLabel('Hide cushion orders').check()
    await page.locator(`li[data-no="${orders.cushion}"]`).waitFor({ state: 'detached' })
    const whole = await serviceOrder()
    const shown = await shownOrder(page)
    expect(shown).toEqual(whole.filter((no) => no !== orders.sail && no !== orders.cushion))

    const moving = shown[shown.length - 1] as number
    await page.getByRole('button', { name: `Move #${moving} up` }).click()
    await waitForMessage(page, `#${moving} is now at place`)
    const after = await serviceOrder()
    // The hidden orders kept their places in the whole queue.
    expect(after.indexOf(orders.sail)).toBe(whole.indexOf(orders.sail))
    expect(after.indexOf(orders.cushion)).toBe(whole.indexOf(orders.cushion))
    expect(after.filter((no) => no !== orders.sail && no !== orders.cushion)).toEqual(await shownOrder(page))
    await page.reload()
    await expect(page.getByLabel('Hide sail orders').isChecked()).resolves.toBe(true)
    await context.close()
  })

  it('shows staff the queue without any way to reorder it, and refuses a forged reorder with 403', async () => {
    const { page, context } = await newPage(browser)
    const problems = collectPageProblems(page)
    await signIn(page, app, staff, '/queue')
    const before = await serviceOrder()
    expect(await shownOrder(page)).toEqual(before)
    await expect(page.locator('button[name="move"]').count()).resolves.toBe(0)
    await expect(page.locator('.drag-handle').count()).resolves.toBe(0)
    await expect(page.locator('form.queue-form').count()).resolves.toBe(0)
    await expect(page.locator('script[src*="sortable"]').count()).resolves.toBe(0)
    await expectAccessible(page, 'queue for staff')
    await screenshot(page, 'queue-staff')
    expect(problems).toEqual([]) // before the forged post, whose 403 the collector would count

    const version = (await app.app.queueService.list()).version
    const forged = await page.evaluate(
      async ({ order, version }) => {
        const body = new URLSearchParams({
          version,
          shown: order,
          order: order.split(',').reverse().join(','),
        })
        const res = await fetch('/queue/order', { method: 'POST', body })
        return { status: res.status, text: await res.text() }
      },
      { order: before.join(','), version },
    )
    expect(forged.status).toBe(403)
    expect(forged.text).toContain('Not allowed')
    expect(await serviceOrder()).toEqual(before)
    await context.close()
  })

  it('starts cleaning a queued order, for staff and for a manager: it goes onto the board', async () => {
    const data = await shopFloorData(app, manager)
    const customer = await data.customer('Dockside Diner')
    const forStaff = await data.order(customer.id, 'queued', { name: 'Bar awning', dateIn: '2026-03-07' })
    const forManager = await data.order(customer.id, 'queued', { name: 'Door awning', dateIn: '2026-03-08' })
    for (const [who, no] of [
      [staff, forStaff],
      [manager, forManager],
    ] as const) {
      const { page, context } = await newPage(browser)
      await signIn(page, app, who, '/queue')
      await page.getByRole('button', { name: `Start cleaning #${no}` }).click()
      await waitForMessage(page, `#${no} is started`)
      await expect(page.locator(`li[data-no="${no}"]`).textContent()).resolves.toContain('In progress')
      await expect(page.getByRole('button', { name: `Start cleaning #${no}` }).count()).resolves.toBe(0)
      expect((await app.app.workOrdersService.detail(no)).status).toBe('in_progress')
      await page.goto(`${app.baseUrl}/board`)
      await expect(page.locator(`#card-${no}`).textContent()).resolves.toContain('Mark cleaned')
      await context.close()
    }
  })

  it('refuses an unreadable reorder with 422 and the queue reloaded, not a JSON error', async () => {
    const { page, context } = await newPage(browser)
    await signIn(page, app, manager, '/queue')
    const answer = await page.evaluate(async () => {
      const body = new URLSearchParams({ version: 'x', shown: '1,2', move: 'nonsense' })
      const res = await fetch('/queue/order', { method: 'POST', body, headers: { 'HX-Request': 'true' } })
      return { status: res.status, type: res.headers.get('content-type'), text: await res.text() }
    })
    expect(answer.status).toBe(422)
    expect(answer.type).toContain('text/html')
    expect(answer.text).toContain('could not be read')
    await context.close()
  })

  it('escapes hostile text in every field the queue shows', async () => {
    const data = await shopFloorData(app, manager)
    const customer = await data.customer(xssText('queue-customer'))
    await data.order(customer.id, 'queued', { name: xssText('queue-order-name'), dateIn: '2026-03-06' })
    const { page, context } = await xssPage(browser)
    await signIn(page, app, manager, '/queue')
    await expectNoXss(page, 'queue')
    expect(await showsLiterally(page, xssText('queue-customer'))).toBe(true)
    expect(await showsLiterally(page, xssText('queue-order-name'))).toBe(true)
    await context.close()
  })
})
