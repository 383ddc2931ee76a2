import { existsSync } from 'node:fs'
import module from 'node:module'
import type { LoggerOptions } from 'pino'

// The only file that listens. Everything else is built by buildApp, exactly as the tests build it.

// Node 22 keeps compiled JavaScript on disk (os.tmpdir()/node-compile-cache): every start after the first
// skips most of parsing and compiling. It sees only modules loaded after this line, hence the dynamic
// imports below. (`npm run bench:start` measures it.)
module.enableCompileCache?.()

if (existsSync('.env')) process.loadEnvFile('.env')

const { ConfigError, loadConfig } = await import('./config.js')
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

const { default: pino } = await import('pino')
const { loggerOptions } = await import('./logger.js')
const startupLog = pino(loggerOptions(config.logLevel) as LoggerOptions)

// The database is opened and migrated before the app is built, not inside a plugin: a first start on the
// embedded database (PGlite's initdb) can outlast Fastify's plugin timeout on a busy machine, and that
// timeout must not decide whether the shop's server starts. Loading the app's modules meanwhile overlaps
// with PGlite's WebAssembly compile, which runs on other threads.
const fail = (err: Error): never => {
  console.error(`Startup failed: ${err.message}`)
  process.exit(1)
}
const [{ buildApp }, { version }, { configSummary }, database] = await Promise.all([
  import('./app.js'),
  import('./version.js'),
  import('./config-summary.js'),
  import('./db/startup.js').then(({ openAndMigrate }) => openAndMigrate(config, startupLog)),
]).catch(fail)
const { default: closeWithGrace } = await import('close-with-grace')

const app = await buildApp({ config, database }).catch(async (err: Error) => {
  await database.close().catch(() => {})
  return fail(err)
})

// On SIGTERM/SIGINT: stop accepting, answer 503 to new requests on open sockets, let in-flight ones
// finish, close the database, and exit within SHUTDOWN_GRACE_MS (EB waits 10 s before SIGKILL).
closeWithGrace({ delay: config.shutdownGraceMs }, async ({ signal, err }) => {
  if (err) app.log.error({ err }, 'closing after an uncaught error')
  else app.log.info({ signal }, 'shutting down')
  try {
    await app.close()
  } finally {
    await database.close()
    app.log.info('database closed')
  }
})

await app.listen({ port: config.port, host: config.host })
// One line an operator can read at a glance: what runs, where it points (never a secret's value).
app.log.info({ version, node: process.version, config: configSummary(config) }, 'service started')
const shown = config.host === '0.0.0.0' || config.host === '::' ? 'localhost' : config.host
app.log.info(`API docs at http://${shown}:${config.port}/docs`)
