import type { OrderFacts } from '../../src/ml/features.js'

/** A plain order (one 8x10 Sunbrella awning, no rush), with the given fields changed. */
export const facts = (over: Partial<OrderFacts> = {}): OrderFacts => ({
  dateIn: '2026-03-02',
  dateRequired: null,
  rush: false,
  firmRush: false,
  repairsNeeded: false,
  isCushion: false,
  storageTime: null,
  specialInstructions: null,
  items: [{ description: 'Awning', material: 'Sunbrella', quantity: 2, squareFeet: 80, sizeText: '8x10' }],
  ...over,
})
