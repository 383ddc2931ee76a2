// Start-up time on the embedded database, as a new user sees it: spawn the server, poll /health until it
// answers 200, stop it with SIGTERM. The first start runs on an empty DATA_DIR (creates the PGlite cluster
// and migrates it); the second on the directory the first left. Median of --runs pairs, for each way of
// starting: `npm start` (what the README says) and the built server (`node dist/server.js`, what EB runs).
//   npx tsx bench/start.ts [--runs 5] [--modes npm,built] [--out bench/results/start-<date>.json]
import { spawn } from 'node:child_process'
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { createServer } from 'node:net'
import os from 'node:os'
import path from 'node:path'
import { parseArgs } from 'node:util'

const ROOT = path.resolve(import.meta.dirname, '..')
const { values } = parseArgs({
  options: {
    runs: { type: 'string', default: '5' },
    modes: { type: 'string', default: 'npm,built' },
    out: { type: 'string' },
  },
})
const RUNS = Number(values.runs)
const MODES = (values.modes as string).split(',') as Mode[]
type Mode = 'npm' | 'built'
const COMMANDS: Record<Mode, [string, string[]]> = {
  npm: ['npm', ['start', '--silent']],
  built: [process.execPath, ['dist/server.js']],
}

const freePort = () =>
  new Promise<number>((resolve) => {
    const s = createServer().listen(0, '127.0.0.1', () => {
      const { port } = s.address() as { port: number }
      s.close(() => resolve(port))
    })
  })

async function healthy(port: number): Promise<boolean> {
  try {
    const res = await fetch(`http://127.0.0.1:${port}/health`, { signal: AbortSignal.timeout(2000) })
    return res.status === 200
  } catch {
    return false
  }
}

/**
 * CPU seconds (user + system) used so far by a process group: npm, tsx and the server together. On a
 * shared machine the wall clock depends on the neighbours; this much less.
 */
function groupCpuSeconds(pgid: number): number {
  const ticks = 100 // USER_HZ on Linux
  let total = 0
  for (const pid of readdirSync('/proc').filter((d) => /^\d+$/.test(d))) {
    try {
      const stat = readFileSync(`/proc/${pid}/stat`, 'utf8')
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ')
      // fields[0] is field 3 (state): pgrp is field 5, utime..cstime are fields 14..17.
      if (Number(fields[2]) !== pgid) continue
      total += [11, 12, 13, 14].reduce((sum, k) => sum + Number(fields[k]), 0)
    } catch {
      // The process ended between readdir and read.
    }
  }
  return total / ticks
}

interface Timing {
  ms: number
  cpuSeconds: number
}

/** From spawn to the first /health 200 (wall ms, CPU s); the server is stopped (SIGTERM) before it resolves. */
async function timeStart(mode: Mode, dataDir: string): Promise<Timing> {
  const port = await freePort()
  const [cmd, args] = COMMANDS[mode]
  const started = performance.now()
  const child = spawn(cmd, args, {
    cwd: ROOT,
    env: { ...process.env, PORT: String(port), HOST: '127.0.0.1', DATA_DIR: dataDir, LOG_LEVEL: 'warn' },
    stdio: ['ignore', 'ignore', 'pipe'],
    detached: true, // its own process group, so npm's child goes down with it
  })
  let stderr = ''
  child.stderr?.on('data', (d) => {
    stderr += d
  })
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)))
  let elapsed: number | undefined
  let cpuSeconds = 0
  const deadline = started + 180_000
  while (performance.now() < deadline && child.exitCode === null) {
    if (await healthy(port)) {
      elapsed = performance.now() - started
      if (child.pid) cpuSeconds = groupCpuSeconds(child.pid)
      break
    }
    await new Promise((r) => setTimeout(r, 25))
  }
  if (child.pid && child.exitCode === null) process.kill(-child.pid, 'SIGTERM')
  const code = await exited
  if (elapsed === undefined) throw new Error(`${mode}: no /health 200 (exit ${code}): ${stderr.slice(-2000)}`)
  return { ms: elapsed, cpuSeconds }
}

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b)
  const m = Math.floor(s.length / 2)
  return s.length % 2 ? (s[m] as number) : ((s[m - 1] as number) + (s[m] as number)) / 2
}

if (MODES.includes('built') && !existsSync(path.join(ROOT, 'dist/server.js'))) {
  console.error('dist/server.js is missing: run `npm run build` first (npm run bench:start does)')
  process.exit(1)
}

const results: Record<string, { first: Timing[]; second: Timing[] }> = {}
for (const mode of MODES) {
  results[mode] = { first: [], second: [] }
  for (let i = 0; i < RUNS; i++) {
    const dataDir = mkdtempSync(path.join(os.tmpdir(), 'awning-bench-start-'))
    try {
      const first = await timeStart(mode, dataDir)
      const second = await timeStart(mode, dataDir)
      results[mode].first.push(first)
      results[mode].second.push(second)
      const show = (t: Timing) => `${(t.ms / 1000).toFixed(2)} s (CPU ${t.cpuSeconds.toFixed(2)} s)`
      console.log(`${mode} run ${i + 1}: first ${show(first)}, second ${show(second)}`)
    } finally {
      rmSync(dataDir, { recursive: true, force: true })
    }
  }
}

const load = os.loadavg()[0]?.toFixed(2)
console.log(
  `\nspawn → first /health 200, median of ${RUNS} (load average ${load} on ${os.cpus().length} cores)`,
)
console.log('| start | first (empty DATA_DIR) | its CPU | second | its CPU |')
console.log('|---|--:|--:|--:|--:|')
const summary: Record<string, Record<string, number>> = {}
for (const [mode, r] of Object.entries(results)) {
  const firstS = median(r.first.map((t) => t.ms)) / 1000
  const secondS = median(r.second.map((t) => t.ms)) / 1000
  const firstCpu = median(r.first.map((t) => t.cpuSeconds))
  const secondCpu = median(r.second.map((t) => t.cpuSeconds))
  summary[mode] = { firstS, firstCpu, secondS, secondCpu }
  const label = mode === 'npm' ? '`npm start`' : '`node dist/server.js`'
  const f = (x: number) => `${x.toFixed(2)} s`
  console.log(`| ${label} | ${f(firstS)} | ${f(firstCpu)} | ${f(secondS)} | ${f(secondCpu)} |`)
}
const out =
  values.out ?? path.join(ROOT, 'bench/results', `start-${new Date().toISOString().slice(0, 10)}.json`)
mkdirSync(path.dirname(out), { recursive: true })
writeFileSync(
  out,
  `${JSON.stringify({ node: process.version, runs: RUNS, loadAverage: os.loadavg(), summary, results }, null, 2)}\n`,
)
console.log(`\nwritten to ${path.relative(ROOT, out)}`)
