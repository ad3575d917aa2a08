import { expect, test } from '@playwright/test';
import type { Page } from '@playwright/test';
import { stepQuery, TOUR_STEPS } from '../../src/core/tour';
import { stepCount } from './helpers';

const N = TOUR_STEPS.length;

async function ready(page: Page): Promise<void> {
  await expect(page.getByTestId('run-state')).toHaveText(/ready|paused/, { timeout: 90_000 });
}

/** Whether the page is the same document as when `markPage` ran (no load in between). */
const samePage = (page: Page): Promise<boolean> => page.evaluate(() => (window as unknown as { __mark?: number }).__mark === 1);
const markPage = (page: Page): Promise<void> => page.evaluate(() => void ((window as unknown as { __mark?: number }).__mark = 1));

async function atStep(page: Page, step: number): Promise<void> {
  const s = TOUR_STEPS[step - 1];
  if (!s) throw new Error(`no step ${step}`);
  await expect(page.getByTestId('tour-progress')).toHaveText(`Start here: guided tour, step ${step} of ${N}`);
  await expect(page.getByTestId('tour-title')).toHaveText(s.title);
  await expect(page.getByTestId('tour-text')).toHaveText(s.text);
  await expect.poll(() => page.evaluate(() => location.search)).toMatch(new RegExp(`[?&]tour=${step}$`));
  await expect(page.locator('.app')).toHaveClass(new RegExp(`tour-spot-${s.spot}`));
  await expect(page.getByTestId('tour-link')).toHaveAttribute('href', `?${stepQuery(step - 1)}`);
}

test('"Start here" is in the first screen of the landing page, beside Play and the rate figure, and fits a phone', async ({ page }) => {
  await page.setViewportSize({ width: 1280, height: 800 });
  await page.goto('/');
  await ready(page);
  for (const id of ['start-here', 'play', 'rate-view']) {
    const top = await page.getByTestId(id).evaluate((el) => el.getBoundingClientRect().top);
    expect(top, id).toBeLessThan(800);
  }
  await expect(page.getByTestId('start-here')).toHaveAttribute('href', `?${stepQuery(0)}`);
  await page.setViewportSize({ width: 390, height: 844 });
  await expect(page.getByTestId('start-here')).toBeInViewport();
  expect(await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth)).toBeLessThanOrEqual(0);
});

