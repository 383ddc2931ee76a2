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

// Page 7 of issue 17: the in-progress board. One-click advance through the shop-floor statuses, search and
// sort, staff who cannot complete, the phone width, and hostile text.
describe('the in-progress board in chromium', { timeout: BROWSER_TEST_TIMEOUT_MS }, () => {
  let app: WebApp
  let browser: Browser
  let manager: Awaited<ReturnType<WebApp['createUser']>>
  let staff: Awaited<ReturnType<WebApp['createUser']>>
  let data: Awaited<ReturnType<typeof shopFloorData>>
  let clubId: number
  let cafeId: number

  /** The order numbers in a column, top to bottom. */
  const column = (page: Page, status: string) =>
    page.$$eval(`section[aria-labelledby="col-${status}"] li.card`, (cards) =>
      cards.map((card) => Number(card.id.replace('card-', ''))),
    )
  const waitForMessage = (page: Page, text: string) =>
    page.locator('#board .flash', { hasText: text }).waitFor({ state: 'visible' })
  const card = (page: Page, no: number) => page.locator(`#card-${no}`)

  beforeAll(async () => {
    app = await startWebApp()
    browser = await launchBrowser()
    manager = await app.createUser('manager', 'maria')
    staff = await app.createUser('staff', 'sam')
    data = await shopFloorData(app, manager)
    const loft = await data.source('Bayside Sail Loft')
    const marina = await data.source('Anchor Marina')
    clubId = (await data.customer('Harbour Yacht Club', loft.id)).id
    cafeId = (await data.customer('Corner Cafe', marina.id)).id
    await data.order(cafeId, 'in_progress', { name: 'Patio awning', dateIn: '2026-03-01' })
    await data.order(clubId, 'in_progress', { name: 'Dodger', dateIn: '2026-03-02', rush: true })
    const stamped = [
      await data.order(clubId, 'cleaned', { name: 'Bimini top', dateIn: '2026-02-20' }),
      await data.order(cafeId, 'treated', { name: 'Window awnings', dateIn: '2026-02-15', firmRush: true }),
      await data.order(clubId, 'packaged', { name: 'Seat cushions', dateIn: '2026-02-10', isCushion: true }),
    ]
    for (const no of stamped) await data.fixStampedDates(no, '2026-03-10')
  }, BROWSER_TEST_TIMEOUT_MS)
  afterAll(async () => {
    await browser?.close()
    await app?.close()
  }, BROWSER_TEST_TIMEOUT_MS)

  it('shows the four columns (stacked at 390 px); screenshots and axe', async () => {
    const { page, context } = await newPage(browser)
    const problems = collectPageProblems(page)
    await signIn(page, app, manager, '/board')
    const headings = await page.locator('.board-column h2').allTextContents()
    expect(headings.map((h) => h.replace(/\s*\(\d+\)$/, ''))).toEqual([
      'In progress',
      'Cleaned',
      'Treated',
      'Packaged',
    ])
    await expectAccessible(page, 'board')
    await screenshot(page, 'board')

    await page.setViewportSize({ width: 390, height: 844 })
    const boxes = await page
      .locator('.board-column')
      .evaluateAll((els) => els.map((el) => el.getBoundingClientRect().toJSON() as DOMRect))
    expect(new Set(boxes.map((b) => Math.round(b.x))).size).toBe(1) // one above the other
    expect(boxes.every((b) => b.right <= 390)).toBe(true)
    const button = await card(page, (await column(page, 'in_progress'))[0] as number)
      .getByRole('button')
      .first()
      .boundingBox()
    expect(button?.height).toBeGreaterThanOrEqual(44) // a finger-sized target
    await expectAccessible(page, 'board at 390 px')
    expect(problems).toEqual([])
    await context.close()
  })

  it('advances an order through cleaned, treated, packaged (with its location) to completed, one click each', async () => {
    const no = await data.order(cafeId, 'in_progress', { name: 'Shade sail', dateIn: '2026-03-03' })
    const { page, context } = await newPage(browser)
    const problems = collectPageProblems(page)
    await signIn(page, app, manager, '/board')
    expect(await column(page, 'in_progress')).toContain(no)

    await card(page, no).getByRole('button', { name: 'Mark cleaned' }).click()
    await waitForMessage(page, `#${no} marked cleaned`)
    expect(await column(page, 'cleaned')).toContain(no)
    expect(await column(page, 'in_progress')).not.toContain(no)

    await card(page, no).getByRole('button', { name: 'Mark treated' }).click()
    await waitForMessage(page, `#${no} marked treated`)
    expect(await column(page, 'treated')).toContain(no)
    await expect(card(page, no).textContent()).resolves.toMatch(/Treated\d{4}-\d{2}-\d{2}/)

    await card(page, no).getByLabel('Final location').fill('Rack 7, shelf B')
    await card(page, no).getByRole('button', { name: 'Mark packaged' }).click()
    await waitForMessage(page, `#${no} marked packaged`)
    expect(await column(page, 'packaged')).toContain(no)
    await expect(card(page, no).textContent()).resolves.toContain('Rack 7, shelf B')

    await card(page, no).getByRole('button', { name: 'Complete' }).click()
    await waitForMessage(page, `#${no} completed`)
    for (const status of ['in_progress', 'cleaned', 'treated', 'packaged'])
      expect(await column(page, status)).not.toContain(no)
    const detail = await app.app.workOrdersService.detail(no)
    expect(detail).toMatchObject({ status: 'completed', finalLocation: 'Rack 7, shelf B' })
    expect(detail.dateCompleted).not.toBeNull()
    expect(problems).toEqual([])
    await context.close()
  })

  it('says so, over the reloaded board, when someone else moved the order first', async () => {
    const no = await data.order(cafeId, 'in_progress', { name: 'Boat cover', dateIn: '2026-03-04' })
    const { page, context } = await newPage(browser)
    await signIn(page, app, manager, '/board')
    await app.app.workOrdersService.changeStatus(
      { actor: { id: manager.id, username: manager.username }, role: 'manager' },
      no,
      'cleaned',
    )
    await card(page, no).getByRole('button', { name: 'Mark cleaned' }).click()
    await waitForMessage(page, `#${no} was not marked cleaned`)
    await expect(page.getByRole('alert').textContent()).resolves.toContain('The board is reloaded')
    expect(await column(page, 'cleaned')).toContain(no)
    await context.close()
  })

  it('searches as you type and sorts by date or by source', async () => {
    const { page, context } = await newPage(browser)
    await signIn(page, app, manager, '/board')
    const allInProgress = await column(page, 'in_progress')
    expect(allInProgress.length).toBeGreaterThan(1)

    await page.getByLabel('Search by number, name or customer').fill('corner')
    await page.waitForURL((url) => url.searchParams.get('q') === 'corner')
    await page.waitForFunction(() =>
      Array.from(document.querySelectorAll('li.card')).every((c) => c.textContent?.includes('Corner Cafe')),
    )
    await expect(page.locator('li.card', { hasText: 'Harbour Yacht Club' }).count()).resolves.toBe(0)

    await page.getByLabel('Search by number, name or customer').fill('')
    await page.waitForURL((url) => !url.searchParams.get('q'))
    await page.getByLabel('Sort by').selectOption('source')
    await page.waitForURL((url) => url.searchParams.get('sort') === 'source')
    const sources = await page
      .locator('section[aria-labelledby="col-in_progress"] .card-who')
      .allTextContents()
    const names = sources.map((s) => s.split(' · ')[1] ?? '')
    expect(names).toEqual([...names].sort())
    // The sort survives an advance.
    const first = (await column(page, 'in_progress'))[0] as number
    await card(page, first).getByRole('button', { name: 'Mark cleaned' }).click()
    await waitForMessage(page, `#${first} marked cleaned`)
    await expect(page.getByLabel('Sort by').inputValue()).resolves.toBe('source')
    await context.close()
  })

  it('lets staff record the shop-floor steps but not complete: no button, and a forged post is 403', async () => {
    const no = await data.order(clubId, 'cleaned', { name: 'Awning valance', dateIn: '2026-03-05' })
    const packaged = await data.order(clubId, 'packaged', { name: 'Flybridge cover', dateIn: '2026-03-06' })
    const { page, context } = await newPage(browser)
    const problems = collectPageProblems(page)
    await signIn(page, app, staff, '/board')
    await expect(page.getByRole('button', { name: 'Complete' }).count()).resolves.toBe(0)
    await expect(card(page, packaged).textContent()).resolves.toContain('A manager completes it')

    await card(page, no).getByLabel('Final location').fill('Bin 3')
    await card(page, no).getByRole('button', { name: 'Mark packaged' }).click()
    await waitForMessage(page, `#${no} marked packaged`)
    await expectAccessible(page, 'board for staff')
    expect(problems).toEqual([]) // before the forged post, whose 403 the collector would count

    const forged = await page.evaluate(async (n) => {
      const res = await fetch(`/board/${n}/status`, {
        method: 'POST',
        body: new URLSearchParams({ to: 'completed' }),
      })
      return { status: res.status, text: await res.text() }
    }, packaged)
    expect(forged.status).toBe(403)
    expect(forged.text).toContain('Not allowed')
    expect((await app.app.workOrdersService.detail(packaged)).status).toBe('packaged')
    await context.close()
  })

  it('keeps a too-long final location beside its field with a 422', async () => {
    const no = await data.order(clubId, 'treated', { name: 'Side curtains', dateIn: '2026-03-07' })
    const { page, context } = await newPage(browser)
    await signIn(page, app, manager, '/board')
    const answer = await page.evaluate(async (n) => {
      const body = new URLSearchParams({ to: 'packaged', finalLocation: 'x'.repeat(201) })
      const res = await fetch(`/board/${n}/status`, {
        method: 'POST',
        body,
        headers: { 'HX-Request': 'true' },
      })
      return { status: res.status, text: await res.text() }
    }, no)
    expect(answer.status).toBe(422)
    expect(answer.text).toContain(`id="loc-${no}-error"`)
    expect(answer.text).toContain('x'.repeat(201))
    expect((await app.app.workOrdersService.detail(no)).status).toBe('treated')
    await context.close()
  })

  it('escapes hostile text in every field the board shows', async () => {
    const source = await data.source(xssText('board-source'))
    const customer = await data.customer(xssText('board-customer'), source.id)
    const no = await data.order(customer.id, 'treated', { name: xssText('board-name'), dateIn: '2026-03-08' })
    await app.app.workOrdersService.changeStatus(
      { actor: { id: manager.id, username: manager.username }, role: 'manager' },
      no,
      'packaged',
      undefined,
      xssText('board-location').slice(0, 200),
    )
    const { page, context } = await xssPage(browser)
    await signIn(page, app, manager, '/board')
    await expectNoXss(page, 'board')
    for (const tag of ['board-source', 'board-customer', 'board-name'])
      expect(await showsLiterally(page, xssText(tag))).toBe(true)
    expect(await showsLiterally(page, xssText('board-location').slice(0, 200))).toBe(true)
    await context.close()
  })
})
