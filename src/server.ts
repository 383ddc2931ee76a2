import { existsSync } from 'node:fs'
import closeWithGrace from 'close-with-grace'
import { buildApp } from './app.js'
import { ConfigError, loadConfig } from './config.js'
import { configSummary } from './config-summary.js'
import { version } from './version.js'

// The only file that listens. Everything else is built by buildApp, exactly as the tests build it.
if (existsSync('.env')) process.loadEnvFile('.env')

let config: ReturnType<typeof loadConfig>
try {
  config = loadConfig()
} catch (err) {
  if (err instanceof ConfigError) {
    console.error(err.message)
    process.exit(78) // EX_CONFIG
  }
  throw err
}

const app = await buildApp({ config }).catch((err: Error) => {
  console.error(`Startup failed: ${err.message}`)
  process.exit(1)
})

// On SIGTERM/SIGINT: stop accepting, answer 503 to new requests on open sockets, let in-flight ones
// finish, close the pool, and exit within SHUTDOWN_GRACE_MS (EB waits 10 s before SIGKILL).
closeWithGrace({ delay: config.shutdownGraceMs }, async ({ signal, err }) => {
  if (err) app.log.error({ err }, 'closing after an uncaught error')
  else app.log.info({ signal }, 'shutting down')
  await app.close()
})

await app.listen({ port: config.port, host: config.host })
// One line an operator can read at a glance: what runs, where it points (never a secret's value).
app.log.info({ version, node: process.version, config: configSummary(config) }, 'service started')
const shown = config.host === '0.0.0.0' || config.host === '::' ? 'localhost' : config.host
app.log.info(`API docs at http://${shown}:${config.port}/docs`)
