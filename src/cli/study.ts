/**
 * `npm run study -- plan <study.json> --shards N --out DIR [--backend wasm|cpu|webgpu]`
 * `npm run study -- run DIR [--shard I | --parallel P]`   (I also from JOB_COMPLETION_INDEX or SLURM_ARRAY_TASK_ID)
 * `npm run study -- merge DIR`
 * A grid of experiments split into shards that any batch scheduler runs, then merged back into lab
 * notebooks the app imports (docs/studies.md).
 */
import { existsSync, readFileSync } from 'node:fs';
import { basename } from 'node:path';
import { parseStudyText, planStudy, STUDY_BACKENDS, StudyError } from '../core/study';
import type { StudyBackend } from '../core/study';
import { manifestPath, writeAtomic } from './study/files';
import { mergeStudy } from './study/merge';
import { runParallel, runShard, shardIndex } from './study/run';
import { loadManifest } from './study/files';

const USAGE = `usage: npm run study -- plan <study.json> --shards N --out DIR [--backend wasm|cpu|webgpu]
       npm run study -- run DIR [--shard I]      (or JOB_COMPLETION_INDEX / SLURM_ARRAY_TASK_ID)
       npm run study -- run DIR --parallel P     (every shard, P local processes at a time)
       npm run study -- merge DIR`;

const isStudyBackend = (s: string): s is StudyBackend => (STUDY_BACKENDS as readonly string[]).includes(s);

/** `--flag value` pairs and positionals; unknown flags are refused. */
function options(argv: readonly string[], allowed: readonly string[]): { pos: string[]; flags: Map<string, string> } {
  const pos: string[] = [];
  const flags = new Map<string, string>();
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i] as string;
    if (!a.startsWith('--')) pos.push(a);
    else if (!allowed.includes(a)) throw new StudyError(`unknown option ${a}\n${USAGE}`);
    else {
      const v = argv[++i];
      if (v === undefined) throw new StudyError(`${a} needs a value`);
      flags.set(a, v);
    }
  }
  return { pos, flags };
}

function positiveInt(flag: string, text: string | undefined): number {
  const n = Number(text);
  if (text === undefined || !/^\d+$/.test(text) || n < 1) throw new StudyError(`${flag} must be a positive integer (got ${text ?? 'nothing'})`);
  return n;
}

async function main(argv: readonly string[]): Promise<number> {
  const [command, ...rest] = argv;
  const log = (line: string): void => console.log(line);
  if (command === 'plan') {
    const { pos, flags } = options(rest, ['--shards', '--out', '--backend']);
    const file = pos[0];
    const out = flags.get('--out');
    if (!file || !out || pos.length > 1) throw new StudyError(USAGE);
    const backend = flags.get('--backend') ?? 'wasm';
    if (!isStudyBackend(backend)) throw new StudyError(`--backend must be one of ${STUDY_BACKENDS.join(', ')} (got ${backend})`);
    if (existsSync(manifestPath(out))) throw new StudyError(`${manifestPath(out)} exists: plan into a new directory (its results belong to that plan)`);
    const study = parseStudyText(readFileSync(file, 'utf8'), basename(file).replace(/\.json$/i, ''));
    const m = planStudy(study, positiveInt('--shards', flags.get('--shards')), backend);
    writeAtomic(manifestPath(out), JSON.stringify(m, null, 1));
    const lanes = m.units.reduce((n, u) => n + u.lanes.length, 0);
    log(`${m.study.name}: ${m.experiments.length} experiment(s), ${lanes} lane(s) in ${m.units.length} unit(s), ${m.shards.length} shard(s) → ${manifestPath(out)}`);
    return 0;
  }
  if (command === 'run') {
    const { pos, flags } = options(rest, ['--shard', '--parallel']);
    const dir = pos[0];
    if (!dir || pos.length > 1) throw new StudyError(USAGE);
    const parallel = flags.get('--parallel');
    if (parallel !== undefined) {
      if (flags.has('--shard')) throw new StudyError('give --shard or --parallel, not both');
      const failed = await runParallel(dir, positiveInt('--parallel', parallel), log);
      if (failed.length > 0) console.error(`shard(s) ${failed.join(', ')} failed; run them again (finished units are kept)`);
      return failed.length > 0 ? 1 : 0;
    }
    const m = loadManifest(dir);
    const index = shardIndex(flags.get('--shard') ?? null, process.env, m.shards.length);
    const { trained, skipped } = await runShard(dir, index, log);
    log(`shard ${index}: ${trained} unit(s) trained, ${skipped} already done`);
    return 0;
  }
  if (command === 'merge') {
    const { pos } = options(rest, []);
    const dir = pos[0];
    if (!dir || pos.length > 1) throw new StudyError(USAGE);
    const version = (JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { version: string }).version;
    const { experiments, lanes } = mergeStudy(dir, version);
    log(`merged ${experiments} experiment(s), ${lanes} lane(s): ${dir}/notebooks/, ${dir}/summary.csv, ${dir}/summary.json`);
    return 0;
  }
  throw new StudyError(USAGE);
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (err: unknown) => {
    console.error(err instanceof Error ? err.message : String(err));
    process.exit(err instanceof StudyError ? 2 : 1);
  },
);
