import { type ChildProcess, spawn } from 'node:child_process'
import path from 'node:path'
import { ROOT } from './cli.js'

export interface ServerProcess {
  child: ChildProcess
  exited: Promise<number | null>
  output: () => string
}

/** The real server (`src/server.ts` through tsx) in a child process, on the embedded database. */
export function startServer(env: Record<string, string>): ServerProcess {
  const childEnv: NodeJS.ProcessEnv = { ...process.env, ...env }
  delete childEnv.DATABASE_URL
  delete childEnv.TEST_DATABASE_URL
  const child = spawn(process.execPath, ['--import', 'tsx', path.join(ROOT, 'src/server.ts')], {
    cwd: ROOT,
    env: childEnv,
    stdio: ['ignore', 'pipe', 'pipe'],
  })
  let output = ''
  child.stdout?.on('data', (d) => {
    output += d
  })
  child.stderr?.on('data', (d) => {
    output += d
  })
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)))
  return { child, exited, output: () => output }
}

/**
 * Polls /health until the server answers (a first embedded start migrates a fresh database); fails at once
 * with the server's output when the process exits instead.
 */
export async function waitForHealth(
  server: ServerProcess,
  port: number,
  timeoutMs = 150_000,
): Promise<Response> {
  const deadline = Date.now() + timeoutMs
  let exited = false
  void server.exited.then(() => {
    exited = true
  })
  for (;;) {
    try {
      return await fetch(`http://127.0.0.1:${port}/health`)
    } catch (err) {
      if (exited) throw new Error(`the server exited before answering:\n${server.output()}`)
      if (Date.now() > deadline) throw err
      await new Promise((r) => setTimeout(r, 200))
    }
  }
}
