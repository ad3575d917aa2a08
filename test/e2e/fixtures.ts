/**
 * Playwright's `test` with one automatic check on every page a test opens: no Content-Security-Policy
 * violation (tools/csp.ts), whether the browser reports it on the console or as a
 * `securitypolicyviolation` event. Every spec imports `test` and `expect` from here.
 */
import { expect, test as base } from '@playwright/test';

export const test = base.extend<{ cspAllowed: RegExp | null; cspGuard: undefined }>({
  /** Violations a test provokes on purpose (`test.use({ cspAllowed: /…/ })`); null: none allowed. */
  cspAllowed: [null, { option: true }],
  cspGuard: [
    async ({ page, cspAllowed }, use) => {
      const violations: string[] = [];
      page.on('console', (m) => {
        const text = m.text();
        if (/Content[- ]Security[- ]Policy/i.test(text) && !(cspAllowed?.test(text) ?? false)) violations.push(text);
      });
      await page.addInitScript(() => {
        document.addEventListener('securitypolicyviolation', (e) => {
          console.error(`Content-Security-Policy violation: ${e.effectiveDirective} blocked ${e.blockedURI || '(inline)'} at ${e.sourceFile}:${e.lineNumber}`);
        });
      });
      await use(undefined);
      expect(violations, 'Content-Security-Policy violations on the page').toEqual([]);
    },
    { auto: true },
  ],
});

export { expect };
