import { expect, test } from './fixtures';
import type { Page } from '@playwright/test';
import { open, SMALL, stepCount } from './helpers';

const QUESTION = 'ask=Will%20the%20loss%20fall%3F&choices=Yes|No&answer=1&explain=Adam%20fits%20this%20small%20target.';

/** The names of the traces plotly drew in a plot (plotly keeps them on the element). */
/** The names of the marks a canvas view drew (its data-marks attribute). */
async function traceNames(page: Page, testId: string): Promise<string[]> {
  const marks = await page.getByTestId(testId).getAttribute('data-marks');
  return marks ? marks.split(';') : [];
}

async function runToEnd(page: Page): Promise<void> {
  await page.getByTestId('play').click();
  await expect(page.getByTestId('run-state')).toHaveText(/done/, { timeout: 120_000 });
}

test('a locked link disables its controls with a note, a hidden one is absent, and presets cannot change them', async ({ page }) => {
  await open(page, `${SMALL}&lock=mh,beta&hide=lr`);
  await expect(page.getByTestId('field-mh')).toBeDisabled();
  await expect(page.getByTestId('field-mh')).toHaveValue('2');
  await expect(page.getByTestId('field-mh-lock')).toContainText('Locked by this lesson link');
  await expect(page.getByTestId('field-beta')).toBeDisabled();
  await expect(page.getByTestId('field-lr')).toHaveCount(0);
  await expect(page.getByTestId('field-seed')).toBeEnabled();
  // Every preset sets m_h, lr or β differently from this link: all are offered disabled.
  await expect(page.locator('#preset-select option[value="table2"]')).toBeDisabled();
  await expect(page.locator('#preset-select option[value="fig5-alpha1"]')).toBeDisabled();
  // An edit of a free field rewrites the experiment part of the address and keeps the lesson keys.
  await page.getByTestId('field-seed').fill('3');
  await page.getByTestId('field-seed').blur();
  await expect.poll(() => page.evaluate(() => location.search)).toContain('seed=3');
  expect(await page.evaluate(() => location.search)).toMatch(/&lock=mh,beta&hide=lr$/);
  await expect(page.getByTestId('link-problem')).toHaveCount(0);
});

test('embed mode hides the chrome and fits 800×600; only editable fields get a control column', async ({ page }) => {
  await page.setViewportSize({ width: 800, height: 600 });
  await open(page, `${SMALL}&embed=1&lock=all`);
  await expect(page.getByTestId('embed-header')).toBeVisible();
  await expect(page.getByTestId('app-header')).toHaveCount(0);
  await expect(page.getByTestId('copy-link')).toHaveCount(0);
  await expect(page.getByRole('navigation', { name: 'Experiment settings' })).toHaveCount(0);
  await expect(page.getByTestId('backend-name')).toHaveCount(0);
  await expect(page.getByTestId('play')).toBeVisible();
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(800);

  await open(page, `${SMALL}&embed=1&lock=mh&hide=lr`);
  await expect(page.getByRole('navigation', { name: 'Experiment settings' })).toBeVisible();
  await expect(page.getByTestId('field-seed')).toBeEnabled();
  await expect(page.getByTestId('field-mh')).toHaveCount(0);
  await expect(page.getByTestId('field-lr')).toHaveCount(0);
  await expect(page.getByTestId('preset-select')).toHaveCount(0);
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(800);
});

test('a predict question gates Play, and the reveal appears only after the run finishes', async ({ page }) => {
  await open(page, `${SMALL}&${QUESTION}`);
  await expect(page.getByTestId('lesson-ask')).toHaveText('Will the loss fall?');
  await expect(page.getByTestId('play')).toBeDisabled();
  await expect(page.getByTestId('step')).toBeDisabled();
  await page.locator('body').press(' ');
  await expect(page.getByTestId('run-state')).toHaveText('ready');
  await expect(page.getByTestId('lesson-status')).toContainText('to enable Play');

  await page.getByTestId('lesson-choice-1').check(); // "No": the wrong prediction
  await expect(page.getByTestId('play')).toBeEnabled();
  await page.getByTestId('speed').selectOption('100'); // 400 steps at 100/s: time to look while it runs
  await page.getByTestId('play').click();
  await expect(page.getByTestId('run-state')).toHaveText('running');
  await expect(page.getByTestId('lesson-choice-0')).toBeDisabled();
  await expect(page.getByTestId('lesson-reveal')).toHaveCount(0);
  await expect(page.getByTestId('lesson-explanation')).toHaveCount(0);

  await expect(page.getByTestId('run-state')).toHaveText(/done/, { timeout: 120_000 });
  await expect(page.getByTestId('lesson-verdict')).toHaveText('Your prediction was not right.');
  await expect(page.getByTestId('lesson-reveal')).toContainText('The answer: Yes.');
  await expect(page.getByTestId('lesson-explanation')).toHaveText('Adam fits this small target.');
});

