import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { WorkOrderStatus } from '../../src/models/index.js'
import { seedEmptyDatabase } from '../../src/seed/seed-empty.js'
import { createTestApp } from '../helpers/app.js'

const STATUSES: WorkOrderStatus[] = ['in_progress', 'cleaned', 'treated', 'packaged']

// The board's one grouped statement must show exactly what four list() calls (one per status) show: the
// same cards in the same order, the same counts, for every sort the board offers and with a search.
describe('board columns: one grouped query, the same answer as a list per status', () => {
  let ctx: Awaited<ReturnType<typeof createTestApp>>

  beforeAll(async () => {
    ctx = await createTestApp()
    await seedEmptyDatabase(ctx.app.db, { customers: 60, workOrders: 400, seed: 11 })
  }, 240_000)
  afterAll(() => ctx.close())

  async function perStatus(sort: string, q: string | undefined, pageSize: number) {
    return Promise.all(
      STATUSES.map((status) =>
        ctx.app.workOrdersService.list({ page: 1, pageSize, sort, q, filters: { status } }),
      ),
    )
  }

  const cases: [string, string | undefined][] = [
    ['dateIn', undefined],
    ['sourceName,dateIn', undefined],
    ['-dateIn', undefined],
    ['dateIn', 'a'],
    ['sourceName,dateIn', 'marina'],
  ]
  for (const [sort, q] of cases) {
    it(`sort ${sort}${q ? `, search "${q}"` : ''}`, async () => {
      const pageSize = 2
      const grouped = await ctx.app.workOrdersService.columns({
        statuses: STATUSES,
        perColumn: pageSize,
        sort,
        q,
      })
      const expected = await perStatus(sort, q, pageSize)
      // The fixture must exercise the cut: some column holds more orders than it shows.
      if (!q) expect(expected.some((p) => p.total > pageSize)).toBe(true)
      expect(grouped.map((p) => p.total)).toEqual(expected.map((p) => p.total))
      expect(grouped.map((p) => p.data.map((o) => o.workOrderNo))).toEqual(
        expected.map((p) => p.data.map((o) => o.workOrderNo)),
      )
      expect(grouped[0]?.data[0]).toEqual(expected[0]?.data[0])
    })
  }

  it('a search that matches nothing gives four empty columns', async () => {
    const grouped = await ctx.app.workOrdersService.columns({
      statuses: STATUSES,
      perColumn: 10,
      q: 'zzqx-no-such-text',
    })
    expect(grouped.map((p) => [p.total, p.data.length])).toEqual(STATUSES.map(() => [0, 0]))
  })

  it('refuses a sort the list refuses', async () => {
    await expect(
      ctx.app.workOrdersService.columns({ statuses: STATUSES, perColumn: 10, sort: 'nope' }),
    ).rejects.toMatchObject({ code: 'query.invalid_sort' })
  })
})
