import pg from 'pg'
import type { DbLogger } from './types.js'

export interface ChannelListener {
  /** True while the LISTEN connection is up; notifications may be missed while it is not. */
  connected(): boolean
  close(): Promise<void>
}

/**
 * LISTEN on a dedicated connection (a pooled one may be handed to someone else), reconnecting with
 * backoff after the server restarts. onReconnect runs after every re-established LISTEN, because
 * notifications sent while it was down are lost.
 */
export function listenOnChannel(
  config: pg.ClientConfig,
  channel: string,
  handlers: { onMessage(payload: string): void; onReconnect(): void },
  log: DbLogger,
): ChannelListener {
  let client: pg.Client | undefined
  let up = false
  let closed = false
  let delay = 250
  let timer: NodeJS.Timeout | undefined
  let everConnected = false

  const schedule = () => {
    if (closed || timer) return
    timer = setTimeout(() => {
      timer = undefined
      void connect()
    }, delay)
    delay = Math.min(delay * 2, 5000)
  }

  async function connect() {
    const c = new pg.Client(config)
    client = c
    c.on('error', (err) => {
      up = false
      log.warn({ err: { message: err.message } }, `LISTEN ${channel} connection lost`)
      c.end().catch(() => {})
      schedule()
    })
    c.on('end', () => {
      up = false
      schedule()
    })
    c.on('notification', (n) => {
      if (n.channel === channel) handlers.onMessage(n.payload ?? '')
    })
    try {
      await c.connect()
      await c.query(`LISTEN ${channel}`)
      up = true
      delay = 250
      if (everConnected) handlers.onReconnect()
      everConnected = true
    } catch (err) {
      up = false
      log.warn({ err: { message: (err as Error).message } }, `LISTEN ${channel} could not connect`)
      c.end().catch(() => {})
      schedule()
    }
  }

  void connect()
  return {
    connected: () => up,
    async close() {
      closed = true
      if (timer) clearTimeout(timer)
      up = false
      await client?.end().catch(() => {})
    },
  }
}
