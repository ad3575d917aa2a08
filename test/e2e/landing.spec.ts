import { expect, test } from './fixtures';

test('a bare address lands on Fig. 5: the rate figure and Play in the first screen at 1280×800', async ({ page }) => {
  await page.setViewportSize({ width: 1280, height: 800 });
  const t0 = Date.now();
  await page.goto('/');
  await expect(page.getByTestId('play')).toBeEnabled({ timeout: 90_000 });
  console.log(`navigation → enabled Play: ${Date.now() - t0} ms (Fig. 5 sweep, 48 lanes)`);
  // The address bar now holds the experiment: the preset's link, so it can be shared as it is.
  expect(page.url()).toContain('kind=sweep');
  const inFirstScreen = async (testId: string): Promise<boolean> =>
    page.getByTestId(testId).evaluate((el) => {
      const r = el.getBoundingClientRect();
      return r.top >= 0 && r.top < window.innerHeight && r.left >= 0 && r.right <= window.innerWidth && r.height > 0;
    });
  expect(await inFirstScreen('play')).toBe(true);
  expect(await inFirstScreen('rate-view')).toBe(true);
  // The figure's plotting area starts in the first screen, above the loss curves.
  const rateTop = await page.getByTestId('rate-view').evaluate((el) => el.getBoundingClientRect().top);
  expect(rateTop).toBeLessThan(400);
  // No horizontal overflow, here or on a phone.
  for (const size of [{ width: 1280, height: 800 }, { width: 390, height: 844 }]) {
    await page.setViewportSize(size);
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
    expect(overflow, `${size.width}×${size.height}`).toBeLessThanOrEqual(0);
  }
});
