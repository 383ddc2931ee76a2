import type { Database } from '../db/index.js'

export interface HealthCheckOptions {
  /** The database must answer within this (the load balancer's own timeout is longer). */
  timeoutMs: number
  /** A result is reused this long, so a burst of probes costs one query. */
  cacheMs: number
}

/**
 * The load balancer's probe must stay fast under load and open no connection per call: concurrent
 * probes share one in-flight ping, and its result is reused for cacheMs.
 */
export function createHealthCheck(database: Pick<Database, 'ping'>, options: HealthCheckOptions) {
  let inFlight: Promise<boolean> | undefined
  let last: { ok: boolean; at: number } | undefined

  return async function databaseIsUp(): Promise<boolean> {
    if (last && Date.now() - last.at < options.cacheMs) return last.ok
    inFlight ??= database
      .ping(options.timeoutMs)
      .then(
        () => true,
        () => false,
      )
      .then((ok) => {
        last = { ok, at: Date.now() }
        inFlight = undefined
        return ok
      })
    return inFlight
  }
}
