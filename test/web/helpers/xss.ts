import type { Browser, Page } from 'playwright-core'
import { newPage } from './browser.js'

/**
 * Hostile text for any text field a page shows. Each payload would, if a template let it through unescaped,
 * push its tag onto `window.__xss`: as a script element, as an attribute breaking out of its quotes, as an
 * element with an event handler.
 */
export function xssPayloads(tag: string): string[] {
  const hit = `window.__xss.push('${tag}')`
  return [
    `<script>${hit}</script>`,
    `" onmouseover="${hit}" x="`,
    `' onfocus='${hit}' autofocus '`,
    `<img src=x onerror="${hit}">`,
    `</textarea></title><svg onload="${hit}">`,
  ]
}

/** One string holding every payload, for a single text field (keep it under the field's length limit). */
export function xssText(tag: string): string {
  return xssPayloads(tag).join(' ')
}

/**
 * A page whose context ignores our CSP, so that a payload that escaped the templates would actually run:
 * the test then proves the escaping, not the CSP. `window.__xss` is set before any page script.
 */
export async function xssPage(browser: Browser) {
  const opened = await newPage(browser, { bypassCSP: true })
  await opened.context.addInitScript({ content: 'window.__xss = []' })
  return opened
}

/**
 * Fires the events the payloads hook (mouseover, focus on every element), waits for images to fail, then
 * checks nothing ran and no element carries an injected handler or inline script.
 */
export async function expectNoXss(page: Page, label: string) {
  await page.evaluate(`
    for (const el of document.querySelectorAll('body *')) {
      el.dispatchEvent(new MouseEvent('mouseover', { bubbles: true }))
      el.dispatchEvent(new FocusEvent('focus'))
    }
  `)
  await page.waitForLoadState('load')
  await page.waitForTimeout(200) // an injected <img onerror> fires after its failed load
  const found = (await page.evaluate(`({
    ran: window.__xss,
    handlers: [...document.querySelectorAll('*')]
      .filter((el) => [...el.attributes].some((a) => a.name.startsWith('on')))
      .map((el) => el.outerHTML.slice(0, 120)),
    inlineScripts: [...document.querySelectorAll('script:not([src])')].map((s) => s.outerHTML.slice(0, 120)),
  })`)) as { ran: string[]; handlers: string[]; inlineScripts: string[] }
  const problems = [
    ...found.ran.map((tag) => `payload ran: ${tag}`),
    ...found.handlers.map((html) => `element with an event handler: ${html}`),
    ...found.inlineScripts.map((html) => `inline script: ${html}`),
  ]
  if (problems.length > 0) throw new Error(`XSS on ${label}:\n  ${problems.join('\n  ')}`)
}

/** True when the page shows the text literally (as text or as a form field's value): escaped, not dropped. */
export async function showsLiterally(page: Page, text: string): Promise<boolean> {
  return (await page.evaluate(
    `((text) => document.body.innerText.includes(text) ||
      [...document.querySelectorAll('input, textarea')].some((el) => el.value === text))(${JSON.stringify(text)})`,
  )) as boolean
}
