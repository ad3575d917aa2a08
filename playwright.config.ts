import { defineConfig } from '@playwright/test';
import { resolveOnThisMachine } from './test/browser/machine';
import { noBrowserMessage } from './test/browser/resolve';

/** RS_PORT lets several checkouts run their e2e suites side by side. */
const PORT = Number(process.env.RS_PORT ?? 4173);
/** The same build served cross-origin isolated (COOP/COEP, vite.config.ts), for isolated.spec.ts. */
export const ISOLATED_PORT = PORT + 1;

/** The browser test/browser/resolve.ts finds (npm test runs ensure-cli first, which installs or explains). */
const browser = resolveOnThisMachine();
if (!browser.ok) throw new Error(noBrowserMessage(browser, process.platform));

/** End-to-end tests: the built app in the Chrome or Chromium found on this machine (never a download). */
export default defineConfig({
  testDir: 'test/e2e',
  timeout: 180_000,
  expect: { timeout: 60_000 },
  workers: 1,
  retries: 0,
  reporter: [['list']],
  use: {
    baseURL: `http://localhost:${PORT}`,
    browserName: 'chromium',
    launchOptions: {
      executablePath: browser.path,
      args: [
        '--no-sandbox',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
        '--no-first-run',
        '--disable-quic',
        '--enable-unsafe-webgpu',
      ],
    },
    viewport: { width: 1280, height: 900 },
  },
  webServer: [
    {
      command: `npx vite preview --port ${PORT} --strictPort`,
      url: `http://localhost:${PORT}`,
      reuseExistingServer: !process.env.CI,
      timeout: 60_000,
    },
    {
      command: `npx vite preview --port ${ISOLATED_PORT} --strictPort`,
      url: `http://localhost:${ISOLATED_PORT}`,
      env: { RS_ISOLATED: '1' },
      reuseExistingServer: !process.env.CI,
      timeout: 60_000,
    },
  ],
});
