import { expect, test } from '@playwright/test';
import { open, SMALL, takeLongTasks, watchLongTasks } from './helpers';

// The probe behind every "no long task" check: it must see a long task when there is one, in CPU time.
test('the long-task probe reports a main-thread task of fixed work in CPU ms, and none on an idle page', async ({ page }) => {
  await open(page, SMALL);
  await watchLongTasks(page);
  await page.waitForTimeout(500);
  const idle = await takeLongTasks(page);
  expect(idle.longTasks.filter((d) => d > 50), idle.frames.join('\n')).toEqual([]);

  // A fixed amount of work (not a wall-clock wait): ~10^8 multiply-adds take well over 50 ms of CPU.
  await page.evaluate(
    () =>
      new Promise<void>((done) =>
        setTimeout(() => {
          let x = 0;
          for (let i = 0; i < 1e8; i++) x = (x * 1.0000001 + i) % 1e6;
          (window as unknown as { __sink: number }).__sink = x;
          done();
        }, 0),
      ),
  );
  const busy = await takeLongTasks(page);
  expect(Math.max(0, ...busy.longTasks), busy.frames.join('\n')).toBeGreaterThan(50);
});
