import { describe, expect, it } from 'vitest'
import { escapeHtml, headerSafe, readyMessage, reminderMessage } from '../../src/domain/mail-messages.js'

const shop = { name: 'Harbor <Awning> & Co', address: '12 Quay St', phone: '555-0100' }
const url = 'https://shop.example.com/unsubscribe/c1.abc?x=1&y=2'
const facts = {
  customerName: '<script>alert(1)</script> "Ann" & Bo',
  workOrderNo: 42,
  orderName: '<img src=x onerror=alert(1)>',
  returnStatus: null,
  returnTo: null,
  finalLocation: null,
}

describe('the messages to customers', () => {
  it('escape every piece of customer data in the HTML part, and keep it as typed in the text part', () => {
    const m = readyMessage(facts, shop, url)
    expect(m.html).not.toMatch(/<script|<img/)
    expect(m.html).toContain('&lt;script&gt;alert(1)&lt;/script&gt; &quot;Ann&quot; &amp; Bo')
    expect(m.html).toContain('Harbor &lt;Awning&gt; &amp; Co')
    expect(m.html).toContain('href="https://shop.example.com/unsubscribe/c1.abc?x=1&amp;y=2"')
    expect(m.text).toContain('Dear <script>alert(1)</script> "Ann" & Bo,')
    expect(m.text).toContain(url)
  })

  it('say what happens next by return status', () => {
    const by = (returnStatus: 'ship' | 'rehang' | 'deliver' | 'pickup' | 'unknown' | null) =>
      readyMessage({ ...facts, returnStatus, returnTo: 'North Loft' }, shop, url)
    expect(by('pickup').subject).toBe('Your order 42 is ready for pickup')
    expect(by(null).subject).toBe('Your order 42 is ready for pickup')
    expect(by('unknown').text).toContain('ready for pickup at 12 Quay St')
    expect(by('ship').subject).toBe('Your order 42 is ready to ship')
    expect(by('ship').text).toContain('ship it to North Loft')
    expect(by('rehang').subject).toBe('Your order 42 is ready to re-hang')
    expect(by('deliver').subject).toBe('Your order 42 is ready for delivery')
  })

  it('keep line breaks and control characters out of the subject (no header injection)', () => {
    const m = reminderMessage(
      { customerName: 'x', lastCompleted: '2025-12-01' },
      { ...shop, name: 'A\r\nBcc: evil@x.com' },
      url,
    )
    expect(m.subject).not.toMatch(/[\r\n]/)
    expect(headerSafe('a\u0000b\nc')).toBe('a b c')
  })

  it('escapeHtml covers the five characters that matter', () => {
    expect(escapeHtml(`<>&"'`)).toBe('&lt;&gt;&amp;&quot;&#39;')
  })
})
