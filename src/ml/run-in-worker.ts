import { Worker } from 'node:worker_threads'
import type { OrderRecord, TrainingConfig, TrainingResult } from './train.js'

export class TrainingTimeoutError extends Error {
  constructor(readonly timeoutMs: number) {
    super(`training did not finish within ${Math.round(timeoutMs / 1000)} s`)
  }
}

/** The worker's entry; from TypeScript sources (tsx, tests) it is loaded through tsx's loader. */
function spawn(workerData: unknown): Worker {
  const self = import.meta.url
  if (!self.endsWith('.ts')) return new Worker(new URL('./worker.js', self), { workerData })
  const api = import.meta.resolve('tsx/esm/api')
  const entry = new URL('./worker.ts', self).href
  const boot = `import { register } from ${JSON.stringify(api)}; register(); await import(${JSON.stringify(entry)})`
  return new Worker(new URL(`data:text/javascript,${encodeURIComponent(boot)}`), { workerData })
}

/**
 * Trains in a worker thread, so the event loop (health checks, the API) keeps answering; the worker is
 * terminated when it runs past timeoutMs.
 */
export function trainInWorker(
  records: OrderRecord[],
  config: TrainingConfig,
  timeoutMs: number,
): Promise<TrainingResult> {
  return new Promise((resolve, reject) => {
    const worker = spawn({ records, config })
    let settled = false
    const settle = (fn: () => void) => {
      if (settled) return
      settled = true
      clearTimeout(timer)
      fn()
      void worker.terminate()
    }
    const timer = setTimeout(() => settle(() => reject(new TrainingTimeoutError(timeoutMs))), timeoutMs)
    worker.on('message', (m: { ok: true; result: TrainingResult } | { ok: false; message: string }) =>
      settle(() => (m.ok ? resolve(m.result) : reject(new RangeError(m.message)))),
    )
    worker.on('error', (err) => settle(() => reject(err)))
    worker.on('exit', (code) => settle(() => reject(new Error(`training worker exited with code ${code}`))))
  })
}
