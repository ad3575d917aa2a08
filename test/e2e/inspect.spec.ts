/**
 * "Inspect": a paused or finished figure's own scene opened in plotly (src/ui/export/Inspect.tsx):
 * the traces carry the figure's numbers, a drag zooms, Esc closes and gives the focus back, and
 * the dialog passes axe in both themes. Disabled, saying why, while the run trains.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { expect, test } from './fixtures';
import type { Page } from '@playwright/test';
import { open } from './helpers';

const AXE = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');
/** A sweep long enough to pause in: its first evaluation at step 100 of 3000. */
const SWEEP = 'kind=sweep&mhs=1,2,4&ranks=2,full&fixed=1&beta=0.5&tau=8&modes=8&steps=3000&logev=10&evalev=100&evaln=64&batch=32';
const COMPARE = 'kind=compare&target=memory&tau=12&swapk=3&rnnh=8&n=8&mff=16&mv=8&batch=16&evaln=64&steps=60&logev=10&evalev=30';

interface Trace {
  readonly type: string;
  readonly name: string;
  readonly mode: string;
  readonly fill: string;
  readonly x: (number | null)[];
  readonly y: (number | null)[];
  readonly z: number[][];
}

/** The inspected figure's traces (plotly keeps them on its element as `data`). */
async function traces(page: Page): Promise<Trace[]> {
  const plot = page.getByTestId('inspect-plot');
  await expect(plot).toHaveAttribute('data-ready', 'true');
  return plot.evaluate((el) =>
    (el as unknown as { data: Partial<Trace>[] }).data.map((t) => ({ type: t.type ?? '', name: t.name ?? '', mode: t.mode ?? '', fill: t.fill ?? '', x: t.x ?? [], y: t.y ?? [], z: t.z ?? [] })),
  );
}

/** The x axis's shown range (log10 units on a log axis), as plotly's layout holds it after a zoom. */
async function xRange(page: Page): Promise<number[]> {
  return page.getByTestId('inspect-plot').evaluate((el) => [...((el as unknown as { layout: { xaxis: { range: number[] } } }).layout.xaxis.range)]);
}

/** A figure's CSV as rows of cells keyed by the header. */
async function csv(page: Page, menu: string): Promise<Record<string, string>[]> {
  await page.getByTestId(`${menu}-toggle`).click();
  const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId(`${menu}-csv`).click()]);
  const [header = '', ...rows] = readFileSync(await download.path(), 'utf8').trimEnd().split('\n');
  const keys = header.split(',');
  return rows.map((r) => Object.fromEntries(r.split(',').map((v, i) => [keys[i] ?? '', v])));
}

/** Drag across the middle of the plot (plotly's default drag zooms), then reset from the toolbar. */
async function zoomAndReset(page: Page): Promise<void> {
  const before = await xRange(page);
  const area = page.getByTestId('inspect-plot').locator('.nsewdrag').first();
  const b = await area.boundingBox();
  if (!b) throw new Error('no drag area');
  await page.mouse.move(b.x + b.width * 0.3, b.y + b.height * 0.3);
  await page.mouse.down();
  await page.mouse.move(b.x + b.width * 0.6, b.y + b.height * 0.7, { steps: 6 });
  await page.mouse.up();
  await expect.poll(() => xRange(page)).not.toEqual(before);
  const [lo = NaN, hi = NaN] = await xRange(page);
  const [b0 = NaN, b1 = NaN] = before;
  // The new range lies inside the old one and is about 0.3 of it.
  expect(lo).toBeGreaterThan(b0);
  expect(hi).toBeLessThan(b1);
  expect((hi - lo) / (b1 - b0)).toBeCloseTo(0.3, 1);
  await page.getByTestId('inspect-plot').locator('[data-title="Reset axes"]').click();
  await expect.poll(() => xRange(page)).toEqual(before);
}

/** Esc closes the dialog and the focus is back on the figure's Inspect button. */
async function escCloses(page: Page, button: string): Promise<void> {
  await page.keyboard.press('Escape');
  await expect(page.getByTestId('inspect-dialog')).toHaveCount(0);
  await expect(page.getByTestId(button)).toBeFocused();
}

