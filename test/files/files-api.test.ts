import { readdir } from 'node:fs/promises'
import path from 'node:path'
import { sql } from 'drizzle-orm'
import supertest from 'supertest'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { App } from '../../src/app.js'
import { seedEmptyDatabase } from '../../src/seed/seed-empty.js'
import { createLocalStorage } from '../../src/storage/local.js'
import type { FileStorage } from '../../src/storage/types.js'
import { createTestApp } from '../helpers/app.js'
import { userWithSession } from '../helpers/auth.js'
import { queryRows, tempDir } from '../helpers/database.js'
import { startS3 } from '../helpers/s3.js'
import { samples } from './samples.js'

type Ctx = Awaited<ReturnType<typeof createTestApp>>
const rows = async (app: App, no: number) => {
  const found = await queryRows<{ storage_key: string }>(
    app.db,
    sql`SELECT f.storage_key FROM work_order_files f JOIN work_orders w ON w.id = f.work_order_id WHERE w.work_order_no = ${no}`,
  )
  return found.map((x) => x.storage_key)
}

const drivers = [
  { name: 'local directory (the default)', s3: false },
  { name: 'S3 (s3rver)', s3: true },
]

describe.each(drivers)('work order files over HTTP: $name', ({ s3 }) => {
  let ctx: Ctx
  let http: ReturnType<typeof supertest>
  let server: Awaited<ReturnType<typeof startS3>> | undefined
  let staff: Record<string, string>
  let manager: Record<string, string>
  beforeAll(async () => {
    server = s3 ? await startS3() : undefined
    ctx = await createTestApp({ env: server ? server.env : {} })
    await seedEmptyDatabase(ctx.app.db, { customers: 5, workOrders: 12, seed: 2 })
    staff = (await userWithSession(ctx.app, 'staff')).bearer
    manager = (await userWithSession(ctx.app, 'manager')).bearer
    await ctx.app.ready()
    http = supertest(ctx.app.server)
  })
  afterAll(async () => {
    await ctx.close()
    await server?.close()
  })

  const upload = (no: number, body: Buffer, filename: string, headers = staff) =>
    http.post(`/api/work-orders/${no}/files`).set(headers).attach('file', body, filename)

  it('stores a photo under a server key, lists it, and serves it back with its name', async () => {
    const res = await upload(3, samples.png(5000), '../../damage\u0001 left   side.PNG')
    expect(res.status).toBe(201)
    expect(res.body).toMatchObject({
      originalName: 'damage left side.PNG',
      contentType: 'image/png',
      sizeBytes: 5000,
    })
    const [key] = await rows(ctx.app, 3)
    expect(key).toMatch(/^work-orders\/3\/[0-9a-f-]{36}\.png$/)
    expect(await ctx.app.storage.head(key as string)).toEqual({ size: 5000 })

    const list = await http.get('/api/work-orders/3/files').set(staff)
    expect(list.body.data.map((f: { id: string }) => f.id)).toEqual([res.body.id])

    const download = await http.get(`/api/work-orders/3/files/${res.body.id}`).set(staff).redirects(0)
    let bytes: Buffer
    let disposition: string | null
    if (s3) {
      expect(download.status).toBe(302)
      const fetched = await fetch(download.headers.location as string) // the presigned URL, over HTTP
      expect(fetched.status).toBe(200)
      disposition = fetched.headers.get('content-disposition')
      bytes = Buffer.from(await fetched.arrayBuffer())
    } else {
      expect(download.status).toBe(200)
      expect(download.headers['content-type']).toBe('image/png')
      disposition = download.headers['content-disposition'] as string
      bytes = download.body as Buffer
    }
    expect(disposition).toContain('attachment; filename="damage left side.PNG"')
    expect(bytes.equals(samples.png(5000))).toBe(true)
  })

  it('streams a 6 MB PDF (multipart upload on S3)', async () => {
    const res = await upload(4, samples.pdf(6 * 1024 * 1024), 'signed quote.pdf')
    expect(res.status).toBe(201)
    expect(res.body.sizeBytes).toBe(6 * 1024 * 1024)
    const [key] = await rows(ctx.app, 4)
    expect((await ctx.app.storage.head(key as string))?.size).toBe(6 * 1024 * 1024)
  })

  it('refuses a file over the 10 MB default with 413 and keeps no row', async () => {
    const res = await upload(8, samples.pdf(10 * 1024 * 1024 + 1), 'scan.pdf')
    expect(res.status).toBe(413)
    expect(res.body.code).toBe('file.too_large')
    expect(await rows(ctx.app, 8)).toEqual([])
  })

  it('checks content as well as name: an .exe renamed .jpg, a binary .txt, a .bat are refused', async () => {
    const exe = await upload(5, samples.exe(), 'photo.jpg')
    expect(exe.status).toBe(415)
    expect(exe.body).toMatchObject({
      code: 'file.unsupported_type',
      message: 'File refused: the content is a .exe file, not .jpg',
    })
    expect((await upload(5, samples.png(), 'notes.txt')).status).toBe(415)
    expect((await upload(5, samples.text('@echo off'), 'run.bat')).body.code).toBe('file.unsupported_type')
    expect((await upload(5, samples.text(), 'notes.txt')).status).toBe(201)
    expect((await upload(5, Buffer.alloc(0), 'empty.pdf')).body.code).toBe('file.empty')
    expect(await rows(ctx.app, 5)).toHaveLength(1)
  })

  it('answers 400 without a file part, 404 for an unknown order, 415 for a JSON body', async () => {
    const noFile = await http.post('/api/work-orders/5/files').set(staff).field('note', 'x')
    expect(noFile.status).toBe(400)
    expect(noFile.body.code).toBe('file.missing')
    expect((await upload(99_999, samples.png(), 'a.png')).status).toBe(404)
    const json = await http.post('/api/work-orders/5/files').set(staff).send({ file: 'x' })
    expect(json.status).toBeGreaterThanOrEqual(400)
    expect(json.status).toBeLessThan(500)
  })

  it('lets managers delete a file (staff may not); the object goes with the row', async () => {
    const res = await upload(6, samples.jpg(), 'tear.jpg')
    const [key] = await rows(ctx.app, 6)
    expect((await http.delete(`/api/work-orders/6/files/${res.body.id}`).set(staff)).status).toBe(403)
    expect((await http.delete(`/api/work-orders/6/files/${res.body.id}`).set(manager)).status).toBe(204)
    expect(await rows(ctx.app, 6)).toEqual([])
    expect(await ctx.app.storage.head(key as string)).toBeUndefined()
    expect((await http.get(`/api/work-orders/6/files/${res.body.id}`).set(staff)).status).toBe(404)
  })

  it('deletes the files of a deleted work order', async () => {
    await upload(7, samples.jpg(), 'a.jpg')
    await upload(7, samples.pdf(), 'b.pdf')
    const keys = await rows(ctx.app, 7)
    expect(keys).toHaveLength(2)
    const admin = (await userWithSession(ctx.app, 'admin')).bearer
    expect((await http.delete('/api/work-orders/7').set(admin)).status).toBeLessThan(300)
    for (const key of keys) expect(await ctx.app.storage.head(key)).toBeUndefined()
  })
})

