import { configDefaults, defineConfig } from 'vitest/config'

// Tests run on embedded PGlite by default and on a real PostgreSQL when TEST_DATABASE_URL is set;
// each test file gets its own fresh database (a copy of a template the global setup makes once), so files
// can run in parallel.
export default defineConfig({
  test: {
    include: ['test/**/*.test.{ts,tsx}'],
    exclude: [...configDefaults.exclude, 'test/resilience/**'],
    globalSetup: ['test/helpers/templates.ts'],
    testTimeout: 30_000,
    hookTimeout: 60_000,
    pool: 'forks',
    // Vitest's default is one worker per core minus one: a single worker on a 2-core CI machine, which left a
    // core idle while a file waited on chromium, PostgreSQL or a child CLI. Every test already allows for a
    // busy machine (no wall-clock budgets), and the suite passed with two workers under heavy load.
    maxWorkers: 2,
  },
})
