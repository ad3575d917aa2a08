import { expect, test } from './fixtures';
import type { Page } from '@playwright/test';
import { open, SMALL, stepCount } from './helpers';

const LONG = SMALL.replace('steps=400', 'steps=3000');

/** Moves focus off any control (a click on the page's title), so keys go to the page. */
async function focusPage(page: Page): Promise<void> {
  await page.locator('h1').click();
}

test('Space plays and pauses, S steps, R resets', async ({ page }) => {
  await open(page, LONG);
  await focusPage(page);
  await page.keyboard.press('s');
  await expect(page.getByTestId('run-state')).toHaveText(/paused/);
  await expect.poll(() => stepCount(page)).toBe(5);

  await page.keyboard.press('Space');
  await expect(page.getByTestId('run-state')).toHaveText(/running/);
  await expect.poll(() => stepCount(page), { timeout: 60_000 }).toBeGreaterThan(20);
  await page.keyboard.press('Space');
  await expect(page.getByTestId('run-state')).toHaveText(/paused/);
  const paused = await stepCount(page);
  await page.waitForTimeout(300);
  expect(await stepCount(page)).toBe(paused);

  await page.keyboard.press('r');
  await expect(page.getByTestId('run-state')).toHaveText(/ready/);
  await expect.poll(() => stepCount(page)).toBe(0);
});

test('Space on a focused button presses that button only', async ({ page }) => {
  await open(page, LONG);
  await page.getByTestId('play').focus();
  await page.keyboard.press('Space');
  await expect(page.getByTestId('run-state')).toHaveText(/running/);
  // Had the page's shortcut fired as well, the run would have been paused again at once.
  await page.waitForTimeout(300);
  await expect(page.getByTestId('run-state')).toHaveText(/running/);
  await page.getByTestId('pause').click();
  await expect(page.getByTestId('run-state')).toHaveText(/paused/);
});

test('? lists the shortcuts and Escape closes the list', async ({ page }) => {
  await open(page, SMALL);
  await focusPage(page);
  await page.keyboard.press('?');
  const dialog = page.getByTestId('shortcuts-dialog');
  await expect(dialog).toBeVisible();
  await expect(dialog).toContainText('Space');
  await expect(dialog).toContainText('Reset');
  // While the list is open the transport keys do nothing.
  await page.keyboard.press('s');
  await expect(page.getByTestId('run-state')).toHaveText(/ready/);
  await page.keyboard.press('Escape');
  await expect(dialog).toBeHidden();
  // The header button opens it too.
  await page.getByTestId('shortcuts-button').click();
  await expect(dialog).toBeVisible();
  await page.getByTestId('shortcuts-close').click();
  await expect(dialog).toBeHidden();
});

test('no shortcut fires while typing in a field, nor while the settings have an error', async ({ page }) => {
  await open(page, SMALL);
  const beta = page.getByTestId('field-beta');
  await beta.click();
  await page.keyboard.type(' sr?');
  await expect(beta).toHaveValue(/ sr\?$/);
  await expect(page.getByTestId('run-state')).toHaveText(/ready/);
  await expect(page.getByTestId('shortcuts-dialog')).toBeHidden();
  expect(await stepCount(page)).toBe(0);
  await page.keyboard.press('Escape');

  // A cross-field error (loss read every 500 steps of 400): Play is disabled, and so is Space.
  await page.getByTestId('all-settings').click();
  await page.getByTestId('field-logev').fill('500');
  await page.getByTestId('field-logev').press('Enter');
  await expect(page.getByTestId('play')).toBeDisabled();
  await focusPage(page);
  await page.keyboard.press('Space');
  await page.keyboard.press('s');
  await page.waitForTimeout(300);
  await expect(page.getByTestId('run-state')).toHaveText(/ready/);
  expect(await stepCount(page)).toBe(0);
});

const background = (page: Page): Promise<string> => page.evaluate(() => getComputedStyle(document.body).backgroundColor);

test('the theme follows the system by default, switches to dark, and survives a reload', async ({ page }) => {
  await page.emulateMedia({ colorScheme: 'light' });
  await open(page, SMALL);
  await expect(page.getByTestId('theme')).toHaveValue('system');
  await expect(page.locator('html')).toHaveAttribute('data-theme', 'light');
  const light = await background(page);

  await page.getByTestId('theme').selectOption('dark');
  await expect(page.locator('html')).toHaveAttribute('data-theme', 'dark');
  const dark = await background(page);
  expect(dark).not.toBe(light);

  await page.reload();
  await expect(page.getByTestId('run-state')).toHaveText(/ready/, { timeout: 90_000 });
  await expect(page.getByTestId('theme')).toHaveValue('dark');
  expect(await background(page)).toBe(dark);
  // Not part of the experiment: the share link does not carry it.
  expect(page.url()).not.toContain('theme');

  // Back to the system's scheme, which is dark now.
  await page.emulateMedia({ colorScheme: 'dark' });
  await page.getByTestId('theme').selectOption('system');
  await expect(page.locator('html')).toHaveAttribute('data-theme', 'dark');
  await page.emulateMedia({ colorScheme: 'light' });
  await expect(page.locator('html')).toHaveAttribute('data-theme', 'light');
});

test('the canvas charts redraw in the new theme', async ({ page }) => {
  await page.emulateMedia({ colorScheme: 'light' });
  await open(page, SMALL);
  const corner = (): Promise<string> =>
    page.locator('.live-chart canvas').first().evaluate((c) => {
      const ctx = (c as HTMLCanvasElement).getContext('2d');
      return ctx ? Array.from(ctx.getImageData(1, 1, 1, 1).data).join(',') : '';
    });
  const before = await corner();
  await page.getByTestId('theme').selectOption('dark');
  await expect.poll(corner).not.toBe(before);
});

test('the plotly views redraw in the new theme', async ({ page }) => {
  await page.emulateMedia({ colorScheme: 'light' });
  await open(page, 'kind=exact&spec=list&sigmas=1&rho0=1');
  const plot = page.getByTestId('exact-spectrum-plot');
  const paper = (): Promise<string> => plot.evaluate((el) => (el as unknown as { _fullLayout?: { paper_bgcolor?: string } })._fullLayout?.paper_bgcolor ?? '');
  await expect(plot.locator('.barlayer .point')).toHaveCount(5);
  const before = await paper();
  expect(before).not.toBe('');
  await page.getByTestId('theme').selectOption('dark');
  await expect.poll(paper).not.toBe(before);
});