interface Violation {
  readonly id: string;
  readonly impact: string | null;
  readonly help: string;
  readonly nodes: readonly { readonly target: readonly string[] }[];
}

/** axe-core on the open dialog: its serious and critical violations, one line per node. */
async function dialogViolations(page: Page): Promise<string[]> {
  if (!(await page.evaluate(() => 'axe' in window))) await page.evaluate(AXE);
  const violations = await page.evaluate(async () => {
    const axe = (window as unknown as { axe: { run(ctx: Element): Promise<{ violations: Violation[] }> } }).axe;
    const dialog = document.querySelector('[data-testid="inspect-dialog"]');
    if (!dialog) throw new Error('no dialog');
    return (await axe.run(dialog)).violations;
  });
  return violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').flatMap((v) => v.nodes.map((n) => `${v.impact} ${v.id} (${v.help}): ${n.target.join(' ')}`));
}

test('a paused sweep’s rate plot opens in plotly with the same numbers; a drag zooms; Esc closes', async ({ page }) => {
  await open(page, SWEEP);
  const inspect = page.getByTestId('export-rate-inspect');
  await expect(inspect).toHaveAccessibleName('Inspect the rate plot');
  // Before any evaluation: nothing to inspect, and why.
  await expect(inspect).toHaveAttribute('aria-disabled', 'true');
  await expect(inspect).toHaveAttribute('title', /appears with the first evaluation/);

  await page.getByTestId('play').click();
  const rate = page.getByTestId('rate-plot');
  await expect.poll(async () => Number(await rate.getAttribute('data-step')), { timeout: 90_000 }).toBeGreaterThanOrEqual(100);
  // Training: the figure redraws, so it cannot be inspected (the run has 3000 steps, far from done).
  await expect(page.getByTestId('run-state')).toHaveText(/running/);
  await expect(inspect).toHaveAttribute('aria-disabled', 'true');
  await expect(inspect).toHaveAccessibleDescription(/redraws while the run trains: pause it/);
  // force: Playwright waits for an aria-disabled button to be enabled; the click must do nothing.
  await inspect.click({ force: true });
  await expect(page.getByTestId('inspect-dialog')).toHaveCount(0);

  await page.getByTestId('pause').click();
  await expect(page.getByTestId('run-state')).toHaveText(/paused/, { timeout: 30_000 });
  await expect(inspect).toHaveAttribute('aria-disabled', 'false');
  // The paused figure has drawn its last evaluation (a held view draws on pause).
  const step = await page.evaluate(() => {
    const w = window as unknown as { __rankscope: { run: { getState(): { metrics: { evals: { step: number }[] } } } } };
    return w.__rankscope.run.getState().metrics.evals.at(-1)?.step ?? -1;
  });
  await expect(rate).toHaveAttribute('data-step', String(step));
  const rows = await csv(page, 'export-rate');
  expect(rows.length).toBe(6); // 2 ranks × 3 head sizes
  await page.keyboard.press('Escape');

  await inspect.focus();
  await page.keyboard.press('Enter'); // keyboard reachable
  const dialog = page.getByTestId('inspect-dialog');
  await expect(dialog).toBeVisible();
  await expect(dialog.getByRole('heading')).toHaveText('Inspect the rate plot');
  // The same scene: its data-* attributes, and each rank's line through the CSV's (m_h, mean MSE).
  const plot = page.getByTestId('inspect-plot');
  for (const name of ['step', 'mse', 'slopes', 'points']) await expect(plot).toHaveAttribute(`data-${name}`, (await rate.getAttribute(`data-${name}`)) ?? '');
  const data = await traces(page);
  for (const rank of ['2', 'full']) {
    const line = data.find((t) => t.name === `rank ${rank}` && t.mode === 'lines');
    const want = rows.filter((r) => r.rank === rank);
    expect(line?.x).toEqual(want.map((r) => Number(r.m_h)));
    expect(line?.y).toEqual(want.map((r) => Number(r.eval_mse_mean)));
    expect(want.every((r) => r.step === String(step))).toBe(true);
  }
  await zoomAndReset(page);
  await dialog.getByTestId('inspect-close').click();
  await expect(dialog).toHaveCount(0);
  await expect(inspect).toBeFocused();
  await inspect.click();
  await expect(dialog).toBeVisible();
  await escCloses(page, 'export-rate-inspect');

  // The violins of the paused snapshot: the same scene (its attributes), each violin a filled area.
  const violins = page.getByTestId('spectrum-plot');
  await page.getByTestId('export-spectrum-inspect').click();
  for (const name of ['step', 'violins', 'target-violins', 'means']) await expect(plot).toHaveAttribute(`data-${name}`, (await violins.getAttribute(`data-${name}`)) ?? '');
  const areas = (await traces(page)).filter((t) => t.fill === 'toself');
  expect(Number(await violins.getAttribute('data-violins'))).toBeGreaterThan(0);
  expect(areas.length).toBeGreaterThan(0);
  await zoomAndReset(page);
  await escCloses(page, 'export-spectrum-inspect');
});

