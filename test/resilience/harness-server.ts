// The production app in its own process, plus one route that reads through the pool, so a fault test
// can see what a data request answers while PostgreSQL is down. Business routes will replace it.
import { count } from 'drizzle-orm'
import { buildApp } from '../../src/app.js'
import { loadConfig } from '../../src/config.js'
import { workOrders } from '../../src/models/index.js'

const config = loadConfig()
const app = await buildApp({ config })
app.get('/probe/work-orders/count', { config: { access: 'public' } }, async () => {
  const [row] = await app.db.select({ n: count() }).from(workOrders)
  return { n: row?.n ?? 0 }
})
process.on('SIGTERM', () => {
  app.close().then(() => process.exit(0))
})
await app.listen({ port: config.port, host: '127.0.0.1' })
console.log('ready')
