import { spawn } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseStudy, planStudy } from '../../src/core/study';
import { writeAtomic, manifestPath } from '../../src/cli/study/files';
import { mergeStudy } from '../../src/cli/study/merge';
import { runShard, shardIndex } from '../../src/cli/study/run';
import { parseNotebook } from '../../src/state/history/notebook';
import { layoutForBackend } from '../../src/core/models/layout';
import { TrainingSession } from '../../src/core/train';
import type { EvalResult } from '../../src/core/train';

/** 2 α × 2 seeds, m_h 1–4: 4 experiments, 16 lanes, a few steps of a tiny model. */
const STUDY = {
  name: 'small',
  base: 'kind=sweep&mhs=1,2,3,4&tau=8&n=8&mff=16&mv=8&depth=2&batch=8&evaln=32&steps=10&logev=5&evalev=5&lr=0.01',
  axes: { alpha: [0.6, 1], seed: [1, 2] },
};

const quiet = (): void => undefined;

const dirs: string[] = [];
afterAll(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })));
const tempDir = (): string => {
  const dir = mkdtempSync(join(tmpdir(), 'rs-study-'));
  dirs.push(dir);
  return dir;
};

function plan(shards: number, extra: Record<string, unknown> = {}): string {
  const dir = tempDir();
  writeAtomic(manifestPath(dir), JSON.stringify(planStudy(parseStudy({ ...STUDY, ...extra }), shards, 'wasm')));
  return dir;
}

/** `npm run study -- …` as its own node process (tsx's loader, as npm runs it). */
function cli(args: readonly string[]): { done: Promise<{ code: number | null; signal: NodeJS.Signals | null; out: string }>; kill: () => void } {
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/cli/study.ts', ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  child.stdout.on('data', (d: Buffer) => (out += d.toString()));
  child.stderr.on('data', (d: Buffer) => (out += d.toString()));
  return {
    done: new Promise((resolve) => child.on('exit', (code, signal) => resolve({ code, signal, out }))),
    kill: () => child.kill('SIGKILL'),
  };
}

interface Summary {
  experiments: { id: string; values: Record<string, string>; lanes: { lane: number; mse: number; rel: number }[]; sweep: { slope: number | null }[] }[];
}
const summary = (dir: string): Summary => JSON.parse(readFileSync(join(dir, 'summary.json'), 'utf8')) as Summary;
const notebook = (dir: string, id: string): string => readFileSync(join(dir, 'notebooks', `${id}.json`), 'utf8');

