import { PassThrough } from 'node:stream'
import { describe, expect, it } from 'vitest'
import { barRects, code128Modules, moduleCount } from '../../src/pdf/barcode.js'
import { orderPdfBuffer, writeOrdersPdf } from '../../src/pdf/render.js'
import { item, order, SHOP } from './fixtures.js'
import { pdfInfo, pdfText } from './poppler.js'

// The renderer alone (src/pdf): plain data in, PDF out, read back with poppler's pdftotext and pdfinfo.
describe('printed orders (src/pdf)', () => {
  it('prints the shop, the number, the customer, every item and the total on US Letter', async () => {
    const pdf = await orderPdfBuffer(order(), SHOP)
    const text = pdfText(pdf)
    for (const expected of [
      'Harbor Awning Care',
      '12 Dock Street',
      '(410) 555-0100',
      'Work order',
      'No. 1042',
      'FIRM RUSH',
      'maria@example.com',
      'Cell: (410) 555-0199',
      'Awning panel 1',
      'Side curtain',
      '$91.00',
      'Total $191.00',
      'Storage: Seasonal',
      'Rack: B-12',
      'Return to: Marina office',
      'Special instructions',
      'Call before delivery.',
      'Approved',
      'Billed',
      'page 1 of 1',
    ])
      expect(text).toContain(expected)
    const info = pdfInfo(pdf)
    expect(info['Page size']).toContain('612 x 792 pts (letter)')
    expect(info.Pages).toBe('1')
  })

  it('prints Núñez and Łukasz as they are (the embedded DejaVu font)', async () => {
    const text = pdfText(await orderPdfBuffer(order(), SHOP))
    expect(text).toContain('María Núñez')
    expect(text).toContain('Łukasz Wójcik')
  })

  it('renders the same order byte-identical (fixed creation date, no random IDs)', async () => {
    const a = await orderPdfBuffer(order(), SHOP)
    const b = await orderPdfBuffer(order(), SHOP)
    expect(a.equals(b)).toBe(true)
    expect(pdfInfo(a).CreationDate).toMatch(/2000/)
  })

  it('continues a 60-item table on the next page with the header repeated and "page N of M"', async () => {
    const items = Array.from({ length: 60 }, (_, i) => item(i + 1))
    const pdf = await orderPdfBuffer(order({ items }), SHOP)
    expect(pdfInfo(pdf).Pages).toBe('2')
    const first = pdfText(pdf, { first: 1, last: 1 })
    const second = pdfText(pdf, { first: 2, last: 2 })
    expect(first).toContain('page 1 of 2')
    expect(second).toContain('page 2 of 2')
    expect(second).toContain('Work order No. 1042 — María Núñez (continued)')
    for (const page of [first, second]) expect(page).toMatch(/Description\s+Material\s+Colour\s+Condition/)
    const all = pdfText(pdf)
    for (let i = 1; i <= 60; i++) expect(all).toMatch(new RegExp(`Awning panel ${i}\\s`))
    expect(second).toContain('Total $6,000.00')
  })

  it('prints several orders in one PDF, each from a new page with its own page count', async () => {
    const out = new PassThrough()
    const chunks: Buffer[] = []
    out.on('data', (c: Buffer) => chunks.push(c))
    const ended = new Promise((resolve) => out.on('end', resolve))
    const orders = ['7', '8', '9'].map((number) => order({ number, marks: [] }))
    await writeOrdersPdf(orders, SHOP, out)
    await ended
    const pdf = Buffer.concat(chunks)
    expect(pdfInfo(pdf).Pages).toBe('3')
    const numbers = [...pdfText(pdf).matchAll(/No\. (\d+)\n/g)].map((m) => m[1])
    expect(numbers).toEqual(['7', '8', '9'])
  })

  it('prints an order without items, prices or address', async () => {
    const bare = order({
      items: [item(1, { unitPrice: null, squareFeet: null, sizeText: '30#' })],
      customer: { name: 'Walk-in', number: null, contact: null, addressLines: [], phones: [], email: null },
      sections: [],
      marks: [],
    })
    const text = pdfText(await orderPdfBuffer(bare, SHOP))
    expect(text).toContain('Walk-in')
    expect(text).toContain('Not priced yet: 1')
    expect(text).toContain('Total $0.00')
  })

  it('encodes the number as Code 128 (start code, checksum and stop bars from bwip-js)', () => {
    const modules = code128Modules('1042')
    // Start C (2,1,1,2,3,2), two digit pairs, checksum, stop (2,3,3,1,1,1,2): 11 modules each, 13 for stop.
    expect(modules.slice(0, 6)).toEqual([2, 1, 1, 2, 3, 2])
    expect(modules.slice(-7)).toEqual([2, 3, 3, 1, 1, 1, 2])
    expect(moduleCount(modules)).toBe(11 * 4 + 13)
    expect(barRects(modules)[0]).toEqual([0, 2])
  })
})
