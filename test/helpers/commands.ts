import { existsSync, readFileSync } from 'node:fs'
import path from 'node:path'

const ROOT = path.resolve(import.meta.dirname, '../..')
const scripts = (
  JSON.parse(readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as { scripts: Record<string, string> }
).scripts

/** What each of our CLIs accepts as its first arguments (kept in step with their usage texts by the checks below). */
const SUBCOMMANDS: Record<string, (args: string[]) => boolean> = {
  db: ([env, cmd]) =>
    ['prod', 'test'].includes(env ?? '') &&
    ['current', 'history', 'upgrade', 'downgrade', 'revision'].includes(cmd ?? ''),
  check: ([what]) => ['db', 'ml', 'config'].includes(what ?? ''),
  export: ([what]) => ['work-orders', 'items', 'customers'].includes(what ?? ''),
  import: ([kind]) => ['sources', 'customers', 'work-orders', 'items'].includes(kind ?? ''),
  user: ([cmd]) => cmd === 'create' || cmd === 'unlock',
  seed: (args) => args.length === 0 || args[0]?.startsWith('--') === true,
  server: () => true,
}

/** Mentions our tooling: a command that does and matches neither form below is reported, not skipped. */
const NAMES_OUR_TOOLING = /\bnpm run\b|\bnode dist\//

/** The CLI a script or a built file runs: `tsx src/cli/db.ts` → db. */
function cliOf(file: string): string | undefined {
  const m = /(?:src|dist)\/(?:cli\/)?([\w-]+)\.(?:ts|js)$/.exec(file)
  return m?.[1]
}

/**
 * Problems with shell commands that name our tooling: `npm run <script> [-- args]` needs the script (and an
 * argument its CLI accepts); `node dist/<file>.js [args]` needs the source it is built from.
 */
export function commandProblems(commands: string[]): string[] {
  const problems: string[] = []
  for (const raw of commands) {
    for (const command of raw.split(/&&|\|\||;|\|/).map((c) => c.trim())) {
      const npm = /^(?:sudo -u \w+ )?npm run (?:-s )?([\w:-]+)(?:\s+--\s+(.*))?$/.exec(command)
      const node = /^(?:sudo -u \w+ )?node (dist\/[\w/-]+\.js)(?:\s+(.*))?$/.exec(command)
      if (npm) {
        const [, script = '', rest = ''] = npm
        const body = scripts[script]
        if (!body) {
          problems.push(`${command}: no npm script "${script}"`)
          continue
        }
        const cli = cliOf(body.split(' ').find((w) => w.endsWith('.ts') || w.endsWith('.js')) ?? '')
        const check = cli ? SUBCOMMANDS[cli] : undefined
        if (check && !check(rest.split(/\s+/).filter(Boolean)))
          problems.push(`${command}: "${rest}" is not a ${script} command`)
      } else if (node) {
        const [, file = '', rest = ''] = node
        const source = file.replace(/^dist\//, 'src/').replace(/\.js$/, '.ts')
        if (!existsSync(path.join(ROOT, source))) {
          problems.push(`${command}: ${file} is built from ${source}, which does not exist`)
          continue
        }
        const check = SUBCOMMANDS[cliOf(file) ?? '']
        if (check && !check(rest.split(/\s+/).filter(Boolean)))
          problems.push(`${command}: "${rest}" is not accepted`)
      } else if (NAMES_OUR_TOOLING.exec(command)) {
        problems.push(`${command}: not a form the checks understand`)
      }
    }
  }
  return problems
}
