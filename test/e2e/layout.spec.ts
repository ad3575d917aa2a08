import { expect, test } from './fixtures';
import type { Locator, Page } from '@playwright/test';
import { open, SMALL } from './helpers';

const SWEEP = 'kind=sweep&mhs=1,2,4&ranks=2,full&fixed=1&beta=0.5&tau=8&modes=8&steps=200&logev=10&evalev=100&evaln=64&batch=32';
const COMPARE = 'kind=compare&target=memory&tau=12&swapk=3&rnnh=8&n=8&mff=16&mv=8&batch=16&evaln=64&steps=60&logev=10&evalev=30';

/** The page scrolls sideways nowhere: not the document, not the scrolling columns. */
async function overflow(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const bad: string[] = [];
    const check = (el: Element | null, name: string): void => {
      if (el && el.scrollWidth > el.clientWidth) bad.push(`${name}: scrollWidth ${el.scrollWidth} > clientWidth ${el.clientWidth}`);
    };
    check(document.documentElement, 'document');
    check(document.body, 'body');
    check(document.querySelector('.workspace'), 'workspace');
    check(document.querySelector('.controls'), 'settings');
    // Nothing visible sticks out past the right edge of the window.
    const right = document.documentElement.clientWidth;
    for (const el of document.querySelectorAll('body *')) {
      const r = el.getBoundingClientRect();
      if (r.width > 0 && r.height > 0 && r.right > right + 0.5 && getComputedStyle(el).visibility !== 'hidden') {
        bad.push(`${el.tagName.toLowerCase()}.${el.getAttribute('class') ?? ''} "${(el.textContent ?? '').slice(0, 30)}" ends at ${Math.round(r.right)} > ${right}`);
      }
    }
    return bad;
  });
}

/** Scrolled to, the element is shown whole across the window's width, and is not a sliver. */
async function fitsWidth(page: Page, el: Locator): Promise<void> {
  await el.scrollIntoViewIfNeeded();
  await expect(el).toBeVisible();
  const box = await el.boundingBox();
  const width = await page.evaluate(() => document.documentElement.clientWidth);
  expect(box).not.toBeNull();
  expect(box?.x ?? -1).toBeGreaterThanOrEqual(0);
  expect((box?.x ?? 0) + (box?.width ?? 0)).toBeLessThanOrEqual(width + 0.5);
  expect(box?.width ?? 0).toBeGreaterThan(width * 0.6);
  expect(box?.height ?? 0).toBeGreaterThan(150);
}

async function runToDone(page: Page): Promise<void> {
  await page.getByTestId('play').click();
  await expect(page.getByTestId('run-state')).toHaveText(/done/, { timeout: 90_000 });
}

test.describe('a 1024 × 768 laptop screen', () => {
  test.use({ viewport: { width: 1024, height: 768 } });

  for (const [name, link, plots] of [
    ['single', SMALL, ['loss-plot', 'eval-plot', 'spectrum-plot']],
    ['sweep', SWEEP, ['rate-plot', 'spectrum-plot', 'spectrum-mean-plot']],
    ['compare', COMPARE, ['compare-bars', 'alteration-plot', 'exact-spectrum-plot']],
  ] as const) {
    test(`a ${name} run: nothing cut off, no sideways scroll, the figures shown`, async ({ page }) => {
      await open(page, link);
      await runToDone(page);
      expect(await overflow(page)).toEqual([]);
      for (const id of plots) await fitsWidth(page, page.getByTestId(id));
      // The header's tools are all there, inside the window.
      for (const id of ['theme', 'shortcuts-button']) {
        const box = await page.getByTestId(id).boundingBox();
        expect((box?.x ?? 0) + (box?.width ?? 0)).toBeLessThanOrEqual(1024);
      }
      await expect(page.getByTestId('settings-toggle')).toBeHidden();
    });
  }

  test('the settings column is usable: a field far down can be reached and edited', async ({ page }) => {
    await open(page, SMALL);
    const controls = page.getByRole('navigation', { name: 'Experiment settings' });
    await expect(controls).toBeVisible();
    const box = await controls.boundingBox();
    expect(box?.width ?? 0).toBeGreaterThanOrEqual(280);
    const steps = page.getByTestId('field-steps');
    await steps.scrollIntoViewIfNeeded();
    await expect(steps).toBeInViewport();
    await steps.fill('120');
    await steps.press('Enter');
    await expect(page.getByTestId('step-count')).toHaveText('0 / 120');
    // Every other field is one click away, down to the last.
    await page.getByTestId('all-settings').click();
    const workers = page.getByTestId('field-workers');
    await workers.scrollIntoViewIfNeeded();
    await expect(workers).toBeInViewport();
    expect(await overflow(page)).toEqual([]);
  });
});

test.describe('a 390 × 844 phone', () => {
  test.use({ viewport: { width: 390, height: 844 } });

  test('reads the run: settings folded behind a toggle, figures across the width, no sideways scroll', async ({ page }) => {
    await open(page, SMALL);
    const controls = page.getByRole('navigation', { name: 'Experiment settings' });
    await expect(controls).toBeHidden();
    await expect(page.getByTestId('play')).toBeInViewport();
    await runToDone(page);
    expect(await overflow(page)).toEqual([]);
    for (const id of ['loss-plot', 'eval-plot', 'spectrum-plot']) await fitsWidth(page, page.getByTestId(id));

    // Text stays readable: nothing visible below 11 px.
    const tiny = await page.evaluate(() =>
      [...document.querySelectorAll('.workspace p, .workspace h2, .workspace label, .workspace button, .workspace .stat')]
        .filter((el) => el.getClientRects().length > 0 && parseFloat(getComputedStyle(el).fontSize) < 11)
        .map((el) => el.textContent),
    );
    expect(tiny).toEqual([]);

    // An export menu opens inside the window.
    await page.getByTestId('export-loss-toggle').click();
    await fitsWidthLoose(page, page.getByTestId('export-loss-csv'));

    // The toggle opens the settings, which then fit the width too, and closes them again.
    const toggle = page.getByTestId('settings-toggle');
    await toggle.scrollIntoViewIfNeeded();
    await expect(toggle).toHaveAttribute('aria-expanded', 'false');
    await toggle.click();
    await expect(toggle).toHaveAttribute('aria-expanded', 'true');
    await expect(controls).toBeVisible();
    expect(await overflow(page)).toEqual([]);
    const steps = page.getByTestId('field-steps');
    await steps.scrollIntoViewIfNeeded();
    await expect(steps).toBeInViewport();
    await toggle.click();
    await expect(controls).toBeHidden();
  });

  test('a comparison run fits too: the 2 × 3 grid, the bars, the alteration drawing', async ({ page }) => {
    await open(page, COMPARE);
    await runToDone(page);
    expect(await overflow(page)).toEqual([]);
    for (const id of ['compare-grid', 'compare-bars', 'alteration-plot', 'exact-spectrum-plot']) await fitsWidth(page, page.getByTestId(id));
  });
});

/** Inside the window's width (a menu item: no minimum size). */
async function fitsWidthLoose(page: Page, el: Locator): Promise<void> {
  await expect(el).toBeVisible();
  const box = await el.boundingBox();
  const width = await page.evaluate(() => document.documentElement.clientWidth);
  expect(box?.x ?? -1).toBeGreaterThanOrEqual(0);
  expect((box?.x ?? 0) + (box?.width ?? 0)).toBeLessThanOrEqual(width + 0.5);
}
