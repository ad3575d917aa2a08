import { readFileSync } from 'node:fs';
import { expect, test } from './fixtures';
import type { Download, Page } from '@playwright/test';
import { metrics, open, SMALL, takeLongTasks, watchLongTasks } from './helpers';

const SWEEP = 'kind=sweep&mhs=1,2,4&ranks=2,full&fixed=1&beta=0.5&tau=8&modes=8&steps=200&logev=10&evalev=100&evaln=64&batch=32';
const COMPARE = 'kind=compare&target=memory&tau=12&swapk=3&rnnh=8&n=8&mff=16&mv=8&batch=16&evaln=64&steps=60&logev=10&evalev=30';

/** The exported figures' size in CSS pixels (src/ui/export/download.ts); PNGs are twice that. */
const WIDTH = 900;
const HEIGHT = 450;

type Format = 'png' | 'svg' | 'csv';

/** Opens a figure's export menu, picks a format, and returns the download and its bytes. */
async function exportAs(page: Page, menu: string, format: Format): Promise<{ download: Download; bytes: Buffer }> {
  const toggle = page.getByTestId(`${menu}-toggle`);
  if ((await toggle.getAttribute('aria-expanded')) !== 'true') await toggle.click();
  const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId(`${menu}-${format}`).click()]);
  const path = await download.path();
  expect(await download.failure()).toBeNull();
  return { download, bytes: readFileSync(path) };
}

/** Header and data rows of a CSV written by src/ui/export/csv.ts (no quoted line breaks in these). */
function csvRows(bytes: Buffer): { header: string; rows: string[] } {
  const lines = bytes.toString('utf8').split('\n');
  expect(lines.pop()).toBe(''); // ends with a line break
  const [header = '', ...rows] = lines;
  return { header, rows };
}

