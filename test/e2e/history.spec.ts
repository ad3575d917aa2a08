import { readFileSync } from 'node:fs';
import { expect, test } from './fixtures';
import type { Page } from '@playwright/test';
import { metrics, open, SMALL, stepCount } from './helpers';

type Metrics = Awaited<ReturnType<typeof metrics>>;

interface Kept {
  id: string;
  state: string;
  step: number;
  checkpointStep: number | null;
  metrics: Metrics;
}

/** The history store's runs, newest first, with their metrics in the helper's shape. */
/** How many run records IndexedDB holds now (read from the database, not the store). */
async function storedRuns(page: Page): Promise<number> {
  return page.evaluate(
    () =>
      new Promise<number>((resolve, reject) => {
        const open = indexedDB.open('rankscope-history');
        open.onerror = () => reject(open.error);
        open.onsuccess = () => {
          const db = open.result;
          const count = db.transaction('runs', 'readonly').objectStore('runs').count();
          count.onsuccess = () => {
            resolve(count.result);
            db.close();
          };
          count.onerror = () => reject(count.error);
        };
      }),
  );
}

async function kept(page: Page): Promise<Kept[]> {
  return page.evaluate(() => {
    const w = window as unknown as {
      __rankscope: {
        history: {
          getState(): {
            runs: {
              id: string;
              state: string;
              step: number;
              checkpointStep: number | null;
              metrics: { trainSteps: number[]; trainLoss: number[][]; evals: { mse: Float64Array }[] };
            }[];
          };
        };
      };
    };
    return w.__rankscope.history.getState().runs.map((r) => ({
      id: r.id,
      state: r.state,
      step: r.step,
      checkpointStep: r.checkpointStep,
      metrics: { steps: [...r.metrics.trainSteps], loss: r.metrics.trainLoss.map((l) => [...l]), evals: r.metrics.evals.map((e) => Array.from(e.mse)) },
    }));
  });
}

async function playToEnd(page: Page): Promise<void> {
  await page.getByTestId('play').click();
  await expect(page.getByTestId('run-state')).toHaveText(/done/, { timeout: 90_000 });
}

async function openHistory(page: Page): Promise<void> {
  const toggle = page.getByTestId('history-toggle');
  if ((await toggle.getAttribute('aria-expanded')) !== 'true') await toggle.click();
  await expect(page.getByTestId('history-storage')).toBeVisible();
}

function maxRel(a: readonly number[], b: readonly number[]): number {
  expect(b.length).toBe(a.length);
  return Math.max(0, ...a.map((x, i) => Math.abs(x - (b[i] ?? NaN)) / Math.abs(x)));
}

