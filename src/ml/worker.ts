// Worker-thread entry: trains on the records it is given and posts the result back.
import { parentPort, workerData } from 'node:worker_threads'
import { type OrderRecord, type TrainingConfig, train } from './train.js'

const { records, config } = workerData as { records: OrderRecord[]; config: TrainingConfig }
try {
  parentPort?.postMessage({ ok: true, result: train(records, config) })
} catch (err) {
  parentPort?.postMessage({ ok: false, message: err instanceof Error ? err.message : String(err) })
}
