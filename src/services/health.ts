import type { ReplicaStatus } from '../cache/analytics-cache.js'
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

const PING_TIMEOUT_MS = 2000
const RESULT_REUSE_MS = 1000

/** The load balancer's probe: healthy when the database answers within ~2 s. */
export function createHealthService(deps: {
  database: Pick<Database, 'ping'>
  replicaStatus: () => ReplicaStatus
  version: string
}) {
  const databaseIsUp = createHealthCheck(deps.database, {
    timeoutMs: PING_TIMEOUT_MS,
    cacheMs: RESULT_REUSE_MS,
  })
  return {
    async check() {
      const up = await databaseIsUp()
      const replica = deps.replicaStatus()
      return {
        status: up ? ('healthy' as const) : ('unhealthy' as const),
        database: up ? ('connected' as const) : ('disconnected' as const),
        timestamp: new Date().toISOString(),
        version: deps.version,
        uptimeSeconds: Math.round(process.uptime()),
        ...(replica === 'not configured' ? {} : { analyticsReplica: replica }),
      }
    },
  }
}

export type HealthService = ReturnType<typeof createHealthService>
