import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { addDays, compareTier, isDueSoon, mergeQueue, type QueueKey } from '../../src/domain/queue.js'

const order = (workOrderNo: number, fields: Partial<QueueKey> = {}): QueueKey => ({
  workOrderNo,
  firmRush: false,
  rush: false,
  dateIn: '2026-03-01',
  dateRequired: null,
  queuePosition: null,
  ...fields,
})
const nos = (orders: QueueKey[]) => orders.map((o) => o.workOrderNo)

describe('the tier order', () => {
  it('puts firm rush first by date required (none last), then rush, then regular, each by date in', () => {
    const orders = [
      order(1, { dateIn: '2026-01-01' }),
      order(2, { rush: true, dateIn: '2026-02-02' }),
      order(3, { firmRush: true, dateRequired: null, dateIn: '2026-01-01' }),
      order(4, { firmRush: true, dateRequired: '2026-04-10', dateIn: '2026-03-01' }),
      order(5, { rush: true, dateIn: '2026-02-01', dateRequired: '2026-02-03' }),
      order(6, { firmRush: true, dateRequired: '2026-04-10', dateIn: '2026-02-01' }),
      order(7, { firmRush: true, dateRequired: '2026-04-01', dateIn: '2026-03-05' }),
      order(8, { dateIn: '2025-12-31' }),
    ]
    expect(nos(mergeQueue(orders))).toEqual([7, 6, 4, 3, 5, 2, 8, 1])
  })

  it('treats a firm rush order as firm rush whether or not it is also flagged rush', () => {
    expect(
      compareTier(order(2, { firmRush: true, rush: true }), order(1, { firmRush: true })),
    ).toBeGreaterThan(0)
    expect(compareTier(order(9, { firmRush: true }), order(1, { rush: true }))).toBeLessThan(0)
  })

  it('breaks a tie on dates with the work order number', () => {
    expect(nos(mergeQueue([order(12), order(10), order(11)]))).toEqual([10, 11, 12])
  })
})

describe('merging the manual order with new arrivals', () => {
  it('keeps a fully positioned queue exactly in its manual order', () => {
    const orders = [
      order(1, { queuePosition: 2 }),
      order(2, { firmRush: true, queuePosition: 3 }),
      order(3, { queuePosition: 1 }),
    ]
    expect(nos(mergeQueue(orders))).toEqual([3, 1, 2])
  })

  it('places a new firm rush order before the first positioned order the tier rule puts after it', () => {
    const manual = [
      order(1, { rush: true, queuePosition: 3 }),
      order(2, { queuePosition: 1 }),
      order(3, { queuePosition: 2 }),
    ]
    const arrival = order(4, { firmRush: true, dateRequired: '2026-03-10' })
    expect(nos(mergeQueue([...manual, arrival]))).toEqual([4, 2, 3, 1])
  })

  it('places a new regular order before the first manual order that came in after it, or last if none did', () => {
    const manual = [
      order(1, { dateIn: '2026-01-01', queuePosition: 2 }),
      order(2, { dateIn: '2026-01-05', queuePosition: 1 }),
      order(3, { rush: true, queuePosition: 3 }),
    ]
    const arrival = order(4, { dateIn: '2026-01-03' })
    // Tier puts #4 before #2 only; #2 is first in manual order, so #4 leads.
    expect(nos(mergeQueue([...manual, arrival]))).toEqual([4, 2, 1, 3])
    const late = order(5, { dateIn: '2026-06-01' })
    expect(nos(mergeQueue([...manual, late]))).toEqual([2, 1, 3, 5])
  })

  it('keeps arrivals that share a slot in tier order', () => {
    const manual = [order(1, { dateIn: '2026-05-01', queuePosition: 1 })]
    const arrivals = [order(3, { rush: true }), order(2, { firmRush: true })]
    expect(nos(mergeQueue([...manual, ...arrivals]))).toEqual([2, 3, 1])
  })

  it('tolerates gaps left by orders that left the queue', () => {
    const orders = [order(1, { queuePosition: 5 }), order(2, { queuePosition: 2 }), order(3)]
    expect(nos(mergeQueue(orders))).toEqual([2, 1, 3])
  })

  it('returns an empty queue for no orders', () => {
    expect(mergeQueue([])).toEqual([])
  })
})

