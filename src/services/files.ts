import { randomUUID } from 'node:crypto'
import type { Readable } from 'node:stream'
import { isForeignKeyViolation } from '../db/constraint-errors.js'
import type { Db } from '../db/index.js'
import { createCheckInsRepository } from '../repositories/check-ins.js'
import { createFilesRepository, type FileOwnerKey } from '../repositories/files.js'
import { contentDisposition, sanitizeFilename } from '../storage/disposition.js'
import { checkFileType, peek, SNIFF_BYTES } from '../storage/file-types.js'
import type { FileStorage } from '../storage/index.js'
import { CheckInErrors } from './check-ins.errors.js'
import { FileErrors } from './files.errors.js'
import { WorkOrderErrors } from './work-orders.errors.js'
import { auditedWrite, type WriteContext, type WriteDeps } from './write-context.js'

/** @fastify/multipart's error when a part exceeds the file size limit. */
const isTooLarge = (err: unknown) => (err as { code?: string }).code === 'FST_REQ_FILE_TOO_LARGE'

/** Reads what is left of a refused upload, so the request completes cleanly (bounded by the size limit). */
async function drain(stream: Readable) {
  try {
    for await (const _ of stream) {
      // discard
    }
  } catch {
    // the limit or a broken connection: nothing to keep either way
  }
}

export interface Upload {
  filename: string
  stream: Readable
  /** True when the stream was cut at the size limit. */
  truncated?: () => boolean
  /** Called once the bytes are stored and before the row is written; throwing refuses the upload. */
  afterStored?: () => Promise<void>
}

/** Who a file belongs to, as clients name it: a work order by number, a check-in by id. */
export type FileOwner = { kind: 'work_order'; no: number } | { kind: 'check_in'; id: number }

export type DownloadTarget =
  | { redirect: string }
  | { stream: Readable; size: number; contentType: string; disposition: string }

/**
 * Attachments of work orders and check-ins. An upload is streamed to storage (never held whole), checked by its first bytes
 * as well as its name, and recorded only once stored; if the record cannot be written the object is
 * removed, and a failed upload leaves neither object nor row.
 */
