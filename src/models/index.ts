// The whole schema, as drizzle-kit and the query builder see it.
export * from './catalog.js'
export * from './customers.js'
export * from './relations.js'
export * from './sources.js'
export * from './work-orders.js'
