import { defineConfig } from 'vitest/config';

// One suite for both engines: PGlite by default, PostgreSQL when TEST_DATABASE_URL is set.
export const config = defineConfig({
  test: {
    include: [
      'shared/**/*.test.ts',
      'server/**/*.test.ts',
      'web/**/*.test.ts',
      'bench/**/*.test.ts',
      'test/**/*.test.ts',
    ],
    globalSetup: ['test/global-setup.ts'],
    setupFiles: ['test/setup-file.ts'],
    testTimeout: 60_000,
    hookTimeout: 120_000,
    pool: 'forks',
    // Test files share their worker's modules (each opens its own database): importing the server's module graph
    // again for each of 150 files took about a quarter of the suite's time.
    isolate: false,
    maxWorkers: 2,
  },
});

export default config;
