import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createTestApp } from '../helpers/app.js'
import { GOOD_PASSWORD, userWithSession } from '../helpers/auth.js'

/** Regression tests for the inputs of issue 15 that answered 500 or were accepted wrongly. */
describe('hostile input is refused with a 400, never a 500 or a silent change', () => {
  let ctx: Awaited<ReturnType<typeof createTestApp>>
  let admin: Record<string, string>
  let adminName: string
  let sourceId: number
  let source16: number
  let customerId: number
  let orderNo: number
  let itemId: number

  const api = (method: string, url: string, payload?: unknown) =>
    ctx.app.inject({
      method: method as 'GET',
      url,
      headers: admin,
      ...(payload === undefined ? {} : { payload: payload as object }),
    })
  /** Sends the JSON text as written: JSON.stringify would not keep every escape we need to test. */
  const rawJson = (method: string, url: string, json: string) =>
    ctx.app.inject({
      method: method as 'POST',
      url,
      headers: { ...admin, 'content-type': 'application/json' },
      payload: json,
    })
  const expect400 = (
    res: { statusCode: number; json: () => { code: string } },
    code = 'validation_failed',
  ) => {
    expect(res.statusCode).toBe(400)
    expect(res.json().code).toBe(code)
  }

  beforeAll(async () => {
    ctx = await createTestApp({ env: { LOGIN_RATE_LIMIT_PER_MIN: '1000' } })
    const user = await userWithSession(ctx.app, 'admin')
    admin = user.bearer
    adminName = user.user.username
    sourceId = (await api('POST', '/api/sources', { name: 'Harbor Sail Loft', city: 'Annapolis' })).json().id
    // Sources until one has id 16, the id that "0x10" used to reach.
    for (let i = 0; !source16 && i < 40; i++) {
      const made = (await api('POST', '/api/sources', { name: `Loft ${i}` })).json()
      if (made.id === 16) source16 = made.id
    }
    customerId = (
      await api('POST', '/api/customers', { name: 'Crab House', city: 'Annapolis', sourceId })
    ).json().id
    const order = (
      await api('POST', '/api/work-orders', {
        customerId,
        name: 'Patio awnings',
        shipToSourceId: sourceId,
        items: [{ description: 'Awning', sizeText: '10x12', unitPrice: 150 }],
      })
    ).json()
    orderNo = order.workOrderNo
    itemId = order.items[0].id
  }, 120_000)
  afterAll(() => ctx.close())

  describe('a NUL character (item 1)', () => {
    it.each([
      '/api/sources?q=%00',
      '/api/sources?name=a%00b',
      '/api/customers?city=%00',
      '/api/customers?q=Crab%00',
      '/api/work-orders?name=%00',
      '/api/work-orders?q=%00',
      '/api/work-orders/export.csv?q=%00',
      '/api/work-orders/export.csv?customerName=%00',
      '/api/sources/%00',
    ])('in GET %s is a 400 naming the field', async (url) => {
      const res = await api('GET', url)
      expect400(res)
      expect(res.json().message).toMatch(/^(querystring|params)\/\w+ must not contain the NUL character/)
    })

    it('in a JSON body is a 400 naming the field, at any depth', async () => {
      const made = await api('POST', '/api/sources', { name: 'Nul\u0000 Loft' })
      expect400(made)
      expect(made.json().message).toBe('body/name must not contain the NUL character (U+0000)')
      const patched = await api('PATCH', `/api/customers/${customerId}`, { city: 'Annapolis\u0000' })
      expect400(patched)
      const item = await api('POST', '/api/work-orders', {
        customerId,
        items: [{ description: 'Awning', sizeText: '10x12\u0000' }],
      })
      expect400(item)
      expect(item.json().message).toBe('body/items/0/sizeText must not contain the NUL character (U+0000)')
      const itemPatch = await api('PATCH', `/api/work-orders/${orderNo}/items/${itemId}`, { color: '\u0000' })
      expect400(itemPatch)
      expect((await api('GET', `/api/customers/${customerId}`)).json().city).toBe('Annapolis')
    })

    it('in the login username is a 400, not a 500', async () => {
      const res = await ctx.app.inject({
        method: 'POST',
        url: '/auth/login',
        payload: { username: `${adminName}\u0000`, password: GOOD_PASSWORD },
      })
      expect400(res)
    })
  })

  describe('a lone surrogate (item 2): refused, POST and PATCH alike, in every part', () => {
    it.each([
      ['PATCH', 'sources'],
      ['PATCH', 'customers'],
      ['POST', 'sources'],
      ['POST', 'customers'],
    ])('%s /api/%s with "\\ud800" is a 400 and stores nothing', async (method, entity) => {
      const id = entity === 'sources' ? sourceId : customerId
      const url = method === 'PATCH' ? `/api/${entity}/${id}` : `/api/${entity}`
      const res = await rawJson(method, url, '{"name":"Bad \\ud800 Name"}')
      expect400(res)
      expect(res.json().message).toBe('body/name must be well-formed Unicode (a lone surrogate is not text)')
      const list = await api('GET', `/api/${entity}?pageSize=200`)
      expect(
        list
          .json()
          .data.map((r: { name: string }) => r.name)
          .join(),
      ).not.toMatch(/Bad|\ufffd/)
    })

    it('in a work order PATCH, a low surrogate alone or a reversed pair is a 400 too', async () => {
      expect400(await rawJson('PATCH', `/api/work-orders/${orderNo}`, '{"name":"\\udc00"}'))
      expect400(await rawJson('PATCH', `/api/work-orders/${orderNo}`, '{"rackLocation":"\\udbff\\ud800"}'))
      expect((await api('GET', `/api/work-orders/${orderNo}`)).json().name).toBe('Patio awnings')
    })

    it('a proper surrogate pair (an emoji) is text and is stored', async () => {
      const res = await rawJson(
        'PATCH',
        `/api/work-orders/${orderNo}`,
        '{"rackLocation":"Rack \\ud83d\\ude00"}',
      )
      expect(res.statusCode).toBe(200)
      expect(res.json().rackLocation).toBe('Rack 😀')
    })
  })

  describe('impossible dates in list filters (item 3)', () => {
    const filters = [
      'dateIn=2025-02-30',
      'dateRequired=2025-02-29',
      'dateCompleted=2024-02-30..',
      'dateIn=..2023-02-29',
      'dateIn=2024-01-01..2024-04-31',
      'dateIn=0000-01-01',
      'dateIn=2024-13-01',
    ]
    it.each(filters)('/api/work-orders?%s is a 400 query.invalid_filter', async (filter) => {
      expect400(await api('GET', `/api/work-orders?${filter}`), 'query.invalid_filter')
    })
    it.each(filters)('/api/work-orders/export.csv?%s is the same 400', async (filter) => {
      expect400(await api('GET', `/api/work-orders/export.csv?${filter}`), 'query.invalid_filter')
    })
    it('a leap day that exists is a valid filter', async () => {
      expect((await api('GET', '/api/work-orders?dateIn=2024-02-29..2028-02-29')).statusCode).toBe(200)
    })
  })

  describe('decimals and out-of-range numbers in integer filters (item 4)', () => {
    it.each([
      '/api/work-orders?workOrderNo=1.5',
      '/api/work-orders?workOrderNo=1.5-2',
      '/api/work-orders?workOrderNo=2147483648',
      '/api/work-orders?customerId=1.5',
      '/api/work-orders?customerId=1e3',
      '/api/customers?customerNo=1.5',
      '/api/customers?sourceId=1.5',
      '/api/customers?sourceId=0x10',
      '/api/work-orders/export.csv?workOrderNo=1.5',
      '/api/work-orders/export.csv?customerId=99999999999',
    ])('%s is a 400 query.invalid_filter', async (url) => {
      expect400(await api('GET', url), 'query.invalid_filter')
    })
    it('whole numbers and ranges still filter', async () => {
      const res = await api(
        'GET',
        `/api/work-orders?workOrderNo=${orderNo}-${orderNo + 5}&customerId=${customerId}`,
      )
      expect(res.json().total).toBe(1)
    })
  })

  it('PATCH /api/users/2147483648 is a 400 from the schema, not a database error (item 5)', async () => {
    expect400(await api('PATCH', '/api/users/2147483648', { active: false }))
  })

  describe('path and query integers are plain decimal digits (item 7)', () => {
    it('DELETE /api/sources/0x10 is a 400 and source 16 is still there', async () => {
      expect(source16).toBe(16)
      expect400(await api('DELETE', '/api/sources/0x10'))
      expect((await api('GET', '/api/sources/16')).statusCode).toBe(200)
    })

    it.each(['1e3', '1.5', '%201', '+1', '1%20', '0b1', '1_0', 'Infinity'])(
      'DELETE /api/work-orders/%s is a 400 and the order stays',
      async (no) => {
        expect400(await api('DELETE', `/api/work-orders/${no}`))
        expect((await api('GET', `/api/work-orders/${orderNo}`)).statusCode).toBe(200)
      },
    )

    it.each(['page=0x2', 'page=1e1', 'pageSize=%2B5', 'pageSize=5.0', 'page=%201'])(
      'GET /api/sources?%s is a 400',
      async (query) => {
        expect400(await api('GET', `/api/sources?${query}`))
      },
    )

    it('plain digits still work, leading zeros included', async () => {
      expect((await api('GET', `/api/sources/0${sourceId}`)).json().id).toBe(sourceId)
      expect((await api('GET', '/api/sources?page=2&pageSize=5')).json()).toMatchObject({
        page: 2,
        pageSize: 5,
      })
    })
  })

  it('deleting a source that customers still use is a 409, not a 500 (found by the fuzz walk)', async () => {
    const res = await api('DELETE', `/api/sources/${sourceId}`)
    expect(res.statusCode).toBe(409)
    expect(res.json().code).toBe('source.in_use')
  })

  describe('JSON bodies are not coerced (item 8)', () => {
    it.each([0, '', '1', 1.5])(
      'a customer PATCH with sourceId %j is a 400 and the link is kept',
      async (value) => {
        expect400(await api('PATCH', `/api/customers/${customerId}`, { sourceId: value }))
        expect((await api('GET', `/api/customers/${customerId}`)).json().sourceId).toBe(sourceId)
      },
    )

    it('a work order PATCH with shipToSourceId 0 is a 400 and the link is kept', async () => {
      expect400(await api('PATCH', `/api/work-orders/${orderNo}`, { shipToSourceId: 0 }))
      expect((await api('GET', `/api/work-orders/${orderNo}`)).json().shipToSourceId).toBe(sourceId)
    })

    it('a number where the schema wants a string is a 400, not stored as text', async () => {
      expect400(await api('POST', '/api/sources', { name: 12345 }))
      expect400(await api('PATCH', `/api/customers/${customerId}`, { name: 12345 }))
      expect((await api('GET', '/api/sources?name=12345')).json().total).toBe(0)
    })

    it.each([
      { rush: 'true' },
      { rush: 1 },
      { name: false },
      { rackLocation: ['A1'] },
      { dateRequired: '2025-02-29' },
      { dateRequired: '0000-01-01' },
    ])('a work order PATCH with %j is a 400', async (body) => {
      expect400(await api('PATCH', `/api/work-orders/${orderNo}`, body))
    })

    it('a string where the schema wants a number is a 400 (item quantity "2")', async () => {
      expect400(await api('PATCH', `/api/work-orders/${orderNo}/items/${itemId}`, { quantity: '2' }))
    })

    it('null clears a nullable link, and only null does', async () => {
      const res = await api('PATCH', `/api/customers/${customerId}`, { sourceId: null })
      expect(res.statusCode).toBe(200)
      expect(res.json().sourceId).toBeNull()
      expect((await api('PATCH', `/api/customers/${customerId}`, { sourceId })).json().sourceId).toBe(
        sourceId,
      )
    })
  })
})
