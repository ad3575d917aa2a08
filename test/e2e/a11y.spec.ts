import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { expect, test } from './fixtures';
import type { Page } from '@playwright/test';
import { stepQuery } from '../../src/core/tour';
import { text as notebook } from '../state/history/fixture';
import { open, SMALL } from './helpers';

const AXE = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');
const LESSON = `${SMALL}&lock=mh,beta&hide=lr&ask=Will%20the%20loss%20fall%3F&choices=Yes|No&answer=1&explain=It%20does.&embed=maybe`;
const SWEEP = 'kind=sweep&mhs=1,2,4&ranks=2,full&fixed=1&beta=0.5&tau=8&modes=8&steps=200&logev=10&evalev=100&evaln=64&batch=32';
const COMPARE = 'kind=compare&target=memory&tau=12&swapk=3&rnnh=8&n=8&mff=16&mv=8&batch=16&evaln=64&steps=60&logev=10&evalev=30';

interface Violation {
  readonly id: string;
  readonly impact: string | null;
  readonly help: string;
  readonly nodes: readonly { readonly target: readonly string[]; readonly failureSummary?: string }[];
}

/** Runs axe-core on the page; returns the serious and critical violations, printed one per node. */
async function seriousViolations(page: Page): Promise<string[]> {
  // Evaluated through the DevTools protocol: the page's CSP refuses inline <script> tags (addScriptTag).
  if (!(await page.evaluate(() => 'axe' in window))) await page.evaluate(AXE);
  const violations = await page.evaluate(async () => {
    const axe = (window as unknown as { axe: { run(ctx: Document): Promise<{ violations: Violation[] }> } }).axe;
    return (await axe.run(document)).violations;
  });
  return violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .flatMap((v) => v.nodes.map((n) => `${v.impact} ${v.id} (${v.help}): ${n.target.join(' ')}: ${n.failureSummary ?? ''}`));
}

async function setTheme(page: Page, theme: 'light' | 'dark'): Promise<void> {
  await page.getByTestId('theme').selectOption(theme);
  await expect(page.locator('html')).toHaveAttribute('data-theme', theme);
}