export function createFilesService(
  deps: WriteDeps & {
    storage: FileStorage
    maxUploadBytes: number
    downloadUrlTtlS: number
    log: { warn(obj: object, msg: string): void }
  },
) {
  const repo = createFilesRepository(deps.db)
  const checkIns = createCheckInsRepository(deps.db)
  const { storage } = deps

  async function removeObjects(keys: string[]) {
    for (const key of keys) {
      await storage.delete(key).catch((err: Error) => {
        deps.log.warn({ key, err: { message: err.message } }, 'could not delete a file from storage')
      })
    }
  }

  /** Resolves an owner to its row's key, or the owner's 404. */
  async function keyOf(owner: FileOwner): Promise<FileOwnerKey> {
    if (owner.kind === 'work_order') {
      const workOrderId = await repo.orderId(owner.no)
      if (workOrderId === undefined) throw WorkOrderErrors.notFound(owner.no)
      return { workOrderId }
    }
    if (!(await repo.checkInExists(owner.id))) throw CheckInErrors.notFound(owner.id)
    return { checkInId: owner.id }
  }

  /** A check-in takes and loses files only while pending; the share lock waits out a conversion. */
  async function guardOwner(owner: FileOwner, tx: Db) {
    if (owner.kind !== 'check_in') return
    const row = await checkIns.lockShared(owner.id, tx)
    if (!row) throw CheckInErrors.notFound(owner.id)
    if (row.state !== 'pending') throw CheckInErrors.notPending(row.state)
  }

  const described = (owner: FileOwner) =>
    owner.kind === 'work_order'
      ? { prefix: `work-orders/${owner.no}`, entity: 'work_order', entityId: owner.no }
      : { prefix: `check-ins/${owner.id}`, entity: 'check_in', entityId: owner.id }

  const notFoundOf = (owner: FileOwner) =>
    owner.kind === 'work_order' ? WorkOrderErrors.notFound(owner.no) : CheckInErrors.notFound(owner.id)

  async function list(owner: FileOwner) {
    return repo.list(await keyOf(owner))
  }

  async function upload(ctx: WriteContext, owner: FileOwner, upload: Upload) {
    let key: FileOwnerKey
    try {
      key = await keyOf(owner)
    } catch (err) {
      await drain(upload.stream)
      throw err
    }
    const originalName = sanitizeFilename(upload.filename)
    let sniffed: Awaited<ReturnType<typeof peek>>
    try {
      sniffed = await peek(upload.stream, SNIFF_BYTES)
    } catch (err) {
      if (isTooLarge(err)) throw FileErrors.tooLarge(deps.maxUploadBytes)
      throw err
    }
    if (sniffed.head.length === 0) throw FileErrors.empty()
    const type = await checkFileType(originalName, sniffed.head)
    if (!type.ok) {
      await drain(sniffed.stream)
      throw FileErrors.unsupported(type.reason)
    }

    const about = described(owner)
    const storageKey = `${about.prefix}/${randomUUID()}.${type.ext}`
    let size: number
    try {
      ;({ size } = await storage.put(storageKey, sniffed.stream, type.mime))
    } catch (err) {
      // The driver leaves nothing behind on failure; make sure of it for the size limit.
      await storage.delete(storageKey).catch(() => undefined)
      // The S3 upload reports the cut stream in its own words; the part itself knows it was cut.
      if (isTooLarge(err) || upload.truncated?.()) throw FileErrors.tooLarge(deps.maxUploadBytes)
      deps.log.warn({ err: { message: (err as Error).message } }, 'could not store an upload')
      throw FileErrors.storageUnavailable()
    }
    if (upload.truncated?.()) {
      await removeObjects([storageKey])
      throw FileErrors.tooLarge(deps.maxUploadBytes)
    }
    try {
      await upload.afterStored?.()
    } catch (err) {
      await removeObjects([storageKey])
      throw err
    }

    try {
      return await auditedWrite(deps, ctx, async (tx) => {
        await guardOwner(owner, tx)
        const row = await repo.insert(
          {
            ...key,
            storageKey,
            originalName,
            contentType: type.mime,
            sizeBytes: size,
            uploadedBy: ctx.actor.id,
          },
          tx,
        )
        return {
          result: row,
          audit: {
            action: `${about.entity}.file_added`,
            entity: about.entity,
            entityId: about.entityId,
            summary: { fileId: row.id, name: originalName, bytes: size },
          },
          change: { entity: 'work_order_file', action: 'created', ids: [Object.values(key)[0] ?? 0] },
        }
      })
    } catch (err) {
      await removeObjects([storageKey])
      // The owner was deleted while its file was uploading.
      if (isForeignKeyViolation(err)) throw notFoundOf(owner)
      throw err
    }
  }

  /** A presigned URL on S3; the bytes themselves from the local driver. */
  async function download(owner: FileOwner, fileId: string): Promise<DownloadTarget> {
    const file = await repo.get(await keyOf(owner), fileId)
    if (!file) throw FileErrors.notFound()
    const url = await storage.signedUrl(file.storageKey, {
      filename: file.originalName,
      contentType: file.contentType,
      expiresInS: deps.downloadUrlTtlS,
    })
    if (url) return { redirect: url }
    const object = await storage.get(file.storageKey)
    if (!object) throw FileErrors.missingObject()
    return {
      stream: object.body,
      size: object.size,
      contentType: file.contentType,
      disposition: contentDisposition(file.originalName),
    }
  }

  async function remove(ctx: WriteContext, owner: FileOwner, fileId: string) {
    const key = await keyOf(owner)
    const about = described(owner)
    const removed = await auditedWrite(deps, ctx, async (tx) => {
      await guardOwner(owner, tx)
      const row = await repo.remove(key, fileId, tx)
      if (!row) throw FileErrors.notFound()
      return {
        result: row,
        audit: {
          action: `${about.entity}.file_removed`,
          entity: about.entity,
          entityId: about.entityId,
          summary: { fileId, name: row.originalName },
        },
        change: { entity: 'work_order_file', action: 'deleted', ids: [Object.values(key)[0] ?? 0] },
      }
    })
    // After the commit: a row never points at a deleted object. A failed delete is logged (an orphan).
    await removeObjects([removed.storageKey])
  }

  const order = (no: number): FileOwner => ({ kind: 'work_order', no })
  const checkIn = (id: number): FileOwner => ({ kind: 'check_in', id })
  return {
    removeObjects,
    list: (no: number) => list(order(no)),
    upload: (ctx: WriteContext, no: number, u: Upload) => upload(ctx, order(no), u),
    download: (no: number, fileId: string) => download(order(no), fileId),
    remove: (ctx: WriteContext, no: number, fileId: string) => remove(ctx, order(no), fileId),
    /** A check-in's photos from the counter: added and removed while it is pending (docs/CHECK-INS.md). */
    checkIn: {
      list: (id: number) => list(checkIn(id)),
      upload: (ctx: WriteContext, id: number, u: Upload) => upload(ctx, checkIn(id), u),
      download: (id: number, fileId: string) => download(checkIn(id), fileId),
      remove: (ctx: WriteContext, id: number, fileId: string) => remove(ctx, checkIn(id), fileId),
    },
  }
}

export type FilesService = ReturnType<typeof createFilesService>
