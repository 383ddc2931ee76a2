import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import {
  allowedNextStatuses,
  planTransition,
  type TransitionInput,
} from '../../src/domain/work-order-status.js'
import { workOrderStatus } from '../../src/models/work-orders.js'

const noDates = { dateCleaned: null, dateTreated: null, datePackaged: null, dateCompleted: null }
const base: TransitionInput = {
  from: 'received',
  to: 'queued',
  role: 'staff',
  quoteStatus: null,
  today: '2026-11-26',
  dates: noDates,
}

describe('work order status transitions', () => {
  it('walk the whole shop path, stamping each date once', () => {
    const path = ['received', 'queued', 'in_progress', 'cleaned', 'treated', 'packaged', 'completed'] as const
    for (let i = 1; i < path.length; i++) {
      const result = planTransition({
        ...base,
        from: path[i - 1] as never,
        to: path[i] as never,
        role: 'manager',
      })
      expect(result.ok, `${path[i - 1]} → ${path[i]}`).toBe(true)
    }
    expect(planTransition({ ...base, from: 'queued', to: 'cleaned' })).toEqual({
      ok: true,
      set: { dateCleaned: '2026-11-26' },
    })
    expect(planTransition({ ...base, from: 'cleaned', to: 'treated' })).toEqual({
      ok: true,
      set: { dateTreated: '2026-11-26' },
    })
  })

  it('keep a date already recorded', () => {
    const result = planTransition({
      ...base,
      from: 'queued',
      to: 'cleaned',
      dates: { ...noDates, dateCleaned: '2026-11-20' },
    })
    expect(result).toEqual({ ok: true, set: {} })
  })

  it('refuse treating before cleaning', () => {
    const result = planTransition({ ...base, from: 'queued', to: 'treated' })
    expect(result).toMatchObject({ ok: false, code: 'work_order.invalid_transition' })
  })

  it('refuse any change to a completed order', () => {
    for (const to of workOrderStatus.enumValues) {
      expect(planTransition({ ...base, from: 'completed', to, role: 'admin' }).ok).toBe(false)
    }
  })

  it('keep a staff member from completing, cancelling or reopening', () => {
    expect(planTransition({ ...base, from: 'packaged', to: 'completed' })).toMatchObject({
      ok: false,
      code: 'auth.forbidden',
    })
    expect(planTransition({ ...base, from: 'queued', to: 'cancelled' })).toMatchObject({
      ok: false,
      code: 'auth.forbidden',
    })
    expect(planTransition({ ...base, from: 'packaged', to: 'completed', role: 'manager' }).ok).toBe(true)
  })

  it('let only approved (or unquoted) orders into the queue', () => {
    expect(planTransition({ ...base, quoteStatus: 'pending' })).toMatchObject({
      code: 'work_order.quote_not_approved',
    })
    expect(planTransition({ ...base, quoteStatus: 'declined' })).toMatchObject({
      code: 'work_order.quote_not_approved',
    })
    expect(planTransition({ ...base, quoteStatus: 'approved' }).ok).toBe(true)
    expect(planTransition({ ...base, quoteStatus: null }).ok).toBe(true)
  })

  it('reopen a cancelled order as received', () => {
    expect(planTransition({ ...base, from: 'cancelled', to: 'received', role: 'manager' }).ok).toBe(true)
  })

  it('agree with allowedNextStatuses for every pair and role, and never throw', () => {
    const status = fc.constantFrom(...workOrderStatus.enumValues)
    const role = fc.constantFrom('admin', 'manager', 'staff' as const)
    const quote = fc.constantFrom(null, 'pending', 'approved', 'declined' as const)
    fc.assert(
      fc.property(status, status, role, quote, (from, to, r, q) => {
        const result = planTransition({ ...base, from, to, role: r, quoteStatus: q })
        if (result.ok) expect(allowedNextStatuses(from)).toContain(to)
        if (!allowedNextStatuses(from).includes(to)) expect(result.ok).toBe(false)
      }),
    )
  })
})
