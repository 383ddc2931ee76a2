import { Readable } from 'node:stream'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createLocalStorage } from '../../src/storage/local.js'
import { createS3Storage } from '../../src/storage/s3.js'
import type { FileStorage } from '../../src/storage/types.js'
import { tempDir } from '../helpers/database.js'
import { startS3 } from '../helpers/s3.js'
import { samples } from './samples.js'

const read = async (stream: Readable) => {
  const chunks: Buffer[] = []
  for await (const c of stream) chunks.push(c as Buffer)
  return Buffer.concat(chunks)
}

/** A stream that yields some bytes, then fails (a client that went away mid-upload). */
function failingStream(bytes: number) {
  let sent = false
  return new Readable({
    read() {
      if (!sent) {
        sent = true
        this.push(Buffer.alloc(bytes, 1))
      } else this.destroy(new Error('client went away'))
    },
  })
}

type Driver = { name: string; make(): Promise<{ storage: FileStorage; close(): Promise<void> }> }
const drivers: Driver[] = [
  {
    name: 'local directory',
    async make() {
      return { storage: createLocalStorage(tempDir('files-')), close: async () => {} }
    },
  },
  {
    name: 'S3 (s3rver)',
    async make() {
      const s3 = await startS3()
      const storage = createS3Storage({
        bucket: s3.bucket,
        region: 'us-east-1',
        endpoint: s3.endpoint,
        forcePathStyle: true,
      })
      return {
        storage,
        async close() {
          await storage.close?.()
          await s3.close()
        },
      }
    },
  },
]

describe.each(drivers)('storage contract: $name', (driver) => {
  let storage: FileStorage
  let close: () => Promise<void>
  beforeAll(async () => {
    ;({ storage, close } = await driver.make())
  })
  afterAll(() => close())

  it('puts a stream, heads, gets it back byte for byte, and deletes it', async () => {
    const body = samples.png(3000)
    const { size } = await storage.put('work-orders/1/a.png', Readable.from([body]), 'image/png')
    expect(size).toBe(3000)
    expect(await storage.head('work-orders/1/a.png')).toEqual({ size: 3000 })
    const got = await storage.get('work-orders/1/a.png')
    expect(got?.size).toBe(3000)
    expect((await read(got?.body as Readable)).equals(body)).toBe(true)
    await storage.delete('work-orders/1/a.png')
    expect(await storage.head('work-orders/1/a.png')).toBeUndefined()
    expect(await storage.get('work-orders/1/a.png')).toBeUndefined()
    await storage.delete('work-orders/1/a.png') // already gone: no error
  })

  it('streams an object over 5 MB (multipart on S3) in chunks', async () => {
    const chunk = Buffer.alloc(512 * 1024, 7)
    const body = Readable.from(Array.from({ length: 13 }, () => chunk)) // 6.5 MB, never one buffer
    const { size } = await storage.put('work-orders/2/big.pdf', body, 'application/pdf')
    expect(size).toBe(13 * 512 * 1024)
    expect((await storage.head('work-orders/2/big.pdf'))?.size).toBe(size)
  })

  it('leaves nothing behind when the upload stream fails', async () => {
    await expect(
      storage.put('work-orders/3/broken.pdf', failingStream(64 * 1024), 'application/pdf'),
    ).rejects.toThrow()
    expect(await storage.head('work-orders/3/broken.pdf')).toBeUndefined()
  })

  it('gives S3 downloads a presigned URL that works over HTTP; the local driver serves bytes itself', async () => {
    await storage.put('work-orders/4/quote.pdf', Readable.from([samples.pdf()]), 'application/pdf')
    const url = await storage.signedUrl('work-orders/4/quote.pdf', {
      filename: 'Quote №7.pdf',
      contentType: 'application/pdf',
      expiresInS: 60,
    })
    if (storage.kind === 'local') {
      expect(url).toBeUndefined()
      return
    }
    const res = await fetch(url as string)
    expect(res.status).toBe(200)
    expect(res.headers.get('content-type')).toBe('application/pdf')
    expect(res.headers.get('content-disposition')).toContain("filename*=UTF-8''Quote%20%E2%84%967.pdf")
    expect(Buffer.from(await res.arrayBuffer()).equals(samples.pdf())).toBe(true)
  })

  it('refuses keys it did not generate', async () => {
    await expect(storage.put('../etc/passwd', Readable.from(['x']), 'text/plain')).rejects.toThrow(RangeError)
    await expect(storage.head('work-orders/../../x')).rejects.toThrow(RangeError)
  })
})
