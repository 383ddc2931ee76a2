import { sql } from 'drizzle-orm'
import type { Browser } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { seedEmptyDatabase } from '../../src/seed/seed-empty.js'
import { fmtMoney, fmtNumber, fmtPercent, fmtWhole } from '../../src/web/components/manage/format.js'
import { driftWords, weeksOf } from '../../src/web/components/models/performance.js'
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

// Issue 19, item 5: the models page's "How good were the predictions" (the service behind /ml/performance).
describe('models page: prediction performance in chromium', { timeout: BROWSER_TEST_TIMEOUT_MS }, () => {
  let app: WebApp
  let browser: Browser
  let manager: Awaited<ReturnType<WebApp['createUser']>>

  beforeAll(async () => {
    app = await startWebApp()
    await seedEmptyDatabase(app.app.db, { customers: 60, workOrders: 400, seed: 11 })
    browser = await launchBrowser()
    manager = await app.createUser('manager', 'maria')
  }, BROWSER_TEST_TIMEOUT_MS)
  afterAll(async () => {
    await browser?.close()
    await app?.close()
  }, BROWSER_TEST_TIMEOUT_MS)

  it('explains the empty state before any order is scored', async () => {
    const { page, context } = await newPage(browser)
    const problems = collectPageProblems(page)
    await signIn(page, app, manager, '/models')
    await expect(page.locator('#performance-empty').textContent()).resolves.toContain(
      'No order has been scored yet',
    )
    expect(await page.locator('#performance canvas').count()).toBe(0)
    await expectAccessible(page, 'models performance, empty')
    expect(problems).toEqual([])
    await context.close()
  })

  it('charts live MAE beside holdout MAE and interval coverage per week, with the numbers in tables', async () => {
    const ml = app.app.mlService
    const started = await ml.retrain({ config: 'baseline', triggeredBy: 'test' })
    await started.done
    // Nightly snapshots of the open orders, then all of them complete in two later weeks.
    const today = (await ml.snapshots.performance()).asOf
    const day = (offset: number) =>
      new Date(Date.parse(today) - offset * 86_400_000).toISOString().slice(0, 10)
    await ml.snapshots.takeDaily({ snapshotDate: day(24) })
    await ml.snapshots.takeDaily({ snapshotDate: day(12) })
    const snapped = await queryRows<{ work_order_id: number }>(
      app.app.db,
      sql`SELECT work_order_id FROM ml_prediction_snapshots WHERE snapshot_date = ${day(24)}::date
           ORDER BY work_order_id`,
    )
    expect(snapped.length).toBeGreaterThanOrEqual(10)
    for (const [i, r] of snapped.entries()) {
      const done = i < snapped.length / 2 ? day(14) : day(3)
      await app.app.db.execute(
        sql`UPDATE work_orders SET status = 'completed', date_completed = GREATEST(date_in, ${done}::date)
             WHERE id = ${r.work_order_id}`,
      )
    }
    const perf = await ml.snapshots.performance()
    expect(perf.weekly.length).toBeGreaterThan(0)

    const { page, context } = await newPage(browser)
    const problems = collectPageProblems(page)
    await signIn(page, app, manager, '/models')
    for (const [target, fmt] of [
      ['days', (n: number) => `${fmtNumber(n)} days`],
      ['price', fmtMoney],
    ] as const) {
      const weeks = weeksOf(perf.weekly, target)
      expect(weeks.length).toBeGreaterThan(0)
      // uPlot drew both charts (canvas inside each data-chart holder).
      for (const chart of ['mae', 'coverage'])
        await page.locator(`#perf-${target}-${chart} .chart-canvas canvas`).waitFor()
      const holdout = perf.live?.[target].holdoutMae
      const mae = await page
        .locator(`#perf-${target}-mae details tbody tr`)
        .evaluateAll((rows) =>
          rows.map((r) => Array.from(r.querySelectorAll('th, td'), (c) => c.textContent)),
        )
      expect(mae).toEqual(
        weeks.map((w) => [
          w.week,
          fmtWhole(w.n),
          fmt(w.latestMae),
          fmt(w.firstMae),
          holdout == null ? '–' : fmt(holdout),
        ]),
      )
      const coverage = await page
        .locator(`#perf-${target}-coverage details tbody tr`)
        .evaluateAll((rows) =>
          rows.map((r) => Array.from(r.querySelectorAll('th, td'), (c) => c.textContent)),
        )
      expect(coverage).toEqual(
        weeks.map((w) => [w.week, fmtWhole(w.n), fmtPercent(w.latestCoverage), fmtPercent(w.firstCoverage)]),
      )
      // The drift state in words, the same comparison as the nightly check.
      expect(perf.live?.[target].n).toBeGreaterThan(0)
      await expect(page.locator(`#perf-${target}-drift`).textContent()).resolves.toBe(
        driftWords(perf.live, target),
      )
      await expect(page.locator(`#perf-${target}-drift`).textContent()).resolves.toMatch(
        /holdout MAE .*ML_DRIFT_RATIO/,
      )
    }
    // The weekly counts add up to the orders completed.
    expect(weeksOf(perf.weekly, 'days').reduce((n, w) => n + w.n, 0)).toBe(snapped.length)
    await page
      .locator('#performance details')
      .first()
      .evaluate((d) => {
        ;(d as HTMLDetailsElement).open = true
      })
    await expectAccessible(page, 'models performance')
    await page.locator('#performance').scrollIntoViewIfNeeded()
    await screenshot(page, 'models-performance')
    expect(problems).toEqual([])
    await context.close()
  })
})