test('the tour start to end: Fig. 5 predicted, stepped and read on one page, then Fig. 1 and Table 2 from their links; Back, leave and resume', async ({ page }) => {
  await page.goto('/');
  await ready(page);
  // Keyboard in: the header's first tool.
  await page.getByTestId('start-here').focus();
  await page.keyboard.press('Enter');
  await page.waitForURL(/tour=1$/);
  await ready(page);
  await atStep(page, 1);
  await expect(page.getByTestId('tour-title')).toBeFocused();
  await expect(page.getByTestId('tour-back')).toBeDisabled();
  await expect(page.getByTestId('start-here')).toHaveCount(0);
  expect(await page.evaluate(() => location.search)).toContain('kind=sweep');
  await markPage(page);

  // Step 2, by keyboard: the question gates Play.
  await page.getByTestId('tour-next').focus();
  await page.keyboard.press('Enter');
  await atStep(page, 2);
  await expect(page.getByTestId('tour-title')).toBeFocused();
  await expect(page.getByTestId('play')).toBeDisabled();
  await page.getByTestId('lesson-choice-1').check();
  await expect(page.getByTestId('play')).toBeEnabled();

  // Step 3: run (one Step of 100 steps is enough to see the run carry over).
  await page.getByTestId('tour-next').click();
  await atStep(page, 3);
  await page.getByTestId('step').click();
  await expect.poll(() => stepCount(page), { timeout: 120_000 }).toBe(100);

  // Step 4: the same page, the same run; "Show me" moves to the rate figure.
  await page.getByTestId('tour-next').click();
  await atStep(page, 4);
  expect(await samePage(page)).toBe(true);
  expect(await stepCount(page)).toBe(100);
  await expect(page.getByTestId('lesson-choice-1')).toBeChecked();
  await page.getByTestId('tour-show').click();
  await expect(page.getByTestId('rate-view')).toBeFocused();

  // Step 5: Fig. 1 is another experiment, loaded from the step's link.
  await page.getByTestId('tour-next').click();
  await page.waitForURL(/tour=5$/);
  await ready(page);
  await atStep(page, 5);
  expect(await samePage(page)).toBe(false);
  expect(await page.evaluate(() => location.search)).toContain('mhs=1,2,4,8,16');
  await expect(page.getByTestId('spectrum-view')).toBeVisible();
  await expect(page.getByTestId('tour-title')).toBeFocused();

  // Back loads step 4's link (Fig. 5), and Next returns.
  await page.getByTestId('tour-back').click();
  await page.waitForURL(/tour=4$/);
  await ready(page);
  await atStep(page, 4);
  expect(await page.evaluate(() => location.search)).not.toContain('mhs=');
  await page.getByTestId('tour-next').click();
  await page.waitForURL(/tour=5$/);
  await ready(page);

  // Step 6: Table 2, with its own question.
  await page.getByTestId('tour-next').click();
  await page.waitForURL(/tour=6$/);
  await ready(page);
  await atStep(page, 6);
  expect(await page.evaluate(() => location.search)).toContain('kind=compare');
  await expect(page.getByTestId('compare-view')).toBeVisible();
  await expect(page.getByTestId('lesson-ask')).toContainText('first and last 10 inputs are swapped');
  await expect(page.getByTestId('tour-next')).toHaveCount(0);
  await markPage(page);

  // Leave: the experiment stays, the address loses tour=, the header offers to resume.
  await page.getByTestId('tour-leave').click();
  await expect(page.getByTestId('tour')).toHaveCount(0);
  expect(await page.evaluate(() => location.search)).not.toContain('tour=');
  expect(await page.evaluate(() => location.search)).toContain('kind=compare');
  await expect(page.getByTestId('tour-resume')).toHaveText(`Resume the tour (6/${N})`);
  await page.getByTestId('tour-resume').click();
  await atStep(page, 6);
  expect(await samePage(page)).toBe(true);

  // Finish closes it.
  await page.getByTestId('tour-finish').click();
  await expect(page.getByTestId('tour')).toHaveCount(0);
  expect(await page.evaluate(() => location.search)).not.toContain('tour=');
});

test('each step’s link opens that step, so the tour resumes from the address', async ({ page }) => {
  for (let i = 0; i < N; i++) {
    await page.goto(`/?${stepQuery(i)}`);
    await ready(page);
    await atStep(page, i + 1);
    await expect(page.getByTestId('link-problem')).toHaveCount(0);
    await expect(page.getByTestId('lesson-problem')).toHaveCount(0);
    const spot = TOUR_STEPS[i]?.spot ?? '';
    const selector = spot === 'run-controls' ? '#run-controls' : `[data-testid="${spot}"]`;
    await expect(page.locator(selector)).toBeVisible();
  }
  // An edit of the experiment keeps the step in the address.
  await page.goto(`/?${stepQuery(4)}`);
  await ready(page);
  await page.getByTestId('field-steps').fill('300');
  await page.getByTestId('field-steps').press('Enter');
  await expect.poll(() => page.evaluate(() => location.search)).toMatch(/steps=300.*&tour=5$/);
});

test('a tour= that names no step gives a notice naming it and a way to start', async ({ page }) => {
  await page.goto('/?v=1&kind=single&steps=100&tour=9');
  await ready(page);
  await expect(page.getByTestId('tour-problem')).toContainText(`tour: "9" is not a step of the tour (1–${N})`);
  await expect(page.getByTestId('tour')).toHaveCount(0);
  await expect(page.getByTestId('link-problem')).toHaveCount(0);
  await expect(page.getByTestId('tour-problem').getByRole('link')).toHaveAttribute('href', `?${stepQuery(0)}`);
});
