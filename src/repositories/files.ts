import { and, asc, eq } from 'drizzle-orm'
import type { Db } from '../db/index.js'
import { workOrderFiles, workOrders } from '../models/index.js'

const listed = {
  id: workOrderFiles.id,
  originalName: workOrderFiles.originalName,
  contentType: workOrderFiles.contentType,
  sizeBytes: workOrderFiles.sizeBytes,
  uploadedBy: workOrderFiles.uploadedBy,
  createdAt: workOrderFiles.createdAt,
}

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

    async insert(values: typeof workOrderFiles.$inferInsert, tx: Db = db) {
      const [row] = await tx.insert(workOrderFiles).values(values).returning(listed)
      return row as NonNullable<typeof row>
    },

    async list(workOrderId: number) {
      return db
        .select(listed)
        .from(workOrderFiles)
        .where(eq(workOrderFiles.workOrderId, workOrderId))
        .orderBy(asc(workOrderFiles.createdAt), asc(workOrderFiles.id))
    },

    async get(workOrderId: number, fileId: string) {
      const [row] = await db
        .select({ ...listed, storageKey: workOrderFiles.storageKey })
        .from(workOrderFiles)
        .where(and(eq(workOrderFiles.workOrderId, workOrderId), eq(workOrderFiles.id, fileId)))
      return row
    },

    async remove(workOrderId: number, fileId: string, tx: Db = db) {
      const [row] = await tx
        .delete(workOrderFiles)
        .where(and(eq(workOrderFiles.workOrderId, workOrderId), eq(workOrderFiles.id, fileId)))
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