describe('npm run study', () => {
  let whole = '';
  beforeAll(async () => {
    whole = plan(1);
    expect(await runShard(whole, 0, quiet)).toEqual({ trained: 4, skipped: 0 });
    expect(mergeStudy(whole, 'test')).toEqual({ experiments: 4, lanes: 16 });
  });

  it('merges 1 shard and 4 shards run as 2 local processes to the same per-lane results, bit for bit', async () => {
    const split = plan(4);
    const run = cli(['run', split, '--parallel', '2']);
    const { code, out } = await run.done;
    expect(out).toContain('shard 3: finished');
    expect(code).toBe(0);
    expect(readdirSync(join(split, 'units'))).toHaveLength(16); // one lane per unit
    expect(mergeStudy(split, 'test')).toEqual({ experiments: 4, lanes: 16 });
    const a = summary(whole);
    const b = summary(split);
    expect(b.experiments.map((e) => e.values)).toEqual([
      { alpha: '0.6', seed: '1' },
      { alpha: '0.6', seed: '2' },
      { alpha: '1', seed: '1' },
      { alpha: '1', seed: '2' },
    ]);
    expect(b.experiments.flatMap((e) => e.lanes)).toHaveLength(16);
    expect(b.experiments).toEqual(a.experiments); // exact: lanes are independent of their grouping
    expect(a.experiments.every((e) => e.sweep.length === 1 && typeof e.sweep[0]?.slope === 'number')).toBe(true);
    // Different seeds train different models.
    expect(a.experiments[0]?.lanes[0]?.mse).not.toBe(a.experiments[1]?.lanes[0]?.mse);
    for (const id of ['e000', 'e003']) {
      const [x, y] = [parseNotebook(notebook(whole, id)), parseNotebook(notebook(split, id))];
      expect(y.metrics).toEqual(x.metrics);
    }
    expect(readFileSync(join(split, 'summary.csv'), 'utf8')).toBe(readFileSync(join(whole, 'summary.csv'), 'utf8'));
  });

  it("writes notebooks the app's importer reads: lanes, steps and final errors of the experiment", () => {
    const run = parseNotebook(notebook(whole, 'e002'));
    const s = summary(whole).experiments[2];
    expect(run.config.alpha).toBe(1);
    expect(run.config.seed).toBe(1);
    expect(run.state).toBe('done');
    expect(run.step).toBe(10);
    expect(run.lanes.map((l) => l.mH)).toEqual([1, 2, 3, 4]);
    expect(run.metrics.evals.map((e) => e.step)).toEqual([5, 10]);
    expect(run.metrics.trainSteps).toEqual([5, 10]);
    expect(Array.from(run.metrics.evals[1]?.mse ?? [])).toEqual(s?.lanes.map((l) => l.mse));
    expect(run.metrics.evals[1]?.byT?.length).toBe(4 * 8);
  });

  it('gives each lane the numbers of the experiment trained whole, as the runner trains it', async () => {
    const run = parseNotebook(notebook(whole, 'e001'));
    const session = new TrainingSession(run.config, layoutForBackend('wasm')); // no lane ids: every lane
    const evals: EvalResult[] = [];
    await session.run(run.config.steps, { onEval: (e) => evals.push(e) });
    session.dispose();
    expect(evals.map((e) => e.step)).toEqual([5, 10]);
    expect(run.metrics.evals.map((e) => Array.from(e.mse))).toEqual(evals.map((e) => Array.from(e.mse)));
    expect(run.metrics.evals.map((e) => Array.from(e.byT ?? []))).toEqual(evals.map((e) => Array.from(e.byT)));
  });

  it('writes a summary CSV with one row per lane', () => {
    const s = summary(whole).experiments[2];
    const csv = readFileSync(join(whole, 'summary.csv'), 'utf8').trim().split('\n');
    expect(csv[0]).toBe('experiment,alpha,seed,lane,label,m_h,seed_index,weight_seed,step,eval_mse,rel_error,fitted_slope,theory_slope,link');
    expect(csv).toHaveLength(17);
    expect(csv[9]?.startsWith(`e002,1,1,0,r full · m_h 1,1,0,1,10,${s?.lanes[0]?.mse}`)).toBe(true);
  });

  it('a shard killed midway and run again finishes with nothing lost or duplicated', async () => {
    const dir = plan(1, { unitsPerExperiment: 4 }); // 16 one-lane units in one shard
    const units = join(dir, 'units');
    const run = cli(['run', dir, '--shard', '0']);
    let waited = 0;
    while (!(existsSync(units) && readdirSync(units).filter((f) => f.endsWith('.json')).length >= 2)) {
      await new Promise((r) => setTimeout(r, 20));
      if ((waited += 20) > 240_000) throw new Error('no unit finished');
    }
    run.kill();
    const killed = await run.done;
    expect(killed.signal).toBe('SIGKILL'); // killed, not finished
    const kept = readdirSync(units).filter((f) => f.endsWith('.json'));
    expect(kept.length).toBeGreaterThanOrEqual(2);
    expect(kept.length).toBeLessThan(16);
    const before = new Map(kept.map((f) => [f, { text: readFileSync(join(units, f), 'utf8'), mtime: statSync(join(units, f)).mtimeMs }]));
    writeFileSync(join(units, 'e003-u03.json.tmp-99999-0123abcd'), '{"format":"rankscope-study-unit","unit":'); // a write cut short
    writeFileSync(join(units, 'e003-u02.json'), '{"format":"rankscope-study-unit","unit":"e003-u02"'); // a corrupt result: trained again
    // Rerun in this process (the same runShard the CLI calls).
    expect(await runShard(dir, 0, quiet)).toEqual({ trained: 16 - kept.length, skipped: kept.length });
    for (const [f, b] of before) {
      expect(readFileSync(join(units, f), 'utf8')).toBe(b.text);
      expect(statSync(join(units, f)).mtimeMs).toBe(b.mtime);
    }
    // The temporary file of the cut-short write is gone; exactly one file per unit.
    expect(readdirSync(units).sort()).toEqual(Array.from({ length: 16 }, (_, i) => `e00${Math.floor(i / 4)}-u0${i % 4}.json`));
    expect(mergeStudy(dir, 'test')).toEqual({ experiments: 4, lanes: 16 });
    expect(summary(dir).experiments).toEqual(summary(whole).experiments);
  });

  it('refuses to merge a study with a missing, corrupt or duplicated unit, naming it, and writes nothing', () => {
    const fresh = (): string => {
      const dir = tempDir();
      cpSync(join(whole, 'manifest.json'), join(dir, 'manifest.json'));
      cpSync(join(whole, 'units'), join(dir, 'units'), { recursive: true });
      return dir;
    };
    const refusal = (dir: string): string => {
      expect(() => mergeStudy(dir, 'test')).toThrow();
      expect(existsSync(join(dir, 'notebooks'))).toBe(false);
      expect(existsSync(join(dir, 'summary.json'))).toBe(false);
      try {
        mergeStudy(dir, 'test');
      } catch (err) {
        return (err as Error).message;
      }
      return '';
    };
    const missing = fresh();
    rmSync(join(missing, 'units', 'e001-u00.json'));
    expect(refusal(missing)).toContain('missing: shard 0 has not delivered 1 of its 4 unit(s): e001-u00');

    const truncated = fresh();
    const file = join(truncated, 'units', 'e002-u00.json');
    writeFileSync(file, readFileSync(file, 'utf8').slice(0, 100));
    expect(refusal(truncated)).toContain('corrupt: units/e002-u00.json: not JSON (truncated or overwritten?) (rerun shard 0)');

    const tampered = fresh();
    const t = join(tampered, 'units', 'e003-u00.json');
    writeFileSync(t, readFileSync(t, 'utf8').replace(/"mse":\[(\d)/, '"mse":[1$1'));
    const msg = refusal(tampered);
    expect(msg).toContain('corrupt: units/e003-u00.json: its checksum does not match its content');
    expect(msg).toContain('missing: shard 0 has not delivered 1 of its 4 unit(s): e003-u00');

    const twice = fresh();
    cpSync(join(twice, 'units', 'e000-u00.json'), join(twice, 'units', 'e000-u00 copy.json'));
    expect(refusal(twice)).toContain('duplicated: unit e000-u00 is in 2 files (e000-u00 copy.json, e000-u00.json); keep one');
  });
});

describe('the shard index', () => {
  it('comes from --shard, else JOB_COMPLETION_INDEX, else SLURM_ARRAY_TASK_ID, and must name a shard', () => {
    expect(shardIndex('2', { JOB_COMPLETION_INDEX: '1' }, 4)).toBe(2);
    expect(shardIndex(null, { JOB_COMPLETION_INDEX: '1', SLURM_ARRAY_TASK_ID: '3' }, 4)).toBe(1);
    expect(shardIndex(null, { SLURM_ARRAY_TASK_ID: '3' }, 4)).toBe(3);
    expect(() => shardIndex(null, { SLURM_ARRAY_TASK_ID: '4' }, 4)).toThrow('SLURM_ARRAY_TASK_ID=4: the study has shards 0…3');
    expect(() => shardIndex('-1', {}, 4)).toThrow('--shard=-1: the study has shards 0…3');
    expect(() => shardIndex(null, {}, 4)).toThrow(/which shard\? give --shard I, or run under a Kubernetes Indexed Job \(JOB_COMPLETION_INDEX\)/);
  });
});
