import type { PrintableItem, PrintableOrder, ShopHeader } from '../../src/pdf/printable-order.js'

export const SHOP: ShopHeader = {
  name: 'Harbor Awning Care',
  addressLines: ['12 Dock Street', 'Annapolis, MD 21401'],
  phone: '(410) 555-0100',
}

export function item(i: number, over: Partial<PrintableItem> = {}): PrintableItem {
  return {
    description: `Awning panel ${i}`,
    material: 'Sunbrella',
    color: 'Navy',
    condition: 'Good',
    sizeText: `10'x8'`,
    squareFeet: 80,
    quantity: 1,
    unitPrice: 100,
    ...over,
  }
}

export function order(over: Partial<PrintableOrder> = {}): PrintableOrder {
  return {
    title: 'Work order',
    number: '1042',
    name: 'Dock awnings',
    marks: ['FIRM RUSH'],
    customer: {
      name: 'María Núñez',
      number: '101',
      contact: 'Łukasz Wójcik',
      addressLines: ['1 Bay Road', 'Annapolis, MD 21401'],
      phones: [
        { label: 'Cell', value: '(410) 555-0199' },
        { label: 'Home', value: null },
      ],
      email: 'maria@example.com',
    },
    dates: [
      { label: 'Date in', value: '2026-03-01' },
      { label: 'Required', value: '2026-03-15' },
    ],
    facts: [
      { label: 'Storage', value: 'Seasonal' },
      { label: 'Rack', value: 'B-12' },
      { label: 'Return', value: 'Ship' },
      { label: 'Return to', value: 'Marina office' },
    ],
    items: [item(1), item(2, { description: 'Side curtain', unitPrice: 45.5, quantity: 2 })],
    sections: [{ title: 'Special instructions', text: 'Fold, do not roll.\nCall before delivery.' }],
    signOffs: ['Approved', 'Billed'],
    ...over,
  }
}
