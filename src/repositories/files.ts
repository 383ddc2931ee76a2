import { and, asc, eq, type SQL } from 'drizzle-orm'
import type { Db } from '../db/index.js'
import { checkIns, workOrderFiles, workOrders } from '../models/index.js'

const listed = {
  id: workOrderFiles.id,
  originalName: workOrderFiles.originalName,
  contentType: workOrderFiles.contentType,
  sizeBytes: workOrderFiles.sizeBytes,
  uploadedBy: workOrderFiles.uploadedBy,
  createdAt: workOrderFiles.createdAt,
}

/** Whose files: a work order's (its id) or a check-in's. A converted check-in's files are both. */
export type FileOwnerKey = { workOrderId: number } | { checkInId: number }

const ownedBy = (owner: FileOwnerKey): SQL =>
  'workOrderId' in owner
    ? eq(workOrderFiles.workOrderId, owner.workOrderId)
    : eq(workOrderFiles.checkInId, owner.checkInId)

/** Attachment rows; the objects themselves are the storage driver's business. */
export function createFilesRepository(db: Db) {
  return {
    async orderId(workOrderNo: number): Promise<number | undefined> {
      const [row] = await db
        .select({ id: workOrders.id })
        .from(workOrders)
        .where(eq(workOrders.workOrderNo, workOrderNo))
      return row?.id
    },

    async checkInExists(checkInId: number): Promise<boolean> {
      const [row] = await db.select({ id: checkIns.id }).from(checkIns).where(eq(checkIns.id, checkInId))
      return row !== undefined
    },

    async insert(values: typeof workOrderFiles.$inferInsert, tx: Db = db) {
      const [row] = await tx.insert(workOrderFiles).values(values).returning(listed)
      return row as NonNullable<typeof row>
    },

    async list(owner: FileOwnerKey) {
      return db
        .select(listed)
        .from(workOrderFiles)
        .where(ownedBy(owner))
        .orderBy(asc(workOrderFiles.createdAt), asc(workOrderFiles.id))
    },

    async get(owner: FileOwnerKey, fileId: string) {
      const [row] = await db
        .select({ ...listed, storageKey: workOrderFiles.storageKey })
        .from(workOrderFiles)
        .where(and(ownedBy(owner), eq(workOrderFiles.id, fileId)))
      return row
    },

    async remove(owner: FileOwnerKey, fileId: string, tx: Db = db) {
      const [row] = await tx
        .delete(workOrderFiles)
        .where(and(ownedBy(owner), eq(workOrderFiles.id, fileId)))
        .returning({ storageKey: workOrderFiles.storageKey, originalName: workOrderFiles.originalName })
      return row
    },

    /** Storage keys of an order's files (read before the order is deleted, to remove the objects after). */
    async keysOf(workOrderId: number, tx: Db = db): Promise<string[]> {
      const rows = await tx
        .select({ key: workOrderFiles.storageKey })
        .from(workOrderFiles)
        .where(eq(workOrderFiles.workOrderId, workOrderId))
      return rows.map((r) => r.key)
    },
  }
}
