import path from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { runTs } from '../helpers/cli.js'
import { tempDir } from '../helpers/database.js'
import { freePort } from '../helpers/net.js'
import { type ServerProcess, startServer, waitForHealth } from '../helpers/server-process.js'
import { samples } from './samples.js'

// Issue 15, item 15: after one upload refused with 413, SIGTERM waited for the grace timeout and the
// database was never closed. Real process, real HTTP, real signal.
describe('the server process after a refused upload', () => {
  let server: ServerProcess | undefined
  afterAll(() => {
    server?.child.kill('SIGKILL')
  })

  it('exits 0 on SIGTERM and closes the database after an oversize upload got 413', async () => {
    const dataDir = tempDir()
    // Migrated beforehand, so the server's own start is a second start (the first one is slow on a busy machine).
    expect((await runTs('src/cli/db.ts', ['prod', 'upgrade', 'head'], { DATA_DIR: dataDir })).code).toBe(0)
    const port = await freePort()
    server = startServer({ PORT: String(port), DATA_DIR: dataDir, DEMO: 'true', LOG_LEVEL: 'info' })
    expect((await waitForHealth(server, port)).status).toBe(200)
    // Issue 15, item 16: the startup line says where the generated key came from.
    expect(server.output()).toContain(`"SECRET_KEY":"from ${path.join(dataDir, 'secret-key')} (generated)"`)
    const base = `http://127.0.0.1:${port}`
    // DEMO=1 creates an admin on the empty database and prints its password once.
    let password: string | undefined
    while (!password) {
      password = /Password: (\S+)/.exec(server.output())?.[1]
      if (!password) await new Promise((r) => setTimeout(r, 100))
    }
    const login = await fetch(`${base}/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username: 'admin', password }),
    })
    const auth = { authorization: `Bearer ${((await login.json()) as { token: string }).token}` }
    const post = (url: string, body: unknown) =>
      fetch(`${base}${url}`, {
        method: 'POST',
        headers: { ...auth, 'content-type': 'application/json' },
        body: JSON.stringify(body),
      }).then((r) => r.json() as Promise<{ id: number; workOrderNo: number }>)
    const customer = await post('/api/customers', { name: 'Upload Shutdown' })
    const order = await post('/api/work-orders', { customerId: customer.id })

    const form = new FormData()
    form.append('file', new Blob([samples.pdf(11 * 1024 * 1024)]), 'scan.pdf')
    // The server answers 413 as soon as the part passes the limit and closes the connection; a client still
    // sending the rest of the 11 MB then sees either that 413 or a broken pipe, by timing alone (a busy machine
    // gave EPIPE). Either way the server's request log has the 413, which is what the server did.
    try {
      const upload = await fetch(`${base}/api/work-orders/${order.workOrderNo}/files`, {
        method: 'POST',
        headers: auth,
        body: form,
      })
      expect(upload.status).toBe(413)
      expect(((await upload.json()) as { code: string }).code).toBe('file.too_large')
    } catch (err) {
      expect(['EPIPE', 'ECONNRESET']).toContain((err as { cause?: { code?: string } }).cause?.code)
    }
    for (let i = 0; i < 300 && !server.output().includes('"statusCode":413'); i++)
      await new Promise((r) => setTimeout(r, 100))
    expect(server.output()).toContain('"statusCode":413')

    server.child.kill('SIGTERM')
    expect(await server.exited).toBe(0)
    expect(server.output()).toContain('database closed')
    expect(server.output()).not.toContain('killed by timeout')
  }, 180_000)
})
