import type { ReturnStatus } from '../models/work-orders.js'

/**
 * The words of the shop's two messages, as plain text and escaped HTML (customer and order names come
 * from messy legacy data and are never trusted as markup). Pure: the outbox stores what this returns.
 */

export interface ShopIdentity {
  name: string
  address: string | undefined
  phone: string | undefined
}

export interface ComposedMessage {
  subject: string
  text: string
  html: string
}

export interface ReadyFacts {
  customerName: string
  workOrderNo: number
  orderName: string | null
  returnStatus: ReturnStatus | null
  /** Where a shipped order goes: the ship-to source's name or the order's "return to" text. */
  returnTo: string | null
  finalLocation: string | null
}

export interface ReminderFacts {
  customerName: string
  /** The shop-local date of the customer's latest completed order, YYYY-MM-DD. */
  lastCompleted: string
}

const ENTITIES: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
}

export function escapeHtml(value: string): string {
  return value.replace(/[&<>"']/g, (c) => ENTITIES[c] ?? c)
}

/** Control characters and line breaks out of a header value (a name could otherwise add headers). */
export function headerSafe(value: string): string {
  // biome-ignore lint/suspicious/noControlCharactersInRegex: removing control characters is the point
  return value.replace(/[\u0000-\u001f\u007f]+/g, ' ').trim()
}

function orderLabel(facts: ReadyFacts): string {
  const name = facts.orderName?.trim()
  return name ? `work order ${facts.workOrderNo} (${name})` : `work order ${facts.workOrderNo}`
}

/** What the customer is told to expect: collection, shipping, delivery or re-hanging. */
export function readyWording(facts: ReadyFacts, shop: ShopIdentity): { subject: string; lines: string[] } {
  const order = orderLabel(facts)
  switch (facts.returnStatus) {
    case 'ship':
      return {
        subject: `Your order ${facts.workOrderNo} is ready to ship`,
        lines: [
          `Your ${order} is clean and ready. We will ship it${facts.returnTo ? ` to ${facts.returnTo}` : ''} and let you know when it is on its way.`,
        ],
      }
    case 'rehang':
      return {
        subject: `Your order ${facts.workOrderNo} is ready to re-hang`,
        lines: [
          `Your ${order} is clean and ready to go back up. We will call you to arrange a day to re-hang it.`,
        ],
      }
    case 'deliver':
      return {
        subject: `Your order ${facts.workOrderNo} is ready for delivery`,
        lines: [`Your ${order} is clean and ready. We will contact you to arrange the delivery.`],
      }
    default:
      return {
        subject: `Your order ${facts.workOrderNo} is ready for pickup`,
        lines: [
          `Your ${order} is clean and ready for pickup${shop.address ? ` at ${shop.address}` : ''}.`,
          ...(facts.finalLocation ? [`Please mention shelf ${facts.finalLocation} at the counter.`] : []),
        ],
      }
  }
}

function signature(shop: ShopIdentity): string[] {
  return [shop.name, ...(shop.address ? [shop.address] : []), ...(shop.phone ? [shop.phone] : [])]
}

/** Both parts from one list of paragraphs, with the unsubscribe link at the foot of each. */
function compose(
  subject: string,
  greetingName: string,
  paragraphs: string[],
  shop: ShopIdentity,
  unsubscribeUrl: string,
): ComposedMessage {
  const greeting = `Dear ${greetingName.trim() || 'customer'},`
  const sign = signature(shop)
  const foot = `To stop receiving these e-mails, open ${unsubscribeUrl}`
  const text = [greeting, '', ...paragraphs.flatMap((p) => [p, '']), 'Thank you,', ...sign, '', '--', foot]
    .join('\n')
    .concat('\n')
  const para = (p: string) => `<p>${escapeHtml(p)}</p>`
  const html = [
    '<!DOCTYPE html>',
    `<html><head><meta charset="utf-8"><title>${escapeHtml(subject)}</title></head><body>`,
    para(greeting),
    ...paragraphs.map(para),
    `<p>Thank you,<br>${sign.map(escapeHtml).join('<br>')}</p>`,
    `<hr><p><small>Don't want these e-mails? <a href="${escapeHtml(unsubscribeUrl)}">Unsubscribe</a>.</small></p>`,
    '</body></html>',
  ].join('\n')
  return { subject: headerSafe(subject), text, html }
}

export function readyMessage(facts: ReadyFacts, shop: ShopIdentity, unsubscribeUrl: string): ComposedMessage {
  const { subject, lines } = readyWording(facts, shop)
  const call = shop.phone ? [`Questions? Call us at ${shop.phone}.`] : []
  return compose(subject, facts.customerName, [...lines, ...call], shop, unsubscribeUrl)
}

export function reminderMessage(
  facts: ReminderFacts,
  shop: ShopIdentity,
  unsubscribeUrl: string,
): ComposedMessage {
  const subject = `Time for your annual cleaning at ${shop.name}`
  const paragraphs = [
    `It has been almost a year since we last cleaned your awnings and covers (${facts.lastCompleted}).`,
    'A yearly cleaning and treatment keeps the fabric strong and the colour bright. Bring them in, or reply to this e-mail to arrange a pickup.',
    ...(shop.phone ? [`You can also call us at ${shop.phone}.`] : []),
  ]
  return compose(subject, facts.customerName, paragraphs, shop, unsubscribeUrl)
}
