import type { ChildProcess } from 'node:child_process'
import { afterAll, describe, expect, it } from 'vitest'
import { runTs } from './helpers/cli.js'
import { embeddedDataDir, tempDir } from './helpers/database.js'
import { freePort } from './helpers/net.js'
import { startServer, waitForHealth } from './helpers/server-process.js'

// Real processes (tsx, PGlite) on a shared machine: generous, per test.
describe('the server process on the embedded database', { timeout: 240_000 }, () => {
  const children: ChildProcess[] = []
  afterAll(() => {
    for (const c of children) c.kill('SIGKILL')
  })

  // A real process on a shared machine: generous, as the whole suite's timeouts are not.
  it('starts migrated, answers /health 200, refuses a second process on its DATA_DIR, and exits cleanly on SIGTERM', {
    timeout: 240_000,
  }, async () => {
    // An initialized, unmigrated cluster: the first-start initdb itself is covered in test/db/startup.test.ts.
    const dataDir = embeddedDataDir()
    const port = await freePort()
    const server = startServer({ PORT: String(port), DATA_DIR: dataDir, LOG_LEVEL: 'info' })
    children.push(server.child)

    const res = await waitForHealth(server, port)
    expect(res.status).toBe(200)
    expect(await res.json()).toMatchObject({ status: 'healthy', database: 'connected' })
    expect(server.output()).toContain(`/docs`)
    // Progress while it migrates, before the app is built.
    expect(server.output()).toMatch(/"msg":"applying \d+ migrations…"/)
    // The startup line: version and a config summary, secrets as set/unset only.
    const startLine = server
      .output()
      .split('\n')
      .filter((l) => l.startsWith('{'))
      .map((l) => JSON.parse(l) as { msg: string; version?: string; config?: Record<string, unknown> })
      .find((l) => l.msg === 'service started')
    expect(startLine?.version).toMatch(/^\d+\.\d+\.\d+/)
    expect(startLine?.config).toMatchObject({ database: { kind: 'embedded' }, storage: { kind: 'local' } })
    expect(startLine?.config?.secrets).toMatchObject({ CRON_SECRET: 'unset' })

    const second = startServer({ PORT: String(await freePort()), DATA_DIR: dataDir })
    children.push(second.child)
    expect(await second.exited).not.toBe(0)
    expect(second.output()).toMatch(/in use by another process/)

    // Exit code 0 is the bound: close-with-grace exits 1 when closing outlasts SHUTDOWN_GRACE_MS.
    server.child.kill('SIGTERM')
    expect(await server.exited).toBe(0)
    expect(server.output()).toContain('shutting down')

    // The lock was released: the db command can open the same directory now.
    const current = await runTs('src/cli/db.ts', ['prod', 'current'], { DATA_DIR: dataDir })
    expect(current.stdout).toMatch(/current: \S+ \(head\)/)
  })

  it('fails fast naming the bad variable', async () => {
    const server = startServer({ PORT: 'not-a-port', DATA_DIR: tempDir() })
    children.push(server.child)
    expect(await server.exited).toBe(78)
    expect(server.output()).toMatch(/PORT/)
  })
})
