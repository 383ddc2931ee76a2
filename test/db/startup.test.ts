import { afterAll, describe, expect, it } from 'vitest'
import { loadConfig } from '../../src/config.js'
import { loadMigrations } from '../../src/db/migrations.js'
import { openAndMigrate, type StartupLog } from '../../src/db/startup.js'
import { tempDir } from '../helpers/database.js'

function recordingLog() {
  const lines: string[] = []
  const log: StartupLog = {
    info(objOrMsg: object | string, msg?: string) {
      lines.push(typeof objOrMsg === 'string' ? objOrMsg : (msg ?? ''))
    },
    warn: (_obj, msg) => lines.push(`warn: ${msg}`),
    error: (_obj, msg) => lines.push(`error: ${msg}`),
  }
  return { log, lines }
}

// A real initdb on an empty DATA_DIR, the one slow step of a first start: generous on a shared machine.
describe('opening the embedded database at start', { timeout: 240_000 }, () => {
  const dataDir = tempDir()
  const config = loadConfig({ DATA_DIR: dataDir })
  const closers: (() => Promise<void>)[] = []
  afterAll(async () => {
    for (const close of closers) await close()
  })

  it('says it is creating the database on a first start, then applies every migration and says so', async () => {
    const { log, lines } = recordingLog()
    const database = await openAndMigrate(config, log)
    closers.push(() => database.close())
    const count = loadMigrations().length
    expect(lines[0]).toMatch(/^creating the embedded database in .*pglite \(first start/)
    expect(lines[1]).toBe('database opened')
    expect(lines[2]).toBe(`applying ${count} migrations…`)
    expect(lines.at(-1)).toBe('migrations applied')
    const rows = await database.withSession((s) =>
      s.query('SELECT count(*)::int AS n FROM schema_migrations'),
    )
    expect(rows).toEqual([{ n: count }])
    await database.close()
    closers.pop()
  })

  it('opens the existing database on the next start without a word about creating or migrating', async () => {
    const { log, lines } = recordingLog()
    const database = await openAndMigrate(config, log)
    closers.push(() => database.close())
    expect(lines).toEqual(['database opened'])
  })
})
