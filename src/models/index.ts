// The whole schema, as drizzle-kit and the query builder see it.
export * from './audit.js'
export * from './catalog.js'
export * from './customers.js'
export * from './rate-limits.js'
export * from './relations.js'
export * from './sources.js'
export * from './users.js'
export * from './work-orders.js'