describe('due soon', () => {
  it('flags rush orders required within the window, overdue included, and never regular ones', () => {
    const today = '2026-03-10'
    expect(isDueSoon({ rush: true, firmRush: false, dateRequired: '2026-03-17' }, today, 7)).toBe(true)
    expect(isDueSoon({ rush: true, firmRush: false, dateRequired: '2026-03-18' }, today, 7)).toBe(false)
    expect(isDueSoon({ rush: false, firmRush: true, dateRequired: '2026-03-01' }, today, 7)).toBe(true)
    expect(isDueSoon({ rush: false, firmRush: false, dateRequired: '2026-03-11' }, today, 7)).toBe(false)
    expect(isDueSoon({ rush: true, firmRush: false, dateRequired: null }, today, 7)).toBe(false)
    expect(isDueSoon({ rush: true, firmRush: false, dateRequired: today }, today, 0)).toBe(true)
  })

  it('adds days across month and year ends', () => {
    expect(addDays('2026-02-27', 2)).toBe('2026-03-01')
    expect(addDays('2024-02-28', 1)).toBe('2024-02-29')
    expect(addDays('2026-12-31', 1)).toBe('2027-01-01')
  })
})

describe('mergeQueue properties', () => {
  const day = fc
    .date({
      min: new Date('2025-01-01T00:00:00Z'),
      max: new Date('2025-03-01T00:00:00Z'),
      noInvalidDate: true,
    })
    .map((d) => d.toISOString().slice(0, 10))
  const queue = (positions: fc.Arbitrary<number | null>) =>
    fc.uniqueArray(fc.integer({ min: 1, max: 10_000 }), { maxLength: 40 }).chain((numbers) =>
      fc.tuple(
        ...numbers.map((workOrderNo) =>
          fc.record({
            workOrderNo: fc.constant(workOrderNo),
            firmRush: fc.boolean(),
            rush: fc.boolean(),
            dateIn: day,
            dateRequired: fc.option(day),
            queuePosition: positions,
          }),
        ),
      ),
    )
  const anyQueue = queue(fc.option(fc.integer({ min: 1, max: 60 }), { freq: 2 }))
  const manualRank = (o: QueueKey) => o.queuePosition as number

  it('outputs a permutation of its input', () => {
    fc.assert(
      fc.property(anyQueue, (orders) => {
        const merged = mergeQueue(orders)
        expect([...merged].sort(compareTier)).toEqual([...orders].sort(compareTier))
      }),
    )
  })

  it('is exactly the tier order when nothing is positioned', () => {
    fc.assert(
      fc.property(queue(fc.constant(null)), (orders) => {
        expect(mergeQueue(orders)).toEqual([...orders].sort(compareTier))
      }),
    )
  })

  it('always preserves the positioned orders’ relative order', () => {
    fc.assert(
      fc.property(anyQueue, (orders) => {
        const positioned = mergeQueue(orders).filter((o) => o.queuePosition !== null)
        for (let i = 1; i < positioned.length; i++)
          expect(manualRank(positioned[i - 1] as QueueKey)).toBeLessThanOrEqual(
            manualRank(positioned[i] as QueueKey),
          )
      }),
    )
  })

  it('puts each arrival just before the first positioned order the tier rule puts after it', () => {
    fc.assert(
      fc.property(anyQueue, (orders) => {
        const merged = mergeQueue(orders)
        const manual = merged.filter((o) => o.queuePosition !== null)
        merged.forEach((o, i) => {
          if (o.queuePosition !== null) return
          const expected = manual.find((p) => compareTier(o, p) < 0)
          const next = merged.slice(i + 1).find((p) => p.queuePosition !== null)
          expect(next).toBe(expected)
        })
        const arrivals = merged.filter((o) => o.queuePosition === null)
        expect(arrivals).toEqual([...arrivals].sort(compareTier))
      }),
    )
  })
})
