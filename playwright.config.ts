import { defineConfig } from '@playwright/test';

// Journeys in Debian's Chromium (never a downloaded browser) against the app on an in-memory
// database with demo data, on a port of its own.
const PORT = Number(process.env.E2E_PORT ?? 3999);
// The journeys run as two halves side by side, each against a server and demo data of its own, so
// one half's changes never reach the other's pages; within a half, one journey at a time, as
// before. A browser and a server each wait on the other, so two halves use two cores where one
// used little more than one. The second half is these files, about half the journeys' time (the
// list report's durations, half by half, say when to move one); a new journey goes in the first.
const SECOND_PORT = Number(process.env.E2E_SECOND_PORT ?? PORT + 100);
const SECOND_HALF = [
  'advice-portal.spec.ts',
  'advice.spec.ts',
  'assessment-decisions.spec.ts',
  'cases-import.spec.ts',
  'casework.spec.ts',
  'child-validation.spec.ts',
  'family-portal.spec.ts',
  'improvement-public-page.spec.ts',
  'managers-and-administrators.spec.ts',
  'plan.spec.ts',
  'portal-sign-in.spec.ts',
  'school-portal.spec.ts',
];

const runningAt = (port: number) => `(?=[\\s\\S]*is running at http://127\\.0\\.0\\.1:${port} )`;

export default defineConfig({
  testDir: './e2e',
  fullyParallel: false,
  workers: 2,
  retries: 0,
  forbidOnly: true,
  reporter: process.env.CI ? [['list'], ['json', { outputFile: 'test-results/e2e.json' }]] : [['list'], ['json', { outputFile: 'test-results/e2e.json' }]],
  outputDir: 'test-results/e2e',
  timeout: 60_000,
  use: {
    screenshot: 'only-on-failure',
    trace: 'off',
    launchOptions: {
      executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
      args: [
        '--headless',
        '--no-sandbox',
        '--disable-gpu',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
        '--no-first-run',
      ],
    },
  },
  projects: [
    { name: 'journeys', testIgnore: SECOND_HALF.map((file) => `**/${file}`), workers: 1, use: { baseURL: `http://127.0.0.1:${PORT}` } },
    { name: 'journeys (second half)', testMatch: SECOND_HALF.map((file) => `**/${file}`), workers: 1, use: { baseURL: `http://127.0.0.1:${SECOND_PORT}` } },
  ],
  // One command for both servers: Playwright starts its web servers one after another, and each
  // spends most of a minute loading the demo. Ready when both have said where they are running.
  // The command also starts a stand-in for the council's identity provider on 127.0.0.1, on a
  // port of its own, that both sign staff in through (e2e/support/servers.ts).
  webServer: {
    command: `node --import tsx e2e/support/servers.ts ${PORT} ${SECOND_PORT}`,
    wait: { stdout: new RegExp(`^${runningAt(PORT)}${runningAt(SECOND_PORT)}`) },
    // Loading the demo takes about a minute on a quiet 2-core machine, and three on a busy one.
    timeout: 300_000,
    reuseExistingServer: false,
    stdout: 'pipe',
    env: {
      HOST: '127.0.0.1',
      DATA_DIR: 'memory://',
      DATABASE_URL: '',
      NODE_ENV: 'test',
      LOG_LEVEL: 'warn',
      SEED_DEMO_DATA: 'true',
    },
  },
});
