import type { Browser, Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { seedEmptyDatabase } from '../../src/seed/seed-empty.js'
import { TRAINING_LOCK_KEY } from '../../src/services/ml-training.js'
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

async function estimate(page: Page, description: string, size: string) {
  await page.locator('#f-description0').fill(description)
  await page.locator('#f-size0').fill(size)
  await page.getByRole('button', { name: 'Estimate' }).click()
}

// Issue 17, page 9: the active model beside the naive baseline, run history, retrain with progress, estimates.
describe('models page in chromium', { timeout: BROWSER_TEST_TIMEOUT_MS }, () => {
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

  it('has no model at first: the estimate says to retrain', async () => {
    const { page, context } = await newPage(browser)
    await signIn(page, app, manager, '/models')
    await expect(page.locator('#active').textContent()).resolves.toContain('No model is active yet')
    await estimate(page, 'Patio awning', '8x10')
    await expect(page.locator('#estimate .error-summary').textContent()).resolves.toContain('retrain first')
    await expectAccessible(page, 'models, no model')
    await context.close()
  })

  it('shows "training in progress" (409) as a message when a training already holds the lock', async () => {
    const { page, context } = await newPage(browser)
    await signIn(page, app, manager, '/models')
    const release = await app.database.tryLock(TRAINING_LOCK_KEY)
    if (!release) throw new Error('could not take the training lock')
    try {
      const answer = page.waitForResponse((r) => r.url().endsWith('/models/retrain'))
      await page.getByRole('button', { name: 'Retrain now' }).click()
      expect((await answer).status()).toBe(409)
      await expect(page.locator('#retrain-message').textContent()).resolves.toContain(
        'A training is already running',
      )
    } finally {
      await release()
    }
    await context.close()
  })

  it('retrains: the page shows progress by polling, then the new model beside the naive baseline', async () => {
    const { page, context } = await newPage(browser)
    const problems = collectPageProblems(page)
    await signIn(page, app, manager, '/models')
    await page.getByLabel('Configuration').selectOption('baseline')
    await page.getByRole('button', { name: 'Retrain now' }).click()
    await page.waitForURL((url) => url.searchParams.has('run'))
    // Training… (polled every 2 s) until the finished answer replaces the whole block.
    await page.locator('#run-panel.panel-ok').waitFor({ timeout: 180_000 })
    await expect(page.locator('#run-panel').textContent()).resolves.toContain('Training finished')
    await expect(page.locator('#active h2').textContent()).resolves.toMatch(/Active model #\d+/)
    for (const target of ['days', 'price']) {
      const cells = await page.locator(`#metrics-${target} td`).allTextContents()
      expect(cells[0]).not.toBe('–') // algorithm
      expect(Number(cells[1]?.replace(/,/g, ''))).toBeGreaterThan(0) // MAE model
      expect(Number(cells[2]?.replace(/,/g, ''))).toBeGreaterThan(0) // MAE naive
      expect(cells[8]).toMatch(/better|worse|same/)
    }
    await expect(page.locator('#runs tbody tr').first().textContent()).resolves.toContain('completed')
    await expect(page.locator('#models tbody tr').first().textContent()).resolves.toContain('active')

    await estimate(page, 'Patio awning', '8x10')
    await expect(page.locator('#estimate-result').textContent()).resolves.toMatch(/Turnaround[\d.]+ days/)
    await expect(page.locator('#estimate-result').textContent()).resolves.toContain('80 sq ft')
    await expectAccessible(page, 'models')
    await screenshot(page, 'models')
    expect(problems).toEqual([])
    await context.close()
  })

  it('keeps the values and says what is wrong beside the field', async () => {
    const { page, context } = await newPage(browser)
    await signIn(page, app, manager, '/models')
    await page.locator('#f-customerNo').fill('999999')
    await page.locator('#f-quantity0').fill('lots')
    await estimate(page, 'Sail', '10x12')
    await expect(page.locator('#f-customerNo-error').textContent()).resolves.toContain(
      'No customer has that number',
    )
    await expect(page.locator('#f-quantity0-error').textContent()).resolves.toContain('whole number')
    await expect(page.locator('#f-description0').inputValue()).resolves.toBe('Sail')
    await context.close()
  })

  it('is for managers: staff get no link, a 403 page, and forged posts refused', async () => {
    const staff = await app.createUser('staff')
    const { page, context } = await newPage(browser)
    await signIn(page, app, staff, '/')
    expect(await page.getByRole('navigation', { name: 'Main' }).textContent()).not.toContain('Models')
    expect((await page.goto(`${app.baseUrl}/models`))?.status()).toBe(403)
    const runsBefore = (await app.app.ml.training.runs()).length
    for (const [url, body] of [
      ['/models/retrain', { config: 'baseline' }],
      ['/models/estimate', { description0: 'Awning' }],
    ] as const) {
      const status = await page.evaluate(
        `fetch(${JSON.stringify(url)}, { method: 'POST', body: new URLSearchParams(${JSON.stringify(body)}) }).then((r) => r.status)`,
      )
      expect(status).toBe(403)
    }
    expect((await app.app.ml.training.runs()).length).toBe(runsBefore)
    await context.close()
  })

  it('escapes what the user typed when it comes back', async () => {
    const { page, context } = await xssPage(browser)
    await signIn(page, app, manager, '/models')
    await estimate(page, xssText('item'), '8x10')
    await page.locator('#estimate-result').waitFor()
    await expectNoXss(page, 'models estimate')
    expect(await showsLiterally(page, xssText('item'))).toBe(true)
    await context.close()
  })
})
