import { randomUUID } from 'node:crypto'
import { createReadStream, createWriteStream } from 'node:fs'
import { mkdir, rename, rm, stat } from 'node:fs/promises'
import path from 'node:path'
import { type Readable, Transform } from 'node:stream'
import { pipeline } from 'node:stream/promises'
import { checkKey, type FileStorage } from './types.js'

/** Counts the bytes going through. */
export function byteCounter() {
  let size = 0
  const stream = new Transform({
    transform(chunk: Buffer, _enc, done) {
      size += chunk.length
      done(null, chunk)
    },
  })
  return { stream, size: () => size }
}

/**
 * Files under a directory (DATA_DIR/files): the default when no bucket is configured. Writes go to a
 * temporary name and are renamed into place, so a failed upload never leaves a partial file at its key.
 */
export function createLocalStorage(root: string): FileStorage {
  const pathOf = (key: string) => path.join(root, ...checkKey(key).split('/'))
  return {
    kind: 'local',
    description: `local directory ${root}`,
    async put(key, body) {
      const target = pathOf(key)
      await mkdir(path.dirname(target), { recursive: true })
      const temp = `${target}.${randomUUID()}.part`
      const counter = byteCounter()
      try {
        await pipeline(body, counter.stream, createWriteStream(temp, { flags: 'wx' }))
        await rename(temp, target)
      } catch (err) {
        await rm(temp, { force: true })
        throw err
      }
      return { size: counter.size() }
    },
    async get(key) {
      const file = pathOf(key)
      const info = await stat(file).catch(() => undefined)
      if (!info?.isFile()) return undefined
      return { body: createReadStream(file) as Readable, size: info.size }
    },
    async signedUrl() {
      return undefined
    },
    async head(key) {
      const info = await stat(pathOf(key)).catch(() => undefined)
      return info?.isFile() ? { size: info.size } : undefined
    },
    async delete(key) {
      await rm(pathOf(key), { force: true })
    },
  }
}
