/**
 * `study run DIR --shard I`: train shard I's units one after another, each result written
 * atomically as soon as it is done. A unit whose result is already there and valid is skipped, so a
 * shard killed at any point and started again repeats at most the unit it was training.
 * `--parallel P`: every shard of the plan as a child process of this runner, at most P at a time.
 */
import { spawn } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { selectNodeBackend } from '../../platform/node-tf';
import type { Manifest } from '../../core/study';
import { StudyError } from '../../core/study';
import { isTemporary, loadManifest, unitPath, unitsDir, writeAtomic } from './files';
import { checkResult, resultText } from './result';
import { trainUnit } from './train-unit';

/** The shard index: `--shard I`, else JOB_COMPLETION_INDEX (Kubernetes), else SLURM_ARRAY_TASK_ID. */
export function shardIndex(flag: string | null, env: NodeJS.ProcessEnv, shards: number): number {
  const [source, text] =
    flag !== null
      ? ['--shard', flag]
      : env.JOB_COMPLETION_INDEX !== undefined
        ? ['JOB_COMPLETION_INDEX', env.JOB_COMPLETION_INDEX]
        : env.SLURM_ARRAY_TASK_ID !== undefined
          ? ['SLURM_ARRAY_TASK_ID', env.SLURM_ARRAY_TASK_ID]
          : [null, ''];
  if (source === null) throw new StudyError('which shard? give --shard I, or run under a Kubernetes Indexed Job (JOB_COMPLETION_INDEX) or a Slurm array (SLURM_ARRAY_TASK_ID)');
  const i = Number(text);
  if (!/^\d+$/.test(text.trim()) || i >= shards) throw new StudyError(`${source}=${text}: the study has shards 0…${shards - 1}`);
  return i;
}

/** Whether unit `id` already has a valid result on disk. */
function done(dir: string, m: Manifest, id: string): boolean {
  const path = unitPath(dir, id);
  if (!existsSync(path)) return false;
  const checked = checkResult(readFileSync(path, 'utf8'), m);
  return 'result' in checked && checked.result.unit === id;
}

export async function runShard(dir: string, index: number, log: (line: string) => void): Promise<{ trained: number; skipped: number }> {
  const m = loadManifest(dir);
  const ids = m.shards[index];
  if (!ids) throw new StudyError(`shard ${index}: the study has shards 0…${m.shards.length - 1}`);
  // Leftovers of this shard's killed writes (other shards' temporaries are theirs to finish).
  const mine = new Set(ids);
  if (existsSync(unitsDir(dir))) {
    for (const f of readdirSync(unitsDir(dir))) {
      const unit = f.replace(/\.json\.tmp-.*$/, '');
      if (isTemporary(f) && mine.has(unit)) rmSync(`${unitsDir(dir)}/${f}`, { force: true });
    }
  }
  const backend = await selectNodeBackend(m.backend);
  if (m.backend === 'webgpu') log(`shard ${index}: webgpu: ${backend.detail}`);
  let trained = 0;
  let skipped = 0;
  for (const id of ids) {
    if (done(dir, m, id)) {
      skipped++;
      log(`shard ${index}: ${id} already done`);
      continue;
    }
    const unit = m.units.find((u) => u.id === id);
    if (!unit) throw new StudyError(`shard ${index}: unit ${id} is not in the manifest`);
    const body = await trainUnit(m, unit);
    writeAtomic(unitPath(dir, id), resultText(body));
    trained++;
    log(`shard ${index}: ${id} ${body.outcome.status} at step ${body.outcome.step} (${unit.lanes.length} lane(s), ${body.seconds.toFixed(1)} s)`);
  }
  return { trained, skipped };
}

/** Run every shard as a child process (this script, `run DIR --shard i`), at most `parallel` at once. */
export async function runParallel(dir: string, parallel: number, log: (line: string) => void): Promise<number[]> {
  const m = loadManifest(dir);
  const failed: number[] = [];
  let next = 0;
  const script = process.argv[1] as string;
  const worker = async (): Promise<void> => {
    while (next < m.shards.length) {
      const i = next++;
      const code = await new Promise<number>((resolve) => {
        // The same node and loader flags (tsx's) this process runs under.
        const child = spawn(process.execPath, [...process.execArgv, script, 'run', dir, '--shard', String(i)], { stdio: ['ignore', 'inherit', 'inherit'] });
        child.on('exit', (c, signal) => resolve(c ?? (signal ? 128 : 1)));
        child.on('error', () => resolve(1));
      });
      if (code !== 0) failed.push(i);
      log(`shard ${i}: ${code === 0 ? 'finished' : `failed (exit ${code})`}`);
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, Math.min(parallel, m.shards.length)) }, worker));
  return failed.sort((a, b) => a - b);
}
