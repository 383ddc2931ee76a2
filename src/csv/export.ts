import { Readable } from 'node:stream'
import { pipeline } from 'node:stream/promises'
import { stringify } from 'csv-stringify'
import type { Db } from '../db/index.js'
import type { ListParams } from '../repositories/list-query.js'
import { createWorkOrdersRepository } from '../repositories/work-orders.js'

/**
 * The export's columns: the runbook's backup columns first (WorkOrderNo, CustomerName, Status, Price), then
 * the rest under the legacy names where one exists, so the file reads back through the importer.
 */
const COLUMNS = [
  ['WorkOrderNo', 'workOrderNo'],
  ['CustomerName', 'customerName'],
  ['Status', 'status'],
  ['Price', 'total'],
  ['DateIn', 'dateIn'],
  ['DateCompleted', 'dateCompleted'],
  ['Source', 'sourceName'],
  ['CustID', 'customerNo'],
  ['WOName', 'name'],
  ['DateRequired', 'dateRequired'],
  ['Clean', 'dateCleaned'],
  ['Treat', 'dateTreated'],
  ['RushOrder', 'rush'],
  ['FirmRush', 'firmRush'],
  ['Quote', 'quoteStatus'],
  ['ItemCount', 'itemCount'],
  ['SquareFeet', 'squareFeet'],
] as const

const QUOTE_LEGACY: Record<string, string> = { pending: 'Yes', approved: 'Approved', declined: 'Declined' }

/** A CSV byte stream of every matching work order, produced batch by batch with backpressure. */
export function workOrdersCsv(db: Db, params: Omit<ListParams, 'page' | 'pageSize' | 'sort'>): Readable {
  // Built before streaming starts: a bad filter is a 400, not a broken download.
  const batches = createWorkOrdersRepository(db).exportRows(params)
  async function* records() {
    for await (const batch of batches) {
      for (const row of batch) {
        yield COLUMNS.map(([, key]) => {
          const value = row[key]
          if (key === 'quoteStatus') return value ? QUOTE_LEGACY[value as string] : ''
          if (typeof value === 'boolean') return value ? 'True' : 'False'
          if (key === 'total') return (value as number).toFixed(2)
          return value ?? ''
        })
      }
    }
  }
  const csv = stringify({ header: true, columns: COLUMNS.map(([header]) => header) })
  // pipeline (not pipe) carries a database error mid-export into the CSV stream, which ends the
  // response instead of leaving the download hanging; Fastify logs it from there.
  pipeline(Readable.from(records()), csv).catch(() => {})
  return csv
}
