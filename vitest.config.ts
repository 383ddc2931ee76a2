import { configDefaults, defineConfig } from 'vitest/config'

// Vite merges a project's arrays into the root's, so include/exclude live in the projects only.
// Files that replace a module with vi.mock need a module registry of their own.
const NEEDS_ISOLATION = ['test/ml/fallback.test.ts']

// Tests run on embedded PGlite by default and on a real PostgreSQL when TEST_DATABASE_URL is set;
// each test file gets its own fresh database (a copy of a template the global setup makes once), so files
// can run in parallel.
export default defineConfig({
  test: {
    globalSetup: ['test/helpers/templates.ts'],
    testTimeout: 30_000,
    hookTimeout: 60_000,
    pool: 'forks',
    // Vitest's default is one worker per core minus one: a single worker on a 2-core CI machine, which left a
    // core idle while a file waited on chromium, PostgreSQL or a child CLI. Every test already allows for a
    // busy machine (no wall-clock budgets), and the suite passed with two workers under heavy load.
    maxWorkers: 2,
    projects: [
      {
        // Each worker imports the app once and runs file after file in it. Isolating every file cost an
        // import of the whole app per file (~3 s each, a third of the suite's time). Every file builds its
        // own app and database, so nothing a test relies on lives in module state.
        extends: true,
        test: {
          name: 'shared',
          isolate: false,
          include: ['test/**/*.test.{ts,tsx}'],
          exclude: [...configDefaults.exclude, 'test/resilience/**', ...NEEDS_ISOLATION],
        },
      },
      { extends: true, test: { name: 'isolated', include: NEEDS_ISOLATION } },
    ],
  },
})
