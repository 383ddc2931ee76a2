import { describe, expect, it, vi } from 'vitest'
import type { ModelJson } from '../../src/ml/models/index.js'
import { type OrderRecord, train } from '../../src/ml/train.js'
import { facts } from './fixtures.js'

// The boosted library failing (as ml-xgboost did here) must not cost the shop its nightly model.
vi.mock('../../src/ml/models/boosted.js', () => ({
  BoostedModel: {
    fit: () => {
      throw new Error('out of memory in the tree library')
    },
    load: () => {
      throw new Error('unreachable')
    },
  },
}))

describe('when the boosted model cannot be fitted', () => {
  const records: OrderRecord[] = Array.from({ length: 60 }, (_, i) => ({
    id: i + 1,
    customerId: 1,
    sourceId: null,
    status: 'completed',
    dateCompleted: new Date(Date.UTC(2026, 0, 5 + i + (i % 7))).toISOString().slice(0, 10),
    price: 50 + i * 3,
    facts: facts({
      dateIn: new Date(Date.UTC(2026, 0, 1 + i)).toISOString().slice(0, 10),
      items: [{ description: 'Awning', material: 'vinyl', quantity: 1, squareFeet: 20 + i, sizeText: null }],
    }),
  }))

  it('auto keeps the linear model and records the failure', () => {
    const result = train(records, 'auto')
    expect(result.targets.days.algorithm).toBe('linear')
    expect(result.targets.days.failed).toEqual([
      { algorithm: 'boosted', transform: 'log1p', error: 'out of memory in the tree library' },
      { algorithm: 'boosted', transform: 'identity', error: 'out of memory in the tree library' },
    ])
  })

  it('boosted alone falls back to linear rather than failing the run', () => {
    const result = train(records, 'boosted')
    expect(result.targets.price.algorithm).toBe('linear')
    expect((result.targets.price.model as ModelJson).model.algorithm).toBe('linear')
  })
})
