import { defineConfig, devices } from '@playwright/test'

// Browser tests: a real hub (e2e/server.mjs: fresh data folder, fresh database, demo data)
// driven through Debian's Chromium. Run `npx playwright test`; add
// TEST_DATABASE_URL=postgresql://… to run them against PostgreSQL instead of the embedded one.
const port = Number(process.env.E2E_PORT ?? 3210)
const baseURL = `http://127.0.0.1:${port}`

export default defineConfig({
  testDir: 'e2e',
  fullyParallel: false,
  workers: 1,
  retries: process.env.CI ? 1 : 0,
  forbidOnly: !!process.env.CI,
  // `npm test` (scripts/test.mjs) sets PLAYWRIGHT_JSON_OUTPUT_NAME to count the results.
  reporter: process.env.PLAYWRIGHT_JSON_OUTPUT_NAME ? [['list'], ['json']] : 'list',
  // Playwright empties its output folder first: keep it apart from the rest of
  // test-results/ (Vitest's JSON report, e2e-data-dir.txt).
  outputDir: 'test-results/playwright',
  timeout: 30_000,
  expect: { timeout: 5_000 },
  use: {
    baseURL,
    // Traces cost seconds per test on a 2-core machine: only when CI retries a failure.
    trace: 'on-first-retry',
    screenshot: 'only-on-failure',
  },
  projects: [
    {
      name: 'chromium',
      use: {
        ...devices['Desktop Chrome'],
        launchOptions: {
          executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
          args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
        },
      },
    },
  ],
  webServer: {
    command: 'node e2e/server.mjs',
    url: `${baseURL}/healthz`,
    env: { E2E_PORT: String(port) },
    reuseExistingServer: false,
    timeout: 120_000,
    stdout: 'pipe',
    stderr: 'pipe',
    // SIGTERM (not SIGKILL) so the server script can drop its database and data folder.
    gracefulShutdown: { signal: 'SIGTERM', timeout: 15_000 },
  },
})