test('the theory slope of the rate view waits for the reveal', async ({ page }) => {
  const sweep = 'kind=sweep&mhs=1,2,4&ranks=full&fixed=1&beta=0.5&tau=8&modes=8&steps=300&logev=10&evalev=100&evaln=64&batch=32';
  await open(page, `${sweep}&${QUESTION}`);
  await page.getByTestId('lesson-choice-0').check();
  await page.getByTestId('speed').selectOption('100');
  await page.getByTestId('play').click();
  await expect.poll(() => stepCount(page), { timeout: 60_000 }).toBeGreaterThan(110);
  await page.getByTestId('pause').click(); // paused, the held figures redraw: with the first evaluation, but no theory
  await expect(page.getByTestId('fit-slope-full')).toBeVisible();
  await expect.poll(() => traceNames(page, 'rate-plot')).toContain('rank full');
  await expect(page.getByTestId('fit-slope-full')).not.toContainText('theory');
  expect((await traceNames(page, 'rate-plot')).some((n) => n.startsWith('theory slope'))).toBe(false);
  await expect(page.getByTestId('lesson-reveal')).toHaveCount(0);

  await page.getByTestId('speed').selectOption('0');
  await runToEnd(page);
  await expect(page.getByTestId('lesson-reveal')).toBeVisible();
  await expect(page.getByTestId('fit-slope-full')).toContainText('theory −(2α−1) = -1.00');
  await expect.poll(async () => (await traceNames(page, 'rate-plot')).some((n) => n.startsWith('theory slope'))).toBe(true);
});

test('a digest made in the dialog reports "reproduced" on a rerun of SMALL, and "differs" when tampered with', async ({ page, context }) => {
  await context.grantPermissions(['clipboard-read', 'clipboard-write']);
  await open(page, SMALL);
  await page.getByTestId('make-lesson').click();
  await expect(page.getByTestId('lesson-digest-input')).toBeDisabled(); // nothing finished yet
  await page.getByTestId('lesson-dialog-close').click();
  await runToEnd(page);

  await page.getByTestId('make-lesson').click();
  await page.getByTestId('lesson-digest-input').check();
  await page.getByTestId('access-mh').selectOption('lock');
  // A half-written question blocks the copy, naming what is missing.
  await page.getByTestId('lesson-ask-input').fill('Will the loss fall?');
  await page.getByTestId('lesson-choices-input').fill('Yes\nNo');
  await expect(page.getByTestId('lesson-dialog-problems')).toContainText('Mark the right choice.');
  await expect(page.getByTestId('lesson-copy')).toBeDisabled();
  await page.getByTestId('lesson-answer-input').selectOption({ label: 'Yes' });
  await expect(page.getByTestId('lesson-dialog-problems')).toHaveCount(0);
  await page.getByTestId('lesson-copy').click();
  const link = await page.evaluate(() => navigator.clipboard.readText());
  expect(link).toBe(await page.getByTestId('lesson-link').inputValue());
  expect(link).toMatch(/&lock=mh&ask=Will%20the%20loss%20fall%3F&choices=Yes\|No&answer=1&digest=[a-z]+:[0-9a-f]{8}:[0-9.e-]+$/);

  const student = await context.newPage();
  await student.goto(link);
  await expect(student.getByTestId('run-state')).toHaveText(/ready/, { timeout: 90_000 });
  await expect(student.getByTestId('digest-pending')).toBeVisible();
  await expect(student.getByTestId('field-mh')).toBeDisabled();
  await student.getByTestId('lesson-choice-0').check();
  await runToEnd(student);
  await expect(student.getByTestId('digest-result')).toHaveText('Reproduced');
  await expect(student.getByTestId('digest-backend-note')).toHaveCount(0);
  await expect(student.getByTestId('lesson-verdict')).toHaveText('Your prediction was right.');

  // Tamper with the first MSE's leading digit.
  const tampered = link.replace(/(digest=[a-z]+:[0-9a-f]{8}:)(\d)/, (_, head: string, d: string) => `${head}${d === '9' ? '1' : String(Number(d) + 1)}`);
  expect(tampered).not.toBe(link);
  await student.goto(tampered);
  await expect(student.getByTestId('run-state')).toHaveText(/ready/, { timeout: 90_000 });
  await student.getByTestId('lesson-choice-0').check();
  await runToEnd(student);
  await expect(student.getByTestId('digest-result')).toHaveText('Differs');
  const diff = Number(await student.getByTestId('digest-max-diff').textContent());
  expect(diff).toBeGreaterThan(1e-6);
});

test('a malformed lesson key gives a notice naming it, and the rest of the lesson applies', async ({ page }) => {
  await open(page, `${SMALL}&lock=mh,zzz&embed=maybe&ask=Q&choices=a|b&answer=7&digest=wasm:nothex:1`);
  const problems = page.getByTestId('lesson-problem');
  await expect(problems).toHaveCount(4);
  await expect(problems.nth(0)).toContainText('lock: "mh,zzz" names a key that is not a setting ("zzz")');
  await expect(problems.nth(1)).toContainText('embed: "maybe" is not 0 or 1');
  await expect(problems.nth(2)).toContainText('answer: "7" is out of range 1–2');
  await expect(problems.nth(3)).toContainText('digest:');
  await expect(page.getByTestId('link-problem')).toHaveCount(0); // the experiment codec does not call them unknown
  await expect(page.getByTestId('field-mh')).toBeDisabled();
  await expect(page.getByTestId('lesson-question')).toHaveCount(0);
  await expect(page.getByTestId('play')).toBeEnabled();
});
