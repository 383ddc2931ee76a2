import { createInterface } from 'node:readline'
import { parseArgs } from 'node:util'
import { loadConfig } from '../config.js'
import { openDatabase } from '../db/index.js'
import { createMigrator } from '../db/migrator.js'
import { AppError } from '../errors.js'
import { type Role, userRole } from '../models/index.js'
import { normalizeUsername, unlockUsername } from '../services/auth.js'
import { createUserDirect } from '../services/users.js'
import { consoleDbLog, printDatabaseLine } from './shared.js'

const USAGE = `Usage: npm run user -- create --username <name> --role <admin|manager|staff> [--email <address>]
       npm run user -- unlock --username <name>

create   the password is read from standard input when it is piped (first line), otherwise asked for twice
unlock   lifts the login lock and throttle on a username, from every address (docs/ACCESS.md)

Uses DATABASE_URL / RDS_* like the server, or the embedded database in DATA_DIR (stop the server first:
the embedded database admits one process at a time).`

const ROLES: readonly Role[] = userRole.enumValues

async function readPassword(): Promise<string> {
  if (!process.stdin.isTTY) {
    const rl = createInterface({ input: process.stdin })
    for await (const line of rl) return line
    return ''
  }
  const ask = (prompt: string) =>
    new Promise<string>((resolve) => {
      const rl = createInterface({ input: process.stdin, output: process.stdout, terminal: true })
      // Echo nothing while the password is typed.
      ;(rl as unknown as { _writeToOutput: (s: string) => void })._writeToOutput = (s: string) => {
        if (s.includes(prompt)) process.stdout.write(prompt)
      }
      rl.question(prompt, (answer) => {
        rl.close()
        process.stdout.write('\n')
        resolve(answer)
      })
    })
  const first = await ask('Password: ')
  const second = await ask('Repeat password: ')
  if (first !== second) throw new Error('the two passwords differ')
  return first
}

async function main() {
  const { positionals, values } = parseArgs({
    allowPositionals: true,
    options: {
      username: { type: 'string' },
      role: { type: 'string' },
      email: { type: 'string' },
      help: { type: 'boolean' },
    },
  })
  const command = positionals[0]
  const known = command === 'unlock' || (command === 'create' && ROLES.includes(values.role as Role))
  if (values.help || !known || !values.username) {
    console.error(USAGE)
    process.exit(2)
  }
  const config = loadConfig(process.env, { requireSecretKey: false })
  // Before the password prompt: the operator sees which database the user will be created in.
  printDatabaseLine(config.database)
  const password = command === 'create' ? await readPassword() : ''
  const database = await openDatabase(config.database, consoleDbLog)
  try {
    if (config.migrateOnStart) await createMigrator(database).upgrade()
    if (command === 'unlock') {
      const removed = await unlockUsername(database.db, values.username)
      const name = normalizeUsername(values.username)
      console.log(
        removed
          ? `unlocked "${name}" (${removed} failure count(s) cleared)`
          : `"${name}" had no failed logins counted: nothing to unlock`,
      )
      return
    }
    const user = await createUserDirect(database.db, {
      username: values.username,
      email: values.email,
      password,
      role: values.role as Role,
    })
    console.log(`created ${user.role} "${user.username}" (id ${user.id})`)
  } finally {
    await database.close()
  }
}

try {
  await main()
} catch (err) {
  console.error(`error: ${err instanceof AppError ? err.message : (err as Error).message}`)
  process.exit(1)
}
