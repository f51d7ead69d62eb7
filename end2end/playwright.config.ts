// Playwright config for dichvucong's end-to-end tests.
//
// Run through scripts/e2e.sh (starts the release server on a fresh DB, sets BASE_URL):
//   make build && scripts/e2e.sh [playwright args]
// Chromium is Debian's /usr/bin/chromium — never `npx playwright install`.
//
// Every spec runs twice: project `js` (islands hydrate) and `nojs` (JavaScript disabled:
// the portal must work as plain HTML forms + links). A test whose title or tag contains
// `@js` is JS-only and is skipped in `nojs`.
import { defineConfig, devices } from '@playwright/test';

const isCI = !!process.env.CI;
// CI runs on a shared host whose speed varies about twofold from hour to hour (bench/RESULTS.md):
// there every wait may take twice as long before it counts as a failure. What is asserted is the same.
const patience = isCI ? 2 : 1;
const baseURL = process.env.BASE_URL ?? 'http://127.0.0.1:3100';

const chromium = {
  ...devices['Desktop Chrome'],
  // Vietnamese citizens: a Vietnamese browser, Vietnamese clock.
  locale: 'vi-VN',
  timezoneId: 'Asia/Ho_Chi_Minh',
  launchOptions: {
    executablePath: '/usr/bin/chromium',
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  },
};

export default defineConfig({
  testDir: './tests',
  outputDir: './test-results',
  fullyParallel: true,
  forbidOnly: isCI,
  retries: 0,
  workers: 2,
  timeout: 30_000 * patience,
  expect: { timeout: 5_000 * patience },
  reporter: isCI
    ? [['list']]
    : [['list'], ['html', { outputFolder: 'report', open: 'never' }]],
  use: {
    baseURL,
    screenshot: 'only-on-failure',
    trace: 'retain-on-failure',
    actionTimeout: 10_000 * patience,
    navigationTimeout: 15_000 * patience,
  },
  projects: [
    {
      name: 'js',
      use: { ...chromium, javaScriptEnabled: true },
    },
    {
      name: 'nojs',
      use: { ...chromium, javaScriptEnabled: false },
      grepInvert: /@js(?![\w-])/,
    },
  ],
});