/** A PNG's signature and its IHDR width × height. */
function pngSize(bytes: Buffer): { width: number; height: number } {
  expect([...bytes.subarray(0, 8)]).toEqual([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
  expect(bytes.subarray(12, 16).toString('latin1')).toBe('IHDR');
  return { width: bytes.readUInt32BE(16), height: bytes.readUInt32BE(20) };
}

/** Parses an SVG in the page (the browser's XML parser): its root name, size and drawn series (named marks, per panel). */
async function parseSvg(page: Page, text: string): Promise<{ root: string; error: boolean; width: string | null; traces: number }> {
  expect(text).toContain('<svg');
  return page.evaluate((t) => {
    const doc = new DOMParser().parseFromString(t, 'image/svg+xml');
    const root = doc.documentElement;
    const series = [...doc.querySelectorAll('[data-series]')].map((e) => `${e.getAttribute('data-panel')}|${e.getAttribute('data-series')}`);
    return {
      root: root.localName,
      error: doc.getElementsByTagName('parsererror').length > 0,
      width: root.getAttribute('width'),
      traces: new Set(series).size,
    };
  }, text);
}

/** The main thread's long tasks (CPU ms, main-thread.ts) since the last call. */
async function longTasks(page: Page): Promise<number[]> {
  return (await takeLongTasks(page)).longTasks;
}

async function runToDone(page: Page): Promise<void> {
  await page.getByTestId('play').click();
  await expect(page.getByTestId('run-state')).toHaveText(/done/, { timeout: 90_000 });
}

test('before any data the export items are disabled and say why', async ({ page }) => {
  await open(page, SMALL);
  await page.getByTestId('export-loss-toggle').click();
  for (const f of ['png', 'svg', 'csv']) await expect(page.getByTestId(`export-loss-${f}`)).toBeDisabled();
  await expect(page.getByTestId('export-loss-reason')).toContainText('no training step reported');
  await expect(page.getByTestId('export-loss-csv')).toHaveAccessibleDescription(/no training step reported/);
  // Escape closes the menu and gives the focus back to its button.
  await page.keyboard.press('Escape');
  await expect(page.getByTestId('export-loss-csv')).toBeHidden();
  await expect(page.getByTestId('export-loss-toggle')).toBeFocused();
  await page.getByTestId('export-spectrum-toggle').click();
  await expect(page.getByTestId('export-spectrum-csv')).toBeDisabled();
  await expect(page.getByTestId('export-spectrum-reason')).toContainText('spectra arrive with each evaluation');
});

test('the live curves and the spectrum export PNG at 2×, SVG, and every report and value as CSV', async ({ page }) => {
  await open(page, SMALL);
  await runToDone(page);
  const m = await metrics(page);
  expect(m.steps.length).toBe(80); // 400 steps, a report every 5

  // Training loss: every report, each lane's raw value exactly as the run store holds it.
  const loss = await exportAs(page, 'export-loss', 'csv');
  expect(loss.download.suggestedFilename()).toMatch(/^rankscope-train-loss-single-[0-9a-f]{6}-step400\.csv$/);
  const lossCsv = csvRows(loss.bytes);
  expect(lossCsv.header).toBe('step,train_mse m_h 2');
  expect(lossCsv.rows).toHaveLength(m.steps.length);
  expect(lossCsv.rows.map((r) => r.split(',').map(Number))).toEqual(m.steps.map((s, i) => [s, m.loss[0]?.[i]]));

  const png = await exportAs(page, 'export-loss', 'png');
  expect(png.download.suggestedFilename()).toMatch(/^rankscope-train-loss-single-[0-9a-f]{6}-step400\.png$/);
  expect(pngSize(png.bytes)).toEqual({ width: 2 * WIDTH, height: 2 * HEIGHT });

  const svg = await exportAs(page, 'export-loss', 'svg');
  expect(svg.download.suggestedFilename()).toMatch(/\.svg$/);
  // The raw readings and the smoothed curve of the one lane.
  expect(await parseSvg(page, svg.bytes.toString('utf8'))).toEqual({ root: 'svg', error: false, width: String(WIDTH), traces: 2 });

  // Evaluation error: one row per evaluation, MSE then MSE / Var(y).
  const evals = csvRows((await exportAs(page, 'export-eval', 'csv')).bytes);
  expect(evals.header).toBe('step,eval_mse m_h 2,eval_rel m_h 2');
  expect(evals.rows).toHaveLength(m.evals.length);
  expect(evals.rows.map((r) => Number(r.split(',')[1]))).toEqual(m.evals.map((e) => e[0]));
  expect(pngSize((await exportAs(page, 'export-eval', 'png')).bytes).width).toBe(2 * WIDTH);

  // Spectrum: every singular value of the shown snapshot, the target's, and the exact σ_k.
  const expected = await page.evaluate(() => {
    const w = window as unknown as {
      __rankscope: { run: { getState(): { metrics: { spectra: { count: number; keep: number; step: number }[] }; targetSpectra: ({ count: number; keep: number; exact: number[] } | null)[] } } };
    };
    const s = w.__rankscope.run.getState();
    const last = s.metrics.spectra[s.metrics.spectra.length - 1];
    const t = s.targetSpectra[0];
    return { learned: (last?.count ?? 0) * (last?.keep ?? 0), target: (t?.count ?? 0) * (t?.keep ?? 0), exact: Math.min(t?.exact.length ?? 0, last?.keep ?? 0), step: last?.step };
  });
  expect(expected.learned).toBeGreaterThan(0);
  const spectrum = await exportAs(page, 'export-spectrum', 'csv');
  expect(spectrum.download.suggestedFilename()).toMatch(/^rankscope-spectrum-single-[0-9a-f]{6}-m-h-2-raw-step400\.csv$/);
  const rows = csvRows(spectrum.bytes).rows.map((r) => r.split(','));
  expect(rows).toHaveLength(expected.learned + expected.target + expected.exact);
  expect(rows.filter((r) => r[0] === 'learned m_h 2')).toHaveLength(expected.learned);
  expect(rows.every((r) => Number(r[4]) >= 0)).toBe(true);
  const violins = await parseSvg(page, (await exportAs(page, 'export-spectrum', 'svg')).bytes.toString('utf8'));
  expect(violins.error).toBe(false);
  expect(violins.traces).toBeGreaterThan(0);
});

test('exporting works while training runs and while paused, and does not stop the run', async ({ page }) => {
  await open(page, SMALL.replace('steps=400', 'steps=100000'));
  await page.getByTestId('speed').selectOption('100');
  await page.getByTestId('play').click();
  await expect.poll(async () => (await metrics(page)).steps.length, { timeout: 60_000 }).toBeGreaterThan(10);

  await watchLongTasks(page);
  const running = csvRows((await exportAs(page, 'export-loss', 'csv')).bytes);
  expect(running.rows.length).toBeGreaterThan(10);
  const csvTasks = await longTasks(page);
  expect(pngSize((await exportAs(page, 'export-loss', 'png')).bytes).width).toBe(2 * WIDTH);
  const pngTasks = await longTasks(page);
  console.log(`long tasks during the CSV export: [${csvTasks.join(', ')}] ms; during the PNG export: [${pngTasks.join(', ')}] ms`);
  expect(csvTasks.filter((d) => d > 50)).toEqual([]);
  await expect(page.getByTestId('run-state')).toHaveText(/running/);
  const before = (await metrics(page)).steps.length;
  await expect.poll(async () => (await metrics(page)).steps.length, { timeout: 30_000 }).toBeGreaterThan(before);

  await page.getByTestId('pause').click();
  await expect(page.getByTestId('run-state')).toHaveText(/paused/);
  const m = await metrics(page);
  const paused = await exportAs(page, 'export-loss', 'csv');
  expect(csvRows(paused.bytes).rows).toHaveLength(m.steps.length);
  expect(paused.download.suggestedFilename()).toContain(`-step${m.steps[m.steps.length - 1]}.csv`);
  const evals = csvRows((await exportAs(page, 'export-eval', 'csv')).bytes);
  expect(evals.rows).toHaveLength(m.evals.length);
});

test('the rate plot and the mean spectra of a sweep export their data and images', async ({ page }) => {
  await open(page, SWEEP);
  await runToDone(page);
  const rate = await exportAs(page, 'export-rate', 'csv');
  expect(rate.download.suggestedFilename()).toMatch(/^rankscope-rate-sweep-[0-9a-f]{6}-step200\.csv$/);
  const { header, rows } = csvRows(rate.bytes);
  expect(header.split(',').slice(0, 4)).toEqual(['step', 'rank', 'm_h', 'lane']);
  // Two ranks × three head sizes, each point with its latest evaluation MSE (as the fit list shows).
  expect(rows.map((r) => r.split(',').slice(1, 3).join(' '))).toEqual(['2 1', '2 2', '2 4', 'full 1', 'full 2', 'full 4']);
  const slope = Number(rows.find((r) => r.startsWith('200,full,'))?.split(',')[8]);
  expect(slope).toBeCloseTo(Number(await page.getByTestId('fit-slope-value-full').textContent()), 2);
  expect(pngSize((await exportAs(page, 'export-rate', 'png')).bytes)).toEqual({ width: 2 * WIDTH, height: 2 * HEIGHT });
  const svg = await parseSvg(page, (await exportAs(page, 'export-rate', 'svg')).bytes.toString('utf8'));
  expect(svg.error).toBe(false);
  expect(svg.traces).toBeGreaterThanOrEqual(2);

  const mean = csvRows((await exportAs(page, 'export-mean-spectrum', 'csv')).bytes);
  expect(mean.header).toBe('k,mean r full · m_h 1,mean r full · m_h 2,mean r full · m_h 4,mean target sampled,exact beta*sigma_k');
  expect(mean.rows).toHaveLength(8); // τ = 8 indices k
});

test('the comparison, the error by position, the alteration drawing and the exact spectra export theirs', async ({ page }) => {
  await open(page, COMPARE);
  await runToDone(page);
  const compare = csvRows((await exportAs(page, 'export-compare', 'csv')).bytes);
  expect(compare.rows).toHaveLength(6);
  const rnnOrder = compare.rows.find((r) => r.includes(',rnn,order,'))?.split(',');
  expect(Number(rnnOrder?.[3])).toBeCloseTo(Number(await page.getByTestId('grid-rnn-order').textContent()), 2);
  expect(pngSize((await exportAs(page, 'export-compare', 'png')).bytes).width).toBe(2 * WIDTH);

  // The error by position: one row per (evaluation, lane, t), exactly the store's byT.
  const byT = await page.evaluate(() => {
    const w = window as unknown as { __rankscope: { run: { getState(): { metrics: { evals: { step: number; byT?: Float64Array }[] } } } } };
    return w.__rankscope.run.getState().metrics.evals.map((e) => ({ step: e.step, byT: Array.from(e.byT ?? []) }));
  });
  const position = await exportAs(page, 'export-position', 'csv');
  const lastStep = byT[byT.length - 1]?.step;
  expect(position.download.suggestedFilename()).toMatch(new RegExp(`^rankscope-error-by-position-compare-[0-9a-f]{6}-step${lastStep}\\.csv$`));
  const pos = csvRows(position.bytes);
  expect(pos.header).toBe('step,lane,t,mse');
  expect(pos.rows).toHaveLength(byT.length * 6 * 12); // evaluations × lanes × τ
  expect(pos.rows.map((r) => Number(r.split(',')[3]))).toEqual(byT.flatMap((e) => e.byT));
  expect(pos.rows[12]?.split(',').slice(0, 3)).toEqual([String(byT[0]?.step), 'RNN · order', '0']);
  expect(pngSize((await exportAs(page, 'export-position', 'png')).bytes)).toEqual({ width: 2 * WIDTH, height: 2 * HEIGHT });
  const positionSvg = await parseSvg(page, (await exportAs(page, 'export-position', 'svg')).bytes.toString('utf8'));
  // Six lanes and the legend key of the shaded moved positions.
  expect(positionSvg).toMatchObject({ root: 'svg', error: false, traces: 7 });

  // The mean attention: one row per (snapshot, Transformer lane, t, s), exactly the store's maps.
  const stored = await page.evaluate(() => {
    const w = window as unknown as { __rankscope: { run: { getState(): { metrics: { spectra: { step: number; lanes: number[]; attention?: Float32Array }[] } } } } };
    return w.__rankscope.run.getState().metrics.spectra.map((s) => ({ step: s.step, lanes: s.lanes, attention: Array.from(s.attention ?? []) }));
  });
  const attention = await exportAs(page, 'export-attention', 'csv');
  expect(attention.download.suggestedFilename()).toMatch(new RegExp(`^rankscope-attention-compare-[0-9a-f]{6}-step${stored[stored.length - 1]?.step}\\.csv$`));
  const att = csvRows(attention.bytes);
  expect(att.header).toBe('step,lane,t,s,attention,sequences');
  expect(stored.every((s) => s.lanes.length === 3)).toBe(true); // the three Transformer lanes
  expect(att.rows).toHaveLength(stored.length * 3 * 12 * 12); // snapshots × lanes × τ × τ
  expect(att.rows.map((r) => Number(r.split(',')[4]))).toEqual(stored.flatMap((s) => s.attention));
  expect(att.rows[144]?.split(',').slice(1, 4)).toEqual(['Transformer · order', '0', '0']);
  expect(pngSize((await exportAs(page, 'export-attention', 'png')).bytes)).toEqual({ width: 2 * WIDTH, height: 2 * HEIGHT });
  const attentionSvg = await parseSvg(page, (await exportAs(page, 'export-attention', 'svg')).bytes.toString('utf8'));
  expect(attentionSvg).toMatchObject({ root: 'svg', error: false, traces: 3 });

  const alteration = await exportAs(page, 'export-alteration', 'csv');
  expect(alteration.download.suggestedFilename()).toMatch(/^rankscope-alterations-compare-[0-9a-f]{6}\.csv$/);
  const alt = csvRows(alteration.bytes).rows.map((r) => r.split(','));
  expect(alt.filter((r) => r[0] === 'ordering pi(t)')).toHaveLength(12); // τ = 12
  const svg = await parseSvg(page, (await exportAs(page, 'export-alteration', 'svg')).bytes.toString('utf8'));
  expect(svg).toMatchObject({ root: 'svg', error: false });

  const exact = csvRows((await exportAs(page, 'export-exact', 'csv')).bytes);
  expect(exact.header).toBe('k,sigma_before,sigma_after_mixing,grid');
  expect(exact.rows).toHaveLength(3); // the App. D.3 example: 2 values before, 3 after
  expect(Number(exact.rows[0]?.split(',')[2])).toBeCloseTo(1.262, 3);
});
