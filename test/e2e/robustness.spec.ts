/**
 * Issue 13 in the browser: a panel's render exception stays in that panel; notebooks that froze the
 * page or broke a lesson's locks are refused with a message and change nothing; the page carries
 * its Content-Security-Policy (fixtures.ts checks every test for violations).
 */
import { expect, test } from './fixtures';
import type { Page } from '@playwright/test';
import { CONTENT_SECURITY_POLICY } from '../../tools/csp';
import { text as notebook } from '../state/history/fixture';
import { metrics, open, SMALL, stepCount } from './helpers';

/** The fixture notebook (a 2-lane sweep, tau=4, 100 steps) with a change. */
function changed(change: (nb: { metrics: { evals: { mse: number[] }[] } }) => void): string {
  const nb = JSON.parse(notebook) as { metrics: { evals: { mse: number[] }[] } };
  change(nb);
  return JSON.stringify(nb);
}

async function openHistory(page: Page): Promise<void> {
  const toggle = page.getByTestId('history-toggle');
  if ((await toggle.getAttribute('aria-expanded')) !== 'true') await toggle.click();
  await expect(page.getByTestId('history-storage')).toBeVisible();
}

async function importText(page: Page, name: string, text: string): Promise<void> {
  await page.getByTestId('history-import').setInputFiles({ name, mimeType: 'application/json', buffer: Buffer.from(text) });
}

const configOf = (page: Page): Promise<{ kind: string; mHs: number[] }> =>
  page.evaluate(() => (window as unknown as { __rankscope: { config: { getState(): { config: { kind: string; mHs: number[] } } } } }).__rankscope.config.getState().config);

test('a render exception in one panel shows a message there; the rest of the page keeps working', async ({ page }) => {
  // Make the browser's encodeURIComponent throw on a marked text, as it threw on a lone surrogate in
  // ask= (issue 13): "Make lesson link" encodes the page's question while rendering.
  await page.addInitScript(() => {
    const encode = window.encodeURIComponent;
    window.encodeURIComponent = (s: string | number | boolean): string => {
      if (String(s).includes('\u2603')) throw new URIError('URI malformed');
      return encode(s);
    };
  });
  await open(page, `${SMALL}&ask=%E2%98%83%20Will%20it%20fall%3F&choices=Yes|No&answer=1`);
  const failed = page.getByTestId('panel-error');
  await expect(failed).toHaveCount(1);
  await expect(failed).toHaveAttribute('data-panel', 'Make lesson link');
  await expect(failed).toContainText('Make lesson link failed');
  await expect(failed).toHaveAttribute('title', 'URIError: URI malformed');
  // Everything else is there and works: the question, Play, the curves, the history.
  await expect(page.getByTestId('lesson-ask')).toContainText('Will it fall?');
  await expect(page.getByTestId('copy-link')).toBeVisible();
  await expect(page.getByTestId('history')).toBeVisible();
  await page.getByTestId('lesson-choice-0').check();
  await page.getByTestId('step').click();
  await expect.poll(() => stepCount(page)).toBeGreaterThan(0);
  // "Try again" renders the panel afresh (and it fails the same way here).
  await page.getByTestId('panel-retry').click();
  await expect(page.getByTestId('panel-error')).toHaveCount(1);
});

test('a notebook with an evaluation of 1e308 is refused with its path, and the page stays responsive', async ({ page }) => {
  await open(page, SMALL);
  await page.getByTestId('step').click();
  await expect.poll(() => stepCount(page)).toBeGreaterThan(0);
  const before = await metrics(page);
  await importText(page, 'huge.json', changed((nb) => ((nb.metrics.evals[1] as { mse: number[] }).mse[0] = 1e308)));
  await expect(page.getByTestId('import-error')).toContainText('Could not open “huge.json”: metrics.evals[1].mse[0]: expected a number in 0…');
  await expect(page.getByTestId('import-error')).toContainText('Nothing was changed.');
  expect(await metrics(page)).toEqual(before);
  await importText(page, 'deep.json', notebook.replace('"config":{', `"config":{"ranks":${'['.repeat(50_000)}${']'.repeat(50_000)},`));
  await expect(page.getByTestId('import-error')).toContainText('nests arrays or objects more than 12 deep');
  expect(await page.evaluate(() => 1 + 1)).toBe(2);
  expect(await metrics(page)).toEqual(before);
});

test('a lesson’s locks hold through Import and Reopen: a run that changes a locked field is refused', async ({ page }) => {
  // Keep the fixture's sweep in this browser's history first (no lesson here).
  await open(page, SMALL);
  await openHistory(page);
  await importText(page, 'sweep.json', notebook);
  await expect(page.getByTestId('import-error')).toHaveCount(0);
  await expect(page.getByTestId('history-item')).toHaveCount(1);
  await expect.poll(async () => (await configOf(page)).kind).toBe('sweep');

  const lesson = 'v=1&kind=single&lock=kind,mh,mhs';
  await open(page, lesson);
  await importText(page, 'sweep.json', notebook);
  await expect(page.getByTestId('import-error')).toContainText('Could not open “sweep.json”: this lesson link locks kind, mhs, and the run has kind=sweep (the lesson\'s is single)');
  await expect(page.getByTestId('import-error')).toContainText('Nothing was changed.');
  expect((await configOf(page)).kind).toBe('single');

  await openHistory(page);
  await expect(page.getByTestId('history-item')).toHaveCount(1); // the refused import was not kept
  await page.getByTestId('history-reopen').click();
  await expect(page.getByTestId('import-error')).toContainText('Could not reopen run #1: this lesson link locks kind, mhs');
  expect((await configOf(page)).kind).toBe('single');
  expect(await page.evaluate(() => location.search)).toMatch(/lock=kind,mh,mhs$/);
});

test.describe('Content-Security-Policy', () => {
  // The inline script below is refused on purpose; Chromium reports it on the console.
  test.use({ cspAllowed: /inline script|script-src-elem/ });

  test('the built page carries its Content-Security-Policy, as a meta tag and from vite preview', async ({ page }) => {
    const response = await page.goto(`/?${SMALL}`);
    expect(response?.headers()['content-security-policy']).toBe(CONTENT_SECURITY_POLICY);
    await expect(page.locator('meta[http-equiv="Content-Security-Policy"]')).toHaveAttribute('content', CONTENT_SECURITY_POLICY);
    expect(CONTENT_SECURITY_POLICY).toContain("script-src 'self' 'wasm-unsafe-eval'");
    // An inline script is blocked (the fixture expects no violation, so listen for this one here).
    const blocked = await page.evaluate(
      () =>
        new Promise<string>((resolve) => {
          document.addEventListener('securitypolicyviolation', (e) => {
            e.stopImmediatePropagation();
            resolve(e.effectiveDirective);
          }, { once: true, capture: true });
          const s = document.createElement('script');
          s.textContent = 'window.__inline = true';
          document.head.append(s);
        }),
    );
    expect(blocked).toBe('script-src-elem');
    expect(await page.evaluate(() => (window as unknown as { __inline?: boolean }).__inline)).toBeUndefined();
  });
});
