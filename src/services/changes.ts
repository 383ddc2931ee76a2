/**
 * The PostgreSQL channel on which a committed change is announced to every instance, so each clears its
 * caches (analytics and list totals). The name predates the list totals and is kept for running instances.
 */
export const CHANGES_CHANNEL = 'analytics_invalidate'

/** A committed change to business data. */
export interface DataChange {
  entity:
    | 'source'
    | 'customer'
    | 'work_order'
    | 'work_order_item'
    | 'work_order_file'
    | 'catalog_item'
    | 'check_in'
    | 'repair_order'
    | 'repair_order_item'
    | 'repair_order_file'
    | 'prediction_snapshot'
  action:
    | 'created'
    | 'updated'
    | 'deleted'
    | 'status_changed'
    | 'imported'
    | 'reordered'
    | 'converted'
    | 'linked'
    | 'unlinked'
  ids: (number | string)[]
}

export type ChangeListener = (change: DataChange) => void

/**
 * The one hook point every write of customers, work orders and items goes through after it commits.
 * Caches subscribe here (the analytics cache invalidates from it, locally and via NOTIFY).
 */
export function createChangeHub(onListenerError: (err: unknown) => void = () => {}) {
  const listeners = new Set<ChangeListener>()
  return {
    subscribe(listener: ChangeListener): () => void {
      listeners.add(listener)
      return () => listeners.delete(listener)
    },
    emit(change: DataChange): void {
      for (const listener of listeners) {
        try {
          listener(change)
        } catch (err) {
          onListenerError(err)
        }
      }
    },
  }
}

export type ChangeHub = ReturnType<typeof createChangeHub>
