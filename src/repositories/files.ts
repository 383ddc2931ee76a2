import { and, asc, eq } from 'drizzle-orm'
import type { Db } from '../db/index.js'
import { checkIns, repairOrders, workOrderFiles, workOrders } from '../models/index.js'

const listed = {
  id: workOrderFiles.id,
  originalName: workOrderFiles.originalName,
  contentType: workOrderFiles.contentType,
  sizeBytes: workOrderFiles.sizeBytes,
  uploadedBy: workOrderFiles.uploadedBy,
  createdAt: workOrderFiles.createdAt,
}

/**
 * Whose attachments: a work order's, a repair order's or a check-in's (one table, one foreign key per kind).
 * A check-in has no number of its own: it is addressed by its id. A converted check-in's photos keep their
 * check_in_id and gain the order's key, so both screens list them.
 */
export type FileOwnerKind = 'work_order' | 'repair_order' | 'check_in'

const OWNERS = {
  work_order: {
    table: workOrders,
    no: workOrders.workOrderNo,
    id: workOrders.id,
    fk: workOrderFiles.workOrderId,
  },
  repair_order: {
    table: repairOrders,
    no: repairOrders.repairOrderNo,
    id: repairOrders.id,
    fk: workOrderFiles.repairOrderId,
  },
  check_in: {
    table: checkIns,
    no: checkIns.id,
    id: checkIns.id,
    fk: workOrderFiles.checkInId,
  },
} as const

const COLUMNS = { work_order: 'workOrderId', repair_order: 'repairOrderId', check_in: 'checkInId' } as const

/** Attachment rows of one kind of owner; the objects themselves are the storage driver's business. */
export function createOwnerFilesRepository(db: Db, kind: FileOwnerKind) {
  const owner = OWNERS[kind]
  const column = COLUMNS[kind]
  return {
    async ownerId(no: number): Promise<number | undefined> {
      const [row] = await db.select({ id: owner.id }).from(owner.table).where(eq(owner.no, no))
      return row?.id
    },

    async insert(
      ownerId: number,
      values: Omit<typeof workOrderFiles.$inferInsert, 'workOrderId' | 'repairOrderId' | 'checkInId'>,
      tx: Db = db,
    ) {
      const [row] = await tx
        .insert(workOrderFiles)
        .values({ ...values, [column]: ownerId })
        .returning(listed)
      return row as NonNullable<typeof row>
    },

    async list(ownerId: number) {
      return db
        .select(listed)
        .from(workOrderFiles)
        .where(eq(owner.fk, ownerId))
        .orderBy(asc(workOrderFiles.createdAt), asc(workOrderFiles.id))
    },

    async get(ownerId: number, fileId: string) {
      const [row] = await db
        .select({ ...listed, storageKey: workOrderFiles.storageKey })
        .from(workOrderFiles)
        .where(and(eq(owner.fk, ownerId), eq(workOrderFiles.id, fileId)))
      return row
    },

    async remove(ownerId: number, fileId: string, tx: Db = db) {
      const [row] = await tx
        .delete(workOrderFiles)
        .where(and(eq(owner.fk, ownerId), eq(workOrderFiles.id, fileId)))
        .returning({ storageKey: workOrderFiles.storageKey, originalName: workOrderFiles.originalName })
      return row
    },

    /** Storage keys of an owner's files (read before the owner is deleted, to remove the objects after). */
    async keysOf(ownerId: number, tx: Db = db): Promise<string[]> {
      const rows = await tx
        .select({ key: workOrderFiles.storageKey })
        .from(workOrderFiles)
        .where(eq(owner.fk, ownerId))
      return rows.map((r) => r.key)
    },
  }
}