test('finished runs survive a reload; a reopened run shows exactly its saved numbers; two runs overlay', async ({ page }) => {
  await open(page, SMALL);
  await playToEnd(page);
  const first = await metrics(page);
  await expect.poll(async () => (await kept(page))[0]?.state).toBe('done');

  // A second run with a bigger head.
  await page.evaluate(() => (window as unknown as { __rankscope: { config: { getState(): { setField(f: string, v: number): void } } } }).__rankscope.config.getState().setField('mH', 4));
  await expect(page.getByTestId('run-state')).toHaveText(/ready/);
  await playToEnd(page);
  const second = await metrics(page);
  expect(second.evals.at(-1)).not.toEqual(first.evals.at(-1));

  await page.reload();
  await expect(page.getByTestId('run-state')).toHaveText(/ready/, { timeout: 90_000 });
  await openHistory(page);
  const items = page.getByTestId('history-item');
  await expect(items).toHaveCount(2);
  await expect(items.nth(0).getByTestId('history-state')).toHaveText('done');
  await expect(items.nth(0).getByTestId('history-diff')).toHaveText('m_h 2→4');
  await expect(items.nth(1).getByTestId('history-diff')).toHaveText('first run');
  const saved = await kept(page);
  expect(saved.map((r) => r.metrics)).toEqual([second, first]);

  // Reopen the older run: its curves come back without training, and the config is its config.
  await items.nth(1).getByTestId('history-reopen').click();
  await expect.poll(() => metrics(page)).toEqual(first);
  expect(await page.evaluate(() => location.search)).not.toContain('mh=4');
  await expect(page.getByTestId('run-state')).toHaveText(/ready/);
  expect(await stepCount(page)).toBe(0);
  await expect(page.getByTestId('loss-plot')).toHaveAttribute('data-series', '2');

  // Overlay both.
  await items.nth(0).getByTestId('history-compare').check();
  await items.nth(1).getByTestId('history-compare').check();
  await expect(page.getByTestId('compare-eval')).toHaveAttribute('data-series', '2');
  await expect(page.getByTestId('compare-loss')).toHaveAttribute('data-series', '2');

  // Play trains anew: a third run, from step 0 (at 5 steps/s, so it is still running at Pause).
  await page.getByTestId('speed').selectOption('5');
  await page.getByTestId('play').click();
  await expect.poll(async () => (await kept(page)).length).toBe(3);
  await page.getByTestId('pause').click();

  // Delete one, then all (after confirming).
  await items.nth(2).getByTestId('history-delete').click();
  await expect(items).toHaveCount(2);
  await page.getByTestId('history-delete-all').click();
  await expect(items).toHaveCount(2);
  await page.getByTestId('history-delete-all-confirm').click();
  await expect(items).toHaveCount(0);
  // The list empties at once; wait for the clear to commit in IndexedDB (a reload aborts it).
  await expect.poll(() => storedRuns(page)).toBe(0);
  await page.reload();
  await expect(page.getByTestId('run-state')).toHaveText(/ready/, { timeout: 90_000 });
  await openHistory(page);
  await expect(items).toHaveCount(0);
});

const COMPARE = 'kind=compare&target=memory&tau=12&swapk=3&rnnh=8&n=8&mff=16&mv=8&batch=16&evaln=64&steps=60&logev=10&evalev=30';

/** Rewrites every run IndexedDB keeps as a record made before byT and the mean attention were kept; returns their states. */
async function makeStoredRunsOld(page: Page): Promise<string[]> {
  return page.evaluate(
    () =>
      new Promise<string[]>((resolve, reject) => {
        const open = indexedDB.open('rankscope-history');
        open.onerror = () => reject(open.error);
        open.onsuccess = () => {
          const db = open.result;
          const tx = db.transaction('runs', 'readwrite');
          const runs = tx.objectStore('runs');
          const all = runs.getAll();
          const states: string[] = [];
          all.onsuccess = () => {
            for (const r of all.result as { state: string; metrics: { evals: Record<string, unknown>[]; spectra: Record<string, unknown>[] } }[]) {
              r.metrics.evals.forEach((e) => delete e.byT);
              r.metrics.spectra.forEach((sp) => {
                delete sp.attention;
                delete sp.attentionCount;
              });
              runs.put(r);
              states.push(r.state);
            }
          };
          tx.oncomplete = () => {
            db.close();
            resolve(states);
          };
          tx.onerror = () => reject(tx.error);
        };
      }),
  );
}

test('a run kept in IndexedDB before byT and the mean attention existed is read in once with them “not recorded”', async ({ page }) => {
  await open(page, COMPARE);
  await playToEnd(page);
  const trained = await metrics(page);
  // Rewritten after the run's last save (its "done").
  await expect.poll(() => makeStoredRunsOld(page)).toEqual(['done']);
  await page.reload();
  await expect(page.getByTestId('run-state')).toHaveText(/ready/, { timeout: 90_000 });
  await openHistory(page);
  const items = page.getByTestId('history-item');
  await expect(items).toHaveCount(1);
  // Every evaluation and snapshot of the record now has the fields, empty.
  const fields = await page.evaluate(() => {
    const w = window as unknown as {
      __rankscope: { history: { getState(): { runs: { metrics: { evals: { byT?: unknown }[]; spectra: { attention?: unknown; attentionCount?: unknown }[] } }[] } } };
    };
    const m = w.__rankscope.history.getState().runs[0]?.metrics;
    return {
      byT: m?.evals.map((e) => (e.byT instanceof Float64Array ? e.byT.length : String(e.byT))) ?? [],
      attention: m?.spectra.map((sp) => (sp.attention instanceof Float32Array ? sp.attention.length : String(sp.attention))) ?? [],
      counts: m?.spectra.map((sp) => sp.attentionCount) ?? [],
    };
  });
  expect(fields.byT).toEqual([0, 0]);
  expect(fields.attention).toEqual([0, 0]);
  expect(fields.counts).toEqual([0, 0]);
  // Reopened: the curves as trained; the views say what the record lacks.
  await items.first().getByTestId('history-reopen').click();
  await expect.poll(() => metrics(page)).toEqual(trained);
  await expect(page.getByTestId('position-missing')).toContainText('recorded before the error by position was kept');
  await expect(page.getByTestId('export-attention-inspect')).toHaveAttribute('title', /made before the mean attention was kept/);
});

