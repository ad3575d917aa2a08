import { expect, test } from './fixtures';
import type { Locator, Page } from '@playwright/test';
import { hoverCanvas, open, takeLongTasks, watchLongTasks } from './helpers';

/** Table 2 in small: τ = 12, the first and last 3 positions swapped; an evaluation every 100 steps. */
const COMPARE =
  'kind=compare&target=memory&tau=12&swapk=3&rnnh=16&steps=300&lr=0.003&logev=100&evalev=100&mh=4&pe=learned&n=16&mff=32&mv=16&batch=32&evaln=256';
const TAU = 12;
const LABELS = ['Transformer · none', 'Transformer · order', 'Transformer · mix'];

interface Shown {
  readonly step: number;
  readonly lane: number;
  readonly values: number[];
}

/** One map's drawn step, lane and values, read together (a redraw may land between separate reads). */
async function shown(l: Locator): Promise<Shown> {
  const d = await l.evaluate((el: HTMLElement) => ({ step: el.dataset.step ?? '', lane: el.dataset.lane ?? '', values: el.dataset.values ?? '' }));
  return { step: Number(d.step), lane: Number(d.lane), values: d.values === '' ? [] : d.values.split(',').map(Number) };
}

/** Each spectra snapshot's step, lanes and mean attention, from the run store (the test hook). */
async function storeAttention(page: Page): Promise<{ step: number; lanes: number[]; attention: number[] }[]> {
  return page.evaluate(() => {
    const w = window as unknown as {
      __rankscope: { run: { getState(): { metrics: { spectra: { step: number; lanes: number[]; attention?: Float32Array }[] } } } };
    };
    return w.__rankscope.run.getState().metrics.spectra.map((s) => ({ step: s.step, lanes: [...s.lanes], attention: s.attention ? Array.from(s.attention) : [] }));
  });
}

/** The store's map of plan lane `lane` at `step`. */
async function storeMap(page: Page, step: number, lane: number): Promise<number[]> {
  const s = (await storeAttention(page)).find((x) => x.step === step);
  const i = s ? s.lanes.indexOf(lane) : -1;
  return s && i >= 0 ? s.attention.slice(i * TAU * TAU, (i + 1) * TAU * TAU) : [];
}

const rowSums = (v: number[]): number[] => Array.from({ length: TAU }, (_, t) => v.slice(t * TAU, (t + 1) * TAU).reduce((a, b) => a + b, 0));
const keyTotals = (v: number[]): number[] => Array.from({ length: TAU }, (_, s) => v.reduce((a, x, k) => (k % TAU === s ? a + x : a), 0));

test('the mean attention draws each Transformer lane’s softmax(S) at every evaluation, rows summing to 1', async ({ page }) => {
  await open(page, COMPARE);
  const view = page.getByTestId('attention-view');
  await expect(view).toContainText('Mean attention');
  await expect(page.getByTestId('attention-pattern')).toContainText('causal and banded');
  await expect(page.getByTestId('attention-maps')).toHaveAttribute('data-shown', '3,4,5');
  const maps = page.getByTestId('attention-plot');
  await expect(maps).toHaveCount(3);
  await watchLongTasks(page);
  await page.getByTestId('play').click();

  const first = maps.nth(1);
  await expect.poll(async () => (await shown(first)).step, { timeout: 90_000 }).toBeGreaterThanOrEqual(100);
  const a = await shown(first);
  await expect(first).toHaveAttribute('data-tau', String(TAU));
  await expect(first).toHaveAttribute('data-lanes', '3');
  await expect(first).toHaveAttribute('data-label', LABELS[1] ?? '');
  await expect(first).toHaveAttribute('data-marks', 'mean attention');
  expect(a.values).toHaveLength(TAU * TAU);
  // The drawn values are exactly the store's, and each row is a softmax.
  expect(a.values).toEqual(await storeMap(page, a.step, a.lane));
  for (const r of rowSums(a.values)) expect(r).toBeCloseTo(1, 4);

  // A later evaluation redraws it with new values.
  await expect.poll(async () => (await shown(first)).step, { timeout: 90_000 }).toBeGreaterThan(a.step);
  const b = await shown(first);
  expect(b.values).toEqual(await storeMap(page, b.step, b.lane));
  expect(b.values).not.toEqual(a.values);

  // At the end: every map shows the last evaluation, exactly.
  await expect(page.getByTestId('run-state')).toHaveText(/done/, { timeout: 120_000 });
  const all = await storeAttention(page);
  const last = all[all.length - 1];
  const report: string[] = [];
  for (let i = 0; i < 3; i++) {
    const map = maps.nth(i);
    await expect.poll(async () => (await shown(map)).step).toBe(last?.step);
    const m = await shown(map);
    expect(m.lane).toBe(3 + i);
    expect(m.values).toEqual(await storeMap(page, m.step, m.lane));
    for (const r of rowSums(m.values)) expect(r).toBeCloseTo(1, 4);
    const diag = Array.from({ length: TAU }, (_, t) => m.values[t * TAU + t] ?? 0);
    report.push(
      `  ${LABELS[i]?.padEnd(20)} dead [${(await map.getAttribute('data-dead')) ?? ''}] max ${(await map.getAttribute('data-max')) ?? ''}\n` +
        `    key totals ${keyTotals(m.values).map((v) => v.toFixed(2)).join(' ')}\n    diagonal   ${diag.map((v) => v.toFixed(2)).join(' ')}`,
    );
    // The draw reports its cost; the 50 ms budget is held in page CPU time by the trace below.
    expect(Number(await map.getAttribute('data-paint-ms'))).toBeGreaterThan(0);
  }
  console.log(`step ${last?.step}, mean attention per Transformer lane:\n${report.join('\n')}`);
  const tasks = await takeLongTasks(page);
  expect(tasks.longTasks.filter((d) => d > 50), tasks.frames.join('\n')).toEqual([]);

  // Hovering a cell reads its t, s and A.
  const readout = await hoverCanvas(first, 0.6, 0.5);
  await expect(readout).toContainText(/t = \d+, s = \d+/);
  await expect(readout).toContainText(/A = [\d.e−-]+/);
});
