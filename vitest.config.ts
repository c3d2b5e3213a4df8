import { defineConfig } from 'vitest/config';

// Two tiers: unit tests beside the code (no I/O), and integration tests (*.int.test.ts) that run
// against a real database engine: PGlite by default, PostgreSQL when TEST_DATABASE_URL is set.
export default defineConfig({
  test: {
    projects: [
      {
        test: {
          name: 'unit',
          include: ['src/**/*.test.ts', 'scripts/**/*.test.ts'],
          exclude: ['src/**/*.int.test.ts', 'node_modules/**'],
          // As for the integration tests: a worker keeps the modules it loaded for its next file.
          // Loading them again for each file was three quarters of the unit tests' time. No unit
          // test replaces a module, fakes the timers or changes the environment.
          isolate: false,
        },
      },
      {
        test: {
          name: 'integration',
          include: ['src/**/*.int.test.ts'],
          globalSetup: ['src/test/global-setup.ts'],
          // A file's worker keeps the modules it loaded for the next file, rather than loading the
          // whole service again for each: that was most of a file's time. The files still never share
          // a database (each makes its own from the template), and no test replaces a module.
          isolate: false,
          // A budget for one behaviour, met many times over on a quiet machine; files run side by side on
          // every core (scripts/test.ts), so a busy machine must not fail a test for its speed.
          testTimeout: 60_000,
          hookTimeout: 60_000,
        },
      },
    ],
  },
});
