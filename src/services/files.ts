import { randomUUID } from 'node:crypto'
import type { Readable } from 'node:stream'
import { isForeignKeyViolation } from '../db/constraint-errors.js'
import type { Db } from '../db/index.js'
import { createCheckInsRepository } from '../repositories/check-ins.js'
import { createOwnerFilesRepository, type FileOwnerKind } from '../repositories/files.js'
import { contentDisposition, sanitizeFilename } from '../storage/disposition.js'
import { checkFileType, peek, SNIFF_BYTES } from '../storage/file-types.js'
import type { FileStorage } from '../storage/index.js'
import { CheckInErrors } from './check-ins.errors.js'
import { FileErrors } from './files.errors.js'
import { RepairOrderErrors } from './repair-orders.errors.js'
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

export type DownloadTarget =
  | { redirect: string }
  | { stream: Readable; size: number; contentType: string; disposition: string }

/** Per kind of owner: its storage prefix, its not-found error, and how its audit and changes are named. */
const KINDS = {
  work_order: { prefix: 'work-orders', notFound: WorkOrderErrors.notFound, change: 'work_order_file' },
  repair_order: {
    prefix: 'repair-orders',
    notFound: RepairOrderErrors.notFound,
    change: 'repair_order_file',
  },
  check_in: { prefix: 'check-ins', notFound: CheckInErrors.notFound, change: 'work_order_file' },
} as const

/**
 * Attachments of work orders, repair orders and check-ins. An upload is streamed to storage (never held whole), checked by its first bytes
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
  const { storage } = deps
  const checkIns = createCheckInsRepository(deps.db)

  /**
   * A check-in takes and loses files only while pending; the share lock waits out a conversion, so a photo
   * arriving during one is either moved with the others or refused. Orders take files in any status.
   */
  async function guardOwner(kind: FileOwnerKind, id: number, tx: Db) {
    if (kind !== 'check_in') return
    const row = await checkIns.lockShared(id, tx)
    if (!row) throw CheckInErrors.notFound(id)
    if (row.state !== 'pending') throw CheckInErrors.notPending(row.state)
  }

  async function removeObjects(keys: string[]) {
    for (const key of keys) {
      await storage.delete(key).catch((err: Error) => {
        deps.log.warn({ key, err: { message: err.message } }, 'could not delete a file from storage')
      })
    }
  }

  /** The four operations on one kind of owner's files, addressed by the owner's number. */
  function filesOf(kind: FileOwnerKind) {
    const repo = createOwnerFilesRepository(deps.db, kind)
    const { prefix, notFound, change } = KINDS[kind]
    return {
      async list(no: number) {
        const orderId = await repo.ownerId(no)
        if (orderId === undefined) throw notFound(no)
        return repo.list(orderId)
      },

      async upload(ctx: WriteContext, no: number, upload: Upload) {
        const orderId = await repo.ownerId(no)
        if (orderId === undefined) {
          await drain(upload.stream)
          throw notFound(no)
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

        const storageKey = `${prefix}/${no}/${randomUUID()}.${type.ext}`
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
            await guardOwner(kind, orderId, tx)
            const row = await repo.insert(
              orderId,
              {
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
                action: `${kind}.file_added`,
                entity: kind,
                entityId: no,
                summary: { fileId: row.id, name: originalName, bytes: size },
              },
              change: { entity: change, action: 'created', ids: [orderId] },
            }
          })
        } catch (err) {
          await removeObjects([storageKey])
          // The order was deleted while its file was uploading.
          if (isForeignKeyViolation(err)) throw notFound(no)
          throw err
        }
      },

      /** A presigned URL on S3; the bytes themselves from the local driver. */
      async download(no: number, fileId: string): Promise<DownloadTarget> {
        const orderId = await repo.ownerId(no)
        if (orderId === undefined) throw notFound(no)
        const file = await repo.get(orderId, fileId)
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
      },

      async remove(ctx: WriteContext, no: number, fileId: string) {
        const orderId = await repo.ownerId(no)
        if (orderId === undefined) throw notFound(no)
        const removed = await auditedWrite(deps, ctx, async (tx) => {
          await guardOwner(kind, orderId, tx)
          const row = await repo.remove(orderId, fileId, tx)
          if (!row) throw FileErrors.notFound()
          return {
            result: row,
            audit: {
              action: `${kind}.file_removed`,
              entity: kind,
              entityId: no,
              summary: { fileId, name: row.originalName },
            },
            change: { entity: change, action: 'deleted', ids: [orderId] },
          }
        })
        // After the commit: a row never points at a deleted object. A failed delete is logged (an orphan).
        await removeObjects([removed.storageKey])
      },
    }
  }

  return {
    removeObjects,
    ...filesOf('work_order'),
    /** A repair order's attachments: the same rules and storage. */
    repairOrders: filesOf('repair_order'),
    /** A check-in's photos from the counter, by its id: added and removed while it is pending. */
    checkIn: filesOf('check_in'),
  }
}

export type FilesService = ReturnType<typeof createFilesService>