test('a finished comparison’s error by position and mean attention open in plotly with the scene’s numbers', async ({ page }) => {
  await open(page, COMPARE);
  await page.getByTestId('play').click();
  await expect(page.getByTestId('run-state')).toHaveText(/done/, { timeout: 90_000 });
  const position = page.getByTestId('position-plot');
  const byT = await page.evaluate(() => {
    const w = window as unknown as { __rankscope: { run: { getState(): { metrics: { evals: { step: number; byT: Float64Array }[] } } } } };
    const last = w.__rankscope.run.getState().metrics.evals.at(-1);
    return { step: last?.step ?? -1, values: Array.from(last?.byT ?? []) };
  });
  await expect(position).toHaveAttribute('data-step', String(byT.step));
  const rows = await csv(page, 'export-position');
  await page.keyboard.press('Escape');

  await page.getByTestId('export-position-inspect').click();
  const plot = page.getByTestId('inspect-plot');
  for (const name of ['step', 'mse', 'labels', 'moved']) await expect(plot).toHaveAttribute(`data-${name}`, (await position.getAttribute(`data-${name}`)) ?? '');
  const lines = (await traces(page)).filter((t) => t.mode === 'lines' && t.type === 'scatter' && t.x.length === 12 && t.name !== '');
  const labels = ((await position.getAttribute('data-labels')) ?? '').split(';');
  expect(lines.map((t) => t.name)).toEqual(labels);
  labels.forEach((label, l) => {
    const line = lines.find((t) => t.name === label);
    // The store's byT of the last evaluation, and the CSV's rows of that step, exactly.
    expect(line?.y).toEqual(byT.values.slice(l * 12, (l + 1) * 12));
    expect(line?.y).toEqual(rows.filter((r) => r.step === String(byT.step) && r.lane === label).map((r) => Number(r.mse)));
  });
  await zoomAndReset(page);
  await escCloses(page, 'export-position-inspect');

  // The mean attention: a heat map of τ × τ cells per shown lane, colour k of the scene at value k.
  await page.getByTestId('export-attention-inspect').click();
  const maps = (await traces(page)).filter((t) => t.type === 'heatmap');
  expect(maps.length).toBeGreaterThan(0);
  for (const m of maps) expect([m.z.length, ...m.z.map((r) => r.length)]).toEqual([12, ...Array<number>(12).fill(12)]);
  await escCloses(page, 'export-attention-inspect');
});

for (const theme of ['light', 'dark'] as const) {
  test(`axe finds no serious or critical problem in the open Inspect dialog (${theme})`, async ({ page }) => {
    await open(page, COMPARE);
    await page.getByTestId('theme').selectOption(theme);
    await expect(page.locator('html')).toHaveAttribute('data-theme', theme);
    await page.getByTestId('play').click();
    await expect(page.getByTestId('run-state')).toHaveText(/done/, { timeout: 90_000 });
    await page.getByTestId('export-compare-inspect').click();
    await expect(page.getByTestId('inspect-plot')).toHaveAttribute('data-ready', 'true');
    const found = await dialogViolations(page);
    expect(found, found.join('\n')).toEqual([]);
  });
}
