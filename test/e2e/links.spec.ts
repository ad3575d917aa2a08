import { expect, test } from './fixtures';
import { open } from './helpers';

test('a shared link sets every control, and edits are reflected in the address bar', async ({ page }) => {
  const link = 'kind=sweep&target=coupling&tau=12&spec=exp&lambda=0.7&ranks=2,full&beta=3&mhs=1,2,4&n=16&mv=8&mff=32&scale=1&lr=0.002&sched=constant&batch=32&steps=500&seed=7&backend=cpu';
  await open(page, link);
  // The panel opens on the sweep's essentials; the link's other fields are listed and one click away.
  await expect(page.getByTestId('also-set')).toContainText('Learning rate');
  await page.getByTestId('all-settings').click();
  await expect(page.getByTestId('field-kind')).toHaveValue('sweep');
  await expect(page.getByTestId('field-tau')).toHaveValue('12');
  await expect(page.getByTestId('field-spec')).toHaveValue('exp');
  await expect(page.getByTestId('field-lambda')).toHaveValue('0.7');
  await expect(page.getByTestId('field-ranks')).toHaveValue('2,full');
  await expect(page.getByTestId('field-beta')).toHaveValue('3');
  await expect(page.getByTestId('field-mhs')).toHaveValue('1,2,4');
  await expect(page.getByTestId('field-n')).toHaveValue('16');
  await expect(page.getByTestId('field-scale')).toBeChecked();
  await expect(page.getByTestId('field-lr')).toHaveValue('0.002');
  await expect(page.getByTestId('field-sched')).toHaveValue('constant');
  await expect(page.getByTestId('field-seed')).toHaveValue('7');
  await expect(page.getByTestId('field-backend')).toHaveValue('cpu');
  await expect(page.getByTestId('backend-name')).toHaveText('cpu');
  // The address bar holds the same experiment (canonical form), and an edit updates it in place.
  const historyLength = await page.evaluate(() => history.length);
  await page.getByTestId('field-beta').fill('5');
  await page.getByTestId('field-beta').blur();
  await expect.poll(() => page.evaluate(() => location.search)).toContain('beta=5');
  expect(await page.evaluate(() => history.length)).toBe(historyLength);
  expect(await page.evaluate(() => location.search)).toContain('lambda=0.7');
});

test('an invalid value is shown with its reason and nothing runs on it', async ({ page }) => {
  await open(page, 'kind=single&steps=100');
  await page.getByTestId('field-mh').fill('999');
  await page.getByTestId('field-mh').blur();
  await expect(page.getByTestId('field-mh')).toHaveAttribute('aria-invalid', 'true');
  await expect(page.getByTestId('field-mh-error')).toContainText('1–64');
  expect(await page.evaluate(() => location.search)).not.toContain('mh=999');
});

test('a malformed link opens with defaults for the bad fields and a notice naming each', async ({ page }) => {
  await page.goto('/?kind=sweep&mh=999&lr=fast&tau=16&bogus=1&step=300&utm_source=mail');
  await expect(page.getByTestId('run-state')).toHaveText(/ready/, { timeout: 90_000 });
  const problems = page.getByTestId('link-problem');
  // Unknown keys are named too (a typo'd key was ignored silently); a tracking parameter is not a problem.
  await expect(problems).toHaveCount(4);
  await expect(problems.nth(0)).toContainText('mh');
  await expect(problems.nth(1)).toContainText('lr');
  await expect(problems.nth(2)).toContainText('bogus: not a setting of this app; ignored');
  await expect(problems.nth(3)).toContainText('step: not a setting of this app (did you mean steps?); ignored');
  await expect(page.getByTestId('field-mh')).toHaveValue('4');
  await expect(page.getByTestId('field-kind')).toHaveValue('sweep');
});

test('a link of very long keys and hundreds of bad segments gives a notice of a few lines', async ({ page }) => {
  // (vite preview refuses request lines over ~16 kB; the codec tests try 100k-character keys.)
  const junk = Array.from({ length: 300 }, (_, i) => `junk${i}=1`).join('&');
  await page.goto(`/?${'k'.repeat(3000)}=1&mh=${'9'.repeat(3000)}&${junk}`);
  await expect(page.getByTestId('run-state')).toHaveText(/ready/, { timeout: 90_000 });
  const problems = page.getByTestId('link-problem');
  await expect(problems).toHaveCount(12);
  await expect(page.getByTestId('link-problem-more')).toHaveText('…and 290 more.');
  await expect(problems.first()).toContainText(`${'k'.repeat(39)}…: not a setting of this app; ignored`);
  const text = (await page.getByTestId('notices').textContent()) ?? '';
  expect(text.length).toBeLessThan(3000);
});

test('an unknown link version opens the defaults with a notice', async ({ page }) => {
  await page.goto('/?v=99&mh=8');
  await expect(page.getByTestId('run-state')).toHaveText(/ready/, { timeout: 90_000 });
  await expect(page.getByTestId('link-problem').first()).toContainText('v');
  await expect(page.getByTestId('field-mh')).toHaveValue('4');
});

test('"Copy link" puts a link on the clipboard that reopens the same experiment', async ({ page, context }) => {
  await context.grantPermissions(['clipboard-read', 'clipboard-write']);
  await open(page, 'kind=sweep&mhs=1,2&beta=0.25&fixed=1&steps=300&seed=3');
  await page.getByTestId('field-beta').fill('0.75');
  await page.getByTestId('field-beta').blur();
  await page.getByTestId('copy-link').click();
  await expect(page.getByTestId('copy-link')).toHaveText(/Copied/);
  const link = await page.evaluate(() => navigator.clipboard.readText());
  expect(link).toMatch(/^http:\/\/localhost:\d+\/\?v=1&/);
  expect(link).toContain('beta=0.75');
  const other = await context.newPage();
  await other.goto(link);
  await expect(other.getByTestId('run-state')).toHaveText(/ready/, { timeout: 90_000 });
  await expect(other.getByTestId('field-beta')).toHaveValue('0.75');
  await expect(other.getByTestId('field-mhs')).toHaveValue('1,2');
  await expect(other.getByTestId('field-seed')).toHaveValue('3');
  await expect(other.getByTestId('field-fixed')).toBeChecked();
});
