import { defineConfig } from 'vitest/config';

// Two cores: two worker processes. Integration tests (*.int.test.ts) run against real SQLite files
// and a real PostgreSQL (ONSET_TEST_PG_URL, required); each file gets its own database.
export default defineConfig({
  test: {
    include: ['src/**/*.test.ts', 'test/**/*.test.ts'],
    pool: 'forks',
    maxWorkers: 2,
    testTimeout: 30_000,
    hookTimeout: 60_000,
    setupFiles: ['test/support/wire.ts'],
  },
});