const SWEEP = SMALL.replace('kind=single&mh=2', 'kind=sweep&mhs=1,2,4').replace('steps=400', 'steps=1000');

test('a sweep interrupted by a reload resumes from its checkpoint and ends on the uninterrupted numbers', async ({ page }) => {
  await open(page, SWEEP);
  await playToEnd(page);
  const reference = await metrics(page);
  expect(reference.evals.at(-1)).toHaveLength(3);

  await page.getByTestId('reset').click();
  await expect(page.getByTestId('run-state')).toHaveText(/ready/);
  // At 100 steps/s the reload surely lands mid-run (unthrottled, a quiet machine can finish first).
  await page.getByTestId('speed').selectOption('100');
  await page.getByTestId('play').click();
  // The running record's checkpoint (right after Play the newest record is still the finished
  // reference run, whose checkpoint would let the reload come before any checkpoint of this one).
  const running = async (): Promise<number> => (await kept(page)).find((r) => r.state === 'running')?.checkpointStep ?? 0;
  await expect.poll(running, { timeout: 60_000 }).toBeGreaterThanOrEqual(200);
  expect(await stepCount(page)).toBeLessThan(1000);
  await page.reload(); // mid-run
  await expect(page.getByTestId('run-state')).toHaveText(/ready/, { timeout: 90_000 });

  const offer = page.getByTestId('resume');
  await expect(offer).toBeVisible();
  const k = Number(((await offer.textContent()) ?? '').replace(/[^0-9]/g, ''));
  expect(k).toBeGreaterThanOrEqual(50);
  expect(k).toBeLessThan(1000);
  const all = await kept(page);
  const interrupted = all.find((r) => r.checkpointStep === k);
  expect(interrupted?.state, `resume offered at step ${k}; kept: ${JSON.stringify(all.map((r) => [r.state, r.checkpointStep]))}`).toMatch(/running|paused/);
  await offer.click();
  await expect(page.getByTestId('run-state')).toHaveText(/paused/);
  expect(await stepCount(page)).toBe(k);
  // What was kept is back on the plots: the reference run's curves up to step k.
  const restored = await metrics(page);
  expect(restored.steps).toEqual(reference.steps.filter((s) => s <= k));
  expect(restored.evals).toEqual(reference.evals.slice(0, restored.evals.length));
  await expect(offer).toHaveCount(0);

  await page.getByTestId('speed').selectOption('0');
  await playToEnd(page);
  const resumed = await metrics(page);
  expect(resumed.steps).toEqual(reference.steps);
  expect(maxRel(reference.evals.at(-1) ?? [], resumed.evals.at(-1) ?? [])).toBeLessThan(1e-6);
  reference.loss.forEach((lane, l) => expect(maxRel(lane, resumed.loss[l] ?? [])).toBeLessThan(1e-5));
  // The resumed run is the same record, now done.
  await expect.poll(async () => (await kept(page)).find((r) => r.id === interrupted?.id)?.state).toBe('done');
  await page.getByTestId('history-toggle').click();
  await expect(page.getByTestId('history-item')).toHaveCount(2);
});