describe('limits and failures', () => {
  let ctx: Ctx
  let staff: Record<string, string>
  let inner: FileStorage
  let failNextPut = false
  let deleteOrderDuringPut: number | undefined
  beforeAll(async () => {
    inner = createLocalStorage(root)
    // The real local driver, with failures injected where a network or a race would put them.
    const storage: FileStorage = {
      ...inner,
      async put(key, body, type) {
        if (failNextPut) {
          failNextPut = false
          body.resume()
          throw new Error('S3 is down')
        }
        const stored = await inner.put(key, body, type)
        if (deleteOrderDuringPut !== undefined)
          await ctx.app.db.execute(sql`DELETE FROM work_orders WHERE work_order_no = ${deleteOrderDuringPut}`)
        return stored
      },
    }
    ctx = await createTestApp({ env: { MAX_UPLOAD_MB: '1' }, storage })
    await seedEmptyDatabase(ctx.app.db, { customers: 5, workOrders: 12, seed: 2 })
    staff = (await userWithSession(ctx.app, 'staff')).bearer
    await ctx.app.ready()
  })
  afterAll(() => ctx.close())
  const upload = (no: number, body: Buffer, name: string) =>
    supertest(ctx.app.server).post(`/api/work-orders/${no}/files`).set(staff).attach('file', body, name)
  const root = tempDir('files-')
  /** What the driver holds for an order (temporary files included: a failure must leave none). */
  const objects = async (no: number) => readdir(path.join(root, 'work-orders', String(no))).catch(() => [])

  it('refuses a file over MAX_UPLOAD_MB with 413, leaving neither object nor row', async () => {
    const res = await upload(2, samples.pdf(1024 * 1024 + 10), 'too big.pdf')
    expect(res.status).toBe(413)
    expect(res.body.code).toBe('file.too_large')
    expect(await rows(ctx.app, 2)).toEqual([])
    expect(await objects(2)).toEqual([])
    expect((await upload(2, samples.pdf(1024 * 1024 - 1000), 'fits.pdf')).status).toBe(201)
    expect(await objects(2)).toHaveLength(1)
  })

  it('refuses an upload carrying two files (400 file.too_many) and keeps neither, never only the first', async () => {
    const post = () => supertest(ctx.app.server).post('/api/work-orders/5/files').set(staff)
    const two = await post().attach('file', samples.png(), 'a.png').attach('file', samples.jpg(), 'b.jpg')
    expect(two.status).toBe(400)
    expect(two.body.code).toBe('file.too_many')
    const renamed = await post()
      .attach('file', samples.png(), 'a.png')
      .attach('photo', samples.jpg(), 'b.jpg')
    expect(renamed.body.code).toBe('file.too_many')
    expect(await rows(ctx.app, 5)).toEqual([])
    expect(await objects(5)).toEqual([])
    // Fields beside the one file are still fine.
    expect((await post().attach('file', samples.png(), 'a.png').field('note', 'left side')).status).toBe(201)
    expect(await objects(5)).toHaveLength(1)
  })

  it('keeps no row when storage fails (503, try again)', async () => {
    failNextPut = true
    const res = await upload(3, samples.png(), 'a.png')
    expect(res.status).toBe(503)
    expect(res.body.code).toBe('file.storage_unavailable')
    expect(await rows(ctx.app, 3)).toEqual([])
    expect(await objects(3)).toEqual([])
  })

  it('removes the stored object when the row cannot be written (the order was deleted meanwhile)', async () => {
    deleteOrderDuringPut = 4
    const res = await upload(4, samples.png(), 'a.png')
    deleteOrderDuringPut = undefined
    expect(res.status).toBe(404)
    expect(await objects(4)).toEqual([])
  })
})
