import { sql } from 'drizzle-orm'
import type { Browser } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { WorkOrderStatus } from '../../src/models/index.js'
import { queryRows } from '../helpers/database.js'
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

const TO_COMPLETED: WorkOrderStatus[] = ['queued', 'cleaned', 'completed']
const daysAgo = (n: number) => new Date(Date.now() - n * 86_400_000).toISOString().slice(0, 10)

// The mail pages (reminders with preview, history, failures), the hub's opt-out, and the unsubscribe link.
describe('mail pages in chromium', { timeout: BROWSER_TEST_TIMEOUT_MS }, () => {
  let app: WebApp
  let browser: Browser
  let manager: Awaited<ReturnType<WebApp['createUser']>>
  let staff: Awaited<ReturnType<WebApp['createUser']>>
  let dueId = 0
  let hostileId = 0
  const hostileName = xssText('mail-customer')

  beforeAll(async () => {
    app = await startWebApp({ env: { MAIL_POLL_INTERVAL_S: '0.2', SHOP_NAME: 'Harbor Awning Care' } })
    browser = await launchBrowser()
    manager = await app.createUser('manager', 'mara')
    staff = await app.createUser('staff', 'stan')
    const write = { actor: { id: manager.id, username: manager.username }, role: 'manager' as const }
    const completedCustomer = async (name: string, email: string | null) => {
      const c = await app.app.customersService.create(write, { name, email })
      const order = await app.app.workOrdersService.create(write, {
        customerId: c.id,
        quoteStatus: 'approved',
      } as never)
      for (const to of TO_COMPLETED)
        await app.app.workOrdersService.changeStatus(write, order.workOrderNo, to)
      await app.app.db.execute(
        sql`UPDATE work_orders SET date_completed = ${daysAgo(350)}::date WHERE work_order_no = ${order.workOrderNo}`,
      )
      return c.id
    }
    dueId = await completedCustomer('Bay Marina', 'OFFICE@BAYMARINA.COM#mailto:office@baymarina.com#')
    hostileId = await completedCustomer(hostileName, 'x@example.com')
    await completedCustomer('Cove Cafe', 'cove cafe at gmail')
    // Wait for the "ready" messages of those completions to be written out, so the history is settled.
    const deadline = Date.now() + 60_000
    while (Date.now() < deadline) {
      const counts = await app.app.mailService.counts()
      if (counts.pending === 0) break
      await new Promise((r) => setTimeout(r, 200))
    }
    // One message that failed for good, as a broken SMTP setting would leave it.
    await app.app.db.execute(
      sql`UPDATE mail_outbox SET status = 'failed', attempts = 8, last_error = 'ECONNREFUSED connect ECONNREFUSED 127.0.0.1:587'
           WHERE id = (SELECT min(id) FROM mail_outbox WHERE status = 'sent')`,
    )
  }, BROWSER_TEST_TIMEOUT_MS)
  afterAll(async () => {
    await browser?.close()
    await app?.close()
  }, BROWSER_TEST_TIMEOUT_MS)

  it('shows who is due with a preview, counts bad addresses, and sends the batch', async () => {
    const { page, context } = await newPage(browser)
    const problems = collectPageProblems(page)
    await signIn(page, app, manager, '/mail')
    await expect(page.locator('nav.main-nav, nav').first().textContent()).resolves.toContain('Mail')
    await expect(page.locator('table caption').textContent()).resolves.toContain('2 customer(s) due')
    await expect(page.getByRole('note').textContent()).resolves.toContain(
      '1 due customer(s) have no valid e-mail',
    )
    await expect(page.locator('.mail-preview').textContent()).resolves.toContain(
      'Time for your annual cleaning',
    )
    await page.getByRole('link', { name: 'Preview for Bay Marina' }).click()
    await expect(page.locator('.mail-preview dd').first().textContent()).resolves.toBe('office@baymarina.com')
    await expectAccessible(page, 'mail reminders')
    await screenshot(page, 'mail-reminders')

    await page.getByRole('button', { name: 'Send 2 reminder(s)' }).click()
    await page.waitForURL((url) => url.pathname === '/mail/messages')
    await expect(page.locator('.flash').textContent()).resolves.toContain('2 reminder(s) queued')
    const sent = await queryRows<{ n: number }>(
      app.app.db,
      sql`SELECT count(*)::int AS n FROM mail_outbox WHERE kind = 'reminder'`,
    )
    expect(sent).toEqual([{ n: 2 }])
    await page.goto(`${app.baseUrl}/mail`)
    await expect(page.locator('table caption').textContent()).resolves.toContain('0 customer(s) due')
    expect(problems).toEqual([])
    await context.close()
  })

  it('lists failures with a retry button, and the history by status', async () => {
    const { page, context } = await newPage(browser)
    const problems = collectPageProblems(page)
    await signIn(page, app, manager, '/mail/messages')
    await page.getByRole('link', { name: 'Failures (1)' }).click()
    await expect(page.locator('table caption').textContent()).resolves.toContain('1 message(s), failed')
    await expect(page.locator('tbody').textContent()).resolves.toContain('ECONNREFUSED')
    await expectAccessible(page, 'mail failures')
    await screenshot(page, 'mail-failures')
    await page.getByRole('button', { name: /^Retry message \d+$/ }).click()
    await expect(page.locator('.flash').textContent()).resolves.toMatch(/Message \d+ is queued again/)
    await page.getByLabel('Status').selectOption('sent')
    await page.getByRole('button', { name: 'Show' }).click()
    await expect(page.locator('table caption').textContent()).resolves.toContain(', sent')
    await expectAccessible(page, 'mail history')
    expect(problems).toEqual([])
    await context.close()
  })

  it('switches the opt-out on the customer hub', async () => {
    const { page, context } = await newPage(browser)
    await signIn(page, app, manager, `/customers/${dueId}`)
    await expect(page.locator('#email-opt-out').textContent()).resolves.toBe('no')
    await page.getByRole('button', { name: 'Stop e-mail to this customer' }).click()
    await expect(page.locator('#email-opt-out').textContent()).resolves.toMatch(
      /^yes, since \d{4}-\d{2}-\d{2}$/,
    )
    expect((await app.app.mailService.preferences(dueId)).optOut).toBe(true)
    await expectAccessible(page, 'customer opt-out')
    await page.locator('#email-heading').scrollIntoViewIfNeeded()
    await screenshot(page, 'customer-email-opt-out')
    await page.getByRole('button', { name: 'Send e-mail again' }).click()
    await expect(page.locator('#email-opt-out').textContent()).resolves.toBe('no')
    await context.close()
  })

  it('the unsubscribe link asks first, then opts out, with no session', async () => {
    const { page, context } = await newPage(browser)
    const link = new URL(app.app.mailService.unsubscribeUrl(hostileId))
    await page.goto(`${app.baseUrl}${link.pathname}`)
    await expectAccessible(page, 'unsubscribe')
    await screenshot(page, 'unsubscribe')
    expect((await app.app.mailService.preferences(hostileId)).optOut).toBe(false)
    await page.getByRole('button', { name: 'Unsubscribe' }).click()
    await expect(page.getByRole('status').textContent()).resolves.toContain('no more e-mail')
    expect((await app.app.mailService.preferences(hostileId)).optOut).toBe(true)
    const forged = await page.goto(`${app.baseUrl}/unsubscribe/c${dueId}.forged`)
    expect(forged?.status()).toBe(400)
    await expect(page.locator('main').textContent()).resolves.toContain('not valid')
    await context.close()
  })

  it('staff are refused the mail pages', async () => {
    const { page, context } = await newPage(browser)
    await signIn(page, app, staff, '/')
    const res = await page.goto(`${app.baseUrl}/mail`)
    expect(res?.status()).toBe(403)
    await context.close()
  })

  it('escapes customer names on the mail pages', async () => {
    const { page, context } = await xssPage(browser)
    await signIn(page, app, manager, '/mail/messages')
    await expectNoXss(page, 'mail history')
    expect(await showsLiterally(page, hostileName)).toBe(true)
    await context.close()
  })
})
