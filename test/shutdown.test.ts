import type { AddressInfo } from 'node:net'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createTestApp } from './helpers/app.js'

describe('graceful shutdown', () => {
  let ctx: Awaited<ReturnType<typeof createTestApp>>
  let base: string
  // Close starts only once the slow request is in its handler: a fixed pause raced with a busy machine.
  let arrived: () => void = () => {}
  const slowArrived = new Promise<void>((resolve) => {
    arrived = resolve
  })
  beforeAll(async () => {
    ctx = await createTestApp()
    ctx.app.get('/slow', { config: { access: 'public' } }, async () => {
      arrived()
      await new Promise((r) => setTimeout(r, 600))
      return { finished: true }
    })
    await ctx.app.listen({ port: 0, host: '127.0.0.1' })
    base = `http://127.0.0.1:${(ctx.app.server.address() as AddressInfo).port}`
  })
  afterAll(() => ctx.close())

  it('lets in-flight requests finish and turns new ones away', async () => {
    const inFlight = fetch(`${base}/slow`)
    await slowArrived
    const closing = ctx.app.close()
    const late = await fetch(`${base}/health`).then(
      (r) => r.status,
      () => 'refused',
    )
    expect([503, 'refused']).toContain(late)
    const res = await inFlight
    expect(res.status).toBe(200)
    expect(await res.json()).toEqual({ finished: true })
    await closing
  })
})
