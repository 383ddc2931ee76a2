import { defineConfig } from 'drizzle-kit'

// Only `generate` is used: migrations are applied by our own runner (src/db/migrator.ts),
// which adds down scripts and an advisory lock that drizzle-kit migrate does not have.
export default defineConfig({
  dialect: 'postgresql',
  schema: './src/models/index.ts',
  out: './drizzle',
  casing: 'snake_case',
})