test('a run’s JSON lab notebook downloads and re-imports to the same numbers; bad files are refused', async ({ page }) => {
  await open(page, SMALL);
  await playToEnd(page);
  const trained = await metrics(page);
  await openHistory(page);
  const download = page.waitForEvent('download');
  await page.getByTestId('history-download').first().click();
  const file = await download;
  expect(file.suggestedFilename()).toMatch(/^rankscope-run-1-.*\.json$/);
  const path = await file.path();
  const nb = JSON.parse(readFileSync(path, 'utf8')) as {
    format: string;
    formatVersion: number;
    appVersion: string;
    backend: string;
    link: string;
    seeds: { seed: number };
    metrics: { trainSteps: number[]; trainLoss: number[][]; evals: { mse: number[] }[]; spectra: unknown[] };
  };
  expect([nb.format, nb.formatVersion, nb.appVersion, nb.backend]).toEqual(['rankscope-notebook', 1, '0.1.0', 'wasm']);
  expect(nb.link).toContain('mff=16');
  expect(nb.seeds.seed).toBe(0);
  expect({ steps: nb.metrics.trainSteps, loss: nb.metrics.trainLoss, evals: nb.metrics.evals.map((e) => e.mse) }).toEqual(trained);
  expect(nb.metrics.spectra).toHaveLength(8);

  // Refused: not JSON, a foreign file, a notebook with a broken field. Nothing changes.
  const input = page.getByTestId('history-import');
  const bad = async (name: string, text: string, why: RegExp): Promise<void> => {
    await input.setInputFiles({ name, mimeType: 'application/json', buffer: Buffer.from(text) });
    await expect(page.getByTestId('import-error')).toContainText(why);
    await expect(page.getByTestId('import-error')).toContainText(name);
    await expect(page.getByTestId('history-item')).toHaveCount(1);
    expect(await metrics(page)).toEqual(trained);
  };
  await bad('half.json', '{"format": "rankscope-notebook", ', /not JSON/);
  await bad('other.json', '{"format": "something-else", "data": []}', /not a Rankscope lab notebook/);
  const broken = { ...nb, metrics: { ...nb.metrics, trainLoss: [nb.metrics.trainLoss[0]?.slice(1)] } };
  await bad('broken.json', JSON.stringify(broken), /metrics\.trainLoss\[0\]: expected 80 entries, found 79/);

  // Start from an empty history, then import the file: it is reopened with the same numbers.
  await page.getByTestId('history-delete-all').click();
  await page.getByTestId('history-delete-all-confirm').click();
  await page.getByTestId('reset').click();
  await expect.poll(async () => (await metrics(page)).steps).toEqual([]);
  await input.setInputFiles(path);
  await expect(page.getByTestId('import-error')).toHaveCount(0);
  await expect(page.getByTestId('history-item')).toHaveCount(1);
  await expect.poll(() => metrics(page)).toEqual(trained);
  expect((await kept(page))[0]?.metrics).toEqual(trained);
});

test('without IndexedDB the app says so and keeps working, with the history for this page only', async ({ page }) => {
  await page.addInitScript(() => Object.defineProperty(window, 'indexedDB', { value: undefined, configurable: true }));
  await open(page, SMALL);
  await expect(page.getByTestId('notices')).toContainText(/Run history is unavailable: .*no IndexedDB/);
  await playToEnd(page);
  await openHistory(page);
  await expect(page.getByTestId('history')).toHaveAttribute('data-storage', 'memory');
  await expect(page.getByTestId('history-item')).toHaveCount(1);
});

test('a full storage (quota error) is reported once and training goes on', async ({ page }) => {
  await page.addInitScript(() => {
    IDBObjectStore.prototype.put = function () {
      throw new DOMException('The quota has been exceeded.', 'QuotaExceededError');
    };
  });
  await open(page, SMALL);
  await playToEnd(page);
  await expect(page.getByTestId('worker-notice')).toHaveCount(1);
  await expect(page.getByTestId('notices')).toContainText(/could not be saved: .*storage for this site is full/);
  expect((await metrics(page)).steps.at(-1)).toBe(400);
});
