import { readFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import type { Page } from 'playwright-core'

const AXE_SOURCE = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8')

export interface AxeProblem {
  id: string
  impact: string
  help: string
  targets: string[]
}

/**
 * Runs axe-core on the page as it is now and returns its serious and critical violations. The script goes in
 * through DevTools evaluation, which our CSP (script-src 'self') does not govern, so the page's policy stays on.
 */
export async function seriousAxeViolations(page: Page): Promise<AxeProblem[]> {
  await page.evaluate(AXE_SOURCE)
  const violations = (await page.evaluate(`
    axe.run(document, { resultTypes: ['violations'] }).then((result) =>
      result.violations.map((v) => ({
        id: v.id,
        impact: v.impact,
        help: v.help,
        targets: v.nodes.slice(0, 5).map((n) => n.target.join(' ')),
      })),
    )
  `)) as AxeProblem[]
  return violations.filter((v) => v.impact === 'serious' || v.impact === 'critical')
}

/** Fails with a readable list when axe finds a serious or critical violation. */
export async function expectAccessible(page: Page, label: string) {
  const problems = await seriousAxeViolations(page)
  if (problems.length > 0) {
    const lines = problems.map((p) => `  ${p.impact} ${p.id}: ${p.help} at ${p.targets.join(', ')}`)
    throw new Error(`axe found serious/critical problems on ${label}:\n${lines.join('\n')}`)
  }
}
