import { execFile } from 'node:child_process'
import path from 'node:path'
import { fileURLToPath } from 'node:url'

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..')

export interface CliResult {
  code: number
  stdout: string
  stderr: string
}

/** Runs a TypeScript entry point of ours in a child process (through tsx), as npm scripts do. */
export function runTs(
  entry: string,
  args: string[],
  env: Record<string, string | undefined>,
): Promise<CliResult> {
  const childEnv: NodeJS.ProcessEnv = { ...process.env, LOG_LEVEL: 'warn' }
  delete childEnv.TEST_DATABASE_URL
  delete childEnv.DATABASE_URL
  for (const [k, v] of Object.entries(env)) {
    if (v === undefined) delete childEnv[k]
    else childEnv[k] = v
  }
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      ['--import', 'tsx', path.join(ROOT, entry), ...args],
      { cwd: ROOT, env: childEnv, timeout: 180_000 },
      (err, stdout, stderr) => {
        const code = err ? (typeof err.code === 'number' ? err.code : 1) : 0
        resolve({ code, stdout, stderr })
      },
    )
  })
}
