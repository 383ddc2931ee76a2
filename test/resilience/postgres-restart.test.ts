import { spawn } from 'node:child_process'
import path from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { ROOT } from '../helpers/cli.js'
import { TEST_SECRET_KEY } from '../helpers/database.js'
import { freePort } from '../helpers/net.js'
import { startThrowawayPostgres } from '../helpers/postgres.js'

let pgctl: ReturnType<typeof startThrowawayPostgres>['control'] = () => ''
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms))

type Phase = 'before' | 'down' | 'recovering' | 'after'
const tally = () => ({ 200: 0, 503: 0, 500: 0, other: 0, refused: 0 }) as Record<string, number>

describe('PostgreSQL restarted under load', () => {
  let pgDir = ''
  let url = ''
  let base = ''
  let server: ReturnType<typeof spawn>
  let exitCode: number | null | undefined
  let output = ''

  beforeAll(async () => {
    const pgServer = startThrowawayPostgres()
    pgctl = pgServer.control
    pgDir = pgServer.dir
    url = pgServer.url
    const port = await freePort()
    base = `http://127.0.0.1:${port}`
    server = spawn(
      process.execPath,
      ['--import', 'tsx', path.join(ROOT, 'test/resilience/harness-server.ts')],
      {
        cwd: ROOT,
        env: {
          ...process.env,
          DATABASE_URL: url,
          MIGRATE_ON_START: 'true',
          PORT: String(port),
          LOG_LEVEL: 'warn',
          DB_CONNECT_TIMEOUT_MS: '1000',
          SECRET_KEY: TEST_SECRET_KEY,
        },
        stdio: ['ignore', 'pipe', 'pipe'],
      },
    )
    server.stdout?.on('data', (d) => {
      output += d
    })
    server.stderr?.on('data', (d) => {
      output += d
    })
    server.on('exit', (code) => {
      exitCode = code
    })
    for (let i = 0; i < 300 && !output.includes('ready') && exitCode === undefined; i++) await sleep(100)
    expect(output).toContain('ready')
  })

  afterAll(() => {
    server?.kill('SIGKILL')
    if (pgDir) pgctl('stop')
  })

  it('answers 503 (never 500) while it is down, stays up, and is healthy within 2 s of its return', async () => {
    const counts: Record<Phase, Record<string, number>> = {
      before: tally(),
      down: tally(),
      recovering: tally(),
      after: tally(),
    }
    let phase: Phase = 'before'
    let running = true
    const byRoute: Record<string, number> = {}
    const worker = async (url: string) => {
      while (running) {
        const current = phase
        const key = await fetch(url).then(
          (r) => (r.status === 200 || r.status === 503 || r.status === 500 ? String(r.status) : 'other'),
          () => 'refused',
        )
        counts[current][key] = (counts[current][key] ?? 0) + 1
        const routeKey = `${current} ${new URL(url).pathname} ${key}`
        byRoute[routeKey] = (byRoute[routeKey] ?? 0) + 1
      }
    }
    const workers = [
      ...Array.from({ length: 8 }, () => worker(`${base}/probe/work-orders/count`)),
      ...Array.from({ length: 2 }, () => worker(`${base}/health`)),
    ]

    await sleep(1500)
    pgctl('down')
    phase = 'down'
    await sleep(3000)
    const downHealth = await fetch(`${base}/health`)
    phase = 'recovering'
    pgctl('up')
    const upAt = Date.now()
    let recoveredMs = -1
    while (Date.now() - upAt < 10_000) {
      if ((await fetch(`${base}/health`)).status === 200) {
        recoveredMs = Date.now() - upAt
        break
      }
      await sleep(50)
    }
    phase = 'after'
    await sleep(1500)
    running = false
    await Promise.all(workers)

    console.log(JSON.stringify({ recoveredMs, byRoute }, null, 1))
    expect(exitCode).toBeUndefined()
    expect(downHealth.status).toBe(503)
    expect(counts.before['200']).toBeGreaterThan(0)
    expect(counts.down['503']).toBeGreaterThan(0)
    for (const phaseCounts of Object.values(counts)) {
      expect(phaseCounts['500']).toBe(0)
      expect(phaseCounts.other).toBe(0)
      expect(phaseCounts.refused).toBe(0)
    }
    expect(recoveredMs).toBeGreaterThanOrEqual(0)
    expect(recoveredMs).toBeLessThan(2000)
    expect(counts.after['200']).toBeGreaterThan(0)
    expect(output).not.toMatch(/uncaught|unhandled/i)
  })
})
