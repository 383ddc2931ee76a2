import { defineConfig } from 'vitest/config'

// Fault tests: each starts its own PostgreSQL (scripts/pg-throwaway.sh) and breaks it on purpose.
export default defineConfig({
  test: {
    include: ['test/resilience/**/*.test.ts'],
    testTimeout: 120_000,
    hookTimeout: 120_000,
    pool: 'forks',
    fileParallelism: false,
  },
})