for (const theme of ['light', 'dark'] as const) {
  test(`axe finds no serious or critical problem on the default experiment (${theme})`, async ({ page }) => {
    await open(page, '');
    await setTheme(page, theme);
    const found = await seriousViolations(page);
    expect(found, found.join('\n')).toEqual([]);
    // And with the shortcut list open (a modal dialog).
    await page.locator('body').press('?');
    await expect(page.getByTestId('shortcuts-dialog')).toBeVisible();
    const inDialog = await seriousViolations(page);
    expect(inDialog, inDialog.join('\n')).toEqual([]);
  });

  test(`axe finds no serious or critical problem on a sweep with its views (${theme})`, async ({ page }) => {
    await open(page, SWEEP);
    await setTheme(page, theme);
    await page.getByTestId('play').click();
    await expect(page.getByTestId('run-state')).toHaveText(/done/, { timeout: 60_000 });
    await expect(page.getByTestId('rate-plot')).toBeVisible();
    // With an export menu open (hidden until asked for).
    await page.getByTestId('export-rate-toggle').click();
    await expect(page.getByTestId('export-rate-csv')).toBeVisible();
    const found = await seriousViolations(page);
    expect(found, found.join('\n')).toEqual([]);
  });

  test(`axe finds no serious or critical problem on a comparison with its error by position and mean attention (${theme})`, async ({ page }) => {
    await open(page, COMPARE);
    await setTheme(page, theme);
    await page.getByTestId('play').click();
    await expect(page.getByTestId('run-state')).toHaveText(/done/, { timeout: 60_000 });
    await expect(page.getByTestId('position-plot')).toHaveAttribute('data-lines', '6');
    await expect(page.getByTestId('attention-plot').first()).toHaveAttribute('data-lanes', '3');
    await page.getByTestId('export-position-toggle').click();
    await expect(page.getByTestId('export-position-csv')).toBeVisible();
    const found = await seriousViolations(page);
    expect(found, found.join('\n')).toEqual([]);
  });

  test(`axe finds no serious or critical problem on a lesson link and in the lesson dialog (${theme})`, async ({ page }) => {
    await open(page, LESSON); // locked and hidden fields, a question, a lesson-key notice
    await setTheme(page, theme);
    await expect(page.getByTestId('lesson-problem')).toHaveCount(1);
    const found = await seriousViolations(page);
    expect(found, found.join('\n')).toEqual([]);
    await page.getByTestId('lesson-choice-0').check();
    await page.getByTestId('play').click();
    await expect(page.getByTestId('lesson-reveal')).toBeVisible({ timeout: 60_000 });
    await page.getByTestId('make-lesson').click();
    await expect(page.getByTestId('lesson-dialog')).toBeVisible();
    const inDialog = await seriousViolations(page);
    expect(inDialog, inDialog.join('\n')).toEqual([]);
  });

  test(`axe finds no serious or critical problem on the guided tour, with its question, its spot and the essentials panel (${theme})`, async ({ page }) => {
    await open(page, stepQuery(1)); // Fig. 5's "Predict first": the tour panel, the question, the marked spot
    await setTheme(page, theme);
    await expect(page.getByTestId('tour')).toBeVisible();
    await expect(page.getByTestId('also-set')).toBeVisible();
    const found = await seriousViolations(page);
    expect(found, found.join('\n')).toEqual([]);
    // After leaving, with the header's resume button and every setting shown.
    await page.getByTestId('tour-leave').click();
    await expect(page.getByTestId('tour-resume')).toBeVisible();
    await page.getByTestId('all-settings').click();
    const left = await seriousViolations(page);
    expect(left, left.join('\n')).toEqual([]);
  });

  test(`axe finds no serious or critical problem in the open run history with two runs compared (${theme})`, async ({ page }) => {
    await open(page, SMALL.replace('steps=400', 'steps=50'));
    await setTheme(page, theme);
    for (let i = 0; i < 2; i++) {
      await page.getByTestId('play').click();
      await expect(page.getByTestId('run-state')).toHaveText(/done/, { timeout: 60_000 });
      if (i === 0) await page.getByTestId('reset').click();
    }
    await page.getByTestId('history-toggle').click();
    await expect(page.getByTestId('history-item')).toHaveCount(2);
    for (const box of await page.getByTestId('history-compare').all()) await box.check();
    await expect(page.getByTestId('history-comparison')).toBeVisible();
    await page.getByTestId('history-delete-all').click();
    const found = await seriousViolations(page);
    expect(found, found.join('\n')).toEqual([]);
  });

  test(`axe finds no serious or critical problem in a study view with a refused file (${theme})`, async ({ page }) => {
    await open(page, SMALL);
    await setTheme(page, theme);
    // Three seeds of one notebook (its seed changed in the link and the config alike), and a bad file.
    const seeded = [0, 1, 2].map((s) => ({ name: `nb${s}.json`, mimeType: 'application/json', buffer: Buffer.from(notebook.replace('seed=7', `seed=${s}`).replace('"seed":7', `"seed":${s}`)) }));
    await page.getByTestId('history-import').setInputFiles([...seeded, { name: 'bad.json', mimeType: 'application/json', buffer: Buffer.from('{') }]);
    await expect(page.getByTestId('study-points').locator('tbody tr')).toHaveCount(3);
    await expect(page.getByTestId('import-error')).toContainText('“bad.json”: the file is not JSON');
    const found = await seriousViolations(page);
    expect(found, found.join('\n')).toEqual([]);
  });
}

test('axe finds no serious or critical problem on a phone with the settings open', async ({ page }) => {
  await page.setViewportSize({ width: 390, height: 844 });
  await open(page, '');
  await page.getByTestId('settings-toggle').click();
  await expect(page.getByRole('navigation', { name: 'Experiment settings' })).toBeVisible();
  const found = await seriousViolations(page);
  expect(found, found.join('\n')).toEqual([]);
});
