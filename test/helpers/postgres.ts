import { execFileSync } from 'node:child_process'
import path from 'node:path'
import { ROOT } from './cli.js'

const script = path.join(ROOT, 'scripts/pg-throwaway.sh')

/** A PostgreSQL of its own for a fault test (scripts/pg-throwaway.sh): its URL, its directory, and control. */
export function startThrowawayPostgres() {
  const env = Object.fromEntries(
    execFileSync(script, ['start'], { encoding: 'utf8' })
      .trim()
      .split('\n')
      .map((l) => l.replace(/^export /, '').split('=') as [string, string]),
  )
  const dir = env.PG_TMPDIR as string
  return {
    url: env.TEST_DATABASE_URL as string,
    dir,
    /** pg-throwaway.sh subcommands on this server: down, up, stop. */
    control: (command: 'down' | 'up' | 'stop') => execFileSync(script, [command, dir], { encoding: 'utf8' }),
  }
}
