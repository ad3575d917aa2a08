import { expect, test } from '@playwright/test';
import { open, SMALL } from './helpers';

test('the settings open on the essentials of the landing sweep; every other field is one click away, and its edits reach the link', async ({ page }) => {
  await page.goto('/');
  await expect(page.getByTestId('run-state')).toHaveText(/ready/, { timeout: 90_000 });
  const toggle = page.getByTestId('all-settings');
  await expect(toggle).toHaveAttribute('aria-expanded', 'false');
  await expect(page.getByTestId('essentials')).toContainText('Essentials of this sweep');
  for (const key of ['kind', 'spec', 'alpha', 'ranks', 'beta', 'mhs', 'fixed', 'steps', 'seed', 'seeds']) {
    await expect(page.getByTestId(`field-${key}`), key).toBeVisible();
  }
  await expect(page.getByTestId('field-mhs')).toHaveValue('1,2,3,4,5,6,7,8,9,10,11,12,13,14,15,16');
  for (const key of ['v', 'lr', 'batch', 'workers', 'mh']) await expect(page.getByTestId(`field-${key}`), key).toHaveCount(0);
  // The recipe's non-default fields are named, with their values, not hidden silently.
  await expect(page.getByTestId('also-set')).toContainText('Learning rate 0.01');

  // One keypress away: the toggle opens every field.
  await toggle.focus();
  await page.keyboard.press('Enter');
  await expect(toggle).toHaveAttribute('aria-expanded', 'true');
  const lr = page.getByTestId('field-lr');
  await expect(lr).toBeVisible();
  await expect(lr).toHaveValue('0.01');
  await lr.fill('0.02');
  await lr.press('Enter');
  await expect.poll(() => page.evaluate(() => location.search)).toContain('lr=0.02');

  // Back to the essentials: the edit stays in the link and is listed.
  await toggle.click();
  await expect(page.getByTestId('field-lr')).toHaveCount(0);
  await expect(page.getByTestId('also-set')).toContainText('Learning rate 0.02');
  expect(await page.evaluate(() => location.search)).toContain('lr=0.02');
  // A listed field is a button: it opens every setting and moves focus to that field.
  await page.getByTestId('also-set-lr').click();
  await expect(toggle).toHaveAttribute('aria-expanded', 'true');
  await expect(page.getByTestId('field-lr')).toBeFocused();

  // The choice is the reader's, kept across a reload (not in the link).
  await page.reload();
  await expect(page.getByTestId('all-settings')).toHaveAttribute('aria-expanded', 'true');
  await expect(page.getByTestId('field-lr')).toHaveValue('0.02');
  expect(await page.evaluate(() => location.search)).not.toContain('all');
});

test('the essentials follow the kind: a comparison shows its kernel, swap and filter, a single run its m_h', async ({ page }) => {
  await open(page, SMALL);
  await expect(page.getByTestId('essentials')).toContainText('Essentials of this single run');
  await expect(page.getByTestId('field-mh')).toBeVisible();
  await expect(page.getByTestId('field-mhs')).toHaveCount(0);
  await page.getByTestId('field-kind').selectOption('compare');
  await expect(page.getByTestId('essentials')).toContainText('Essentials of this comparison');
  await page.getByTestId('field-target').selectOption('memory');
  for (const key of ['kernel', 'decay', 'order', 'swapk', 'mixlen', 'mh']) await expect(page.getByTestId(`field-${key}`), key).toBeVisible();
  await expect(page.getByTestId('field-spec')).toHaveCount(0);
});

test('a field out of the essentials that is invalid or locked stays in sight', async ({ page }) => {
  // Loss read every 500 steps of 400: a cross-field error on a field that is not essential.
  await page.goto(`/?${SMALL}&logev=500&lock=batch`);
  await expect(page.getByTestId('config-problems')).toBeVisible({ timeout: 90_000 });
  await expect(page.getByTestId('all-settings')).toHaveAttribute('aria-expanded', 'false');
  const logev = page.getByTestId('field-logev');
  await expect(logev).toBeVisible();
  await expect(logev).toHaveAttribute('aria-invalid', 'true');
  await expect(page.getByTestId('field-logev-error')).toContainText('exceeds steps=400');
  await expect(page.getByTestId('field-batch')).toBeDisabled();
  await expect(page.getByTestId('field-batch-lock')).toContainText('Locked by this lesson link');
  // Fixed, it stays where it is (it does not vanish under the cursor), valid now.
  await logev.fill('20');
  await logev.press('Enter');
  await expect(page.getByTestId('config-problems')).toHaveCount(0);
  await expect(logev).toHaveAttribute('aria-invalid', 'false');
  await expect(logev).toBeFocused();
  await expect(page.getByTestId('play')).toBeEnabled({ timeout: 90_000 });
});
