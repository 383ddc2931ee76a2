import { afterAll, describe, expect, it } from 'vitest'
import { EmbeddedDatabaseLockedError } from '../src/db/embedded.js'
import { openDatabase } from '../src/db/index.js'
import { embeddedDataDir, quietLog } from './helpers/database.js'

// PGlite opened and closed for real on a shared machine: generous, per test.
describe('the embedded database directory lock', { timeout: 240_000 }, () => {
  const dataDir = embeddedDataDir()
  const cfg = { kind: 'embedded', dataDir } as const
  afterAll(() => {})

  it('refuses a second opener of the same directory with a clear message, and frees it on close', async () => {
    const first = await openDatabase(cfg, quietLog)
    const second = openDatabase(cfg, quietLog)
    await expect(second).rejects.toBeInstanceOf(EmbeddedDatabaseLockedError)
    await expect(openDatabase(cfg, quietLog)).rejects.toThrow(/in use by another process.*DATA_DIR/s)
    await first.close()
    const third = await openDatabase(cfg, quietLog)
    await third.ping(2000)
    await third.close()
  })

  it('keeps data across reopen (persisted in DATA_DIR)', async () => {
    const a = await openDatabase(cfg, quietLog)
    await a.withSession((s) =>
      s.query('CREATE TABLE IF NOT EXISTS kept (v int); INSERT INTO kept VALUES (7)'.split(';')[0] as string),
    )
    await a.withSession((s) => s.query('INSERT INTO kept VALUES (7)'))
    await a.close()
    const b = await openDatabase(cfg, quietLog)
    const rows = await b.withSession((s) => s.query<{ v: number }>('SELECT v FROM kept'))
    await b.close()
    expect(rows).toEqual([{ v: 7 }])
  })
})
