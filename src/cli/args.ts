import { decodeConfig, encodeConfig, isPresetId, presetConfig, PRESET_IDS } from '../core/config';
import type { ExperimentConfig, Problem } from '../core/config';
import { isNodeBackend } from '../platform/node-tf';
import type { NodeBackend } from '../platform/node-tf';

export interface CliArgs {
  readonly config: ExperimentConfig;
  readonly source: string;
  readonly backend: NodeBackend;
  readonly json: string | null;
  readonly quiet: boolean;
  /** Worker threads (null: the link's `workers`, whose 0 means the machine's cores, up to 4). */
  readonly workers: number | null;
  /** Run even when the cost model says the run does not fit (a real out-of-memory may follow). */
  readonly force: boolean;
}

export const USAGE = `usage: npm run experiment -- <preset | share-link> [--backend wasm|cpu|webgpu] [--json FILE] [--quiet] [--workers N] [--force]
       [--set key=value&key=value]   (override fields of a preset, in share-link syntax)
presets: ${PRESET_IDS.join(', ')}`;

/** Parse the runner's arguments; problems in the link are returned, not thrown. */
export function parseArgs(argv: readonly string[]): { args: CliArgs; problems: readonly Problem[] } | { error: string } {
  let target: string | null = null;
  let backend: NodeBackend = 'wasm';
  let json: string | null = null;
  let quiet = false;
  let set = '';
  let workers: number | null = null;
  let force = false;
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i] as string;
    if (a === '--backend') {
      const b = argv[++i];
      if (!isNodeBackend(b)) return { error: `--backend must be wasm, cpu or webgpu (got ${b ?? 'nothing'})` };
      backend = b;
    } else if (a === '--json') {
      const f = argv[++i];
      if (!f) return { error: '--json needs a file name' };
      json = f;
    } else if (a === '--set') {
      set = argv[++i] ?? '';
    } else if (a === '--workers') {
      const n = Number(argv[++i]);
      if (!Number.isInteger(n) || n < 1 || n > 16) return { error: `--workers must be an integer 1…16 (got ${argv[i] ?? 'nothing'})` };
      workers = n;
    } else if (a === '--quiet') {
      quiet = true;
    } else if (a === '--force') {
      force = true;
    } else if (a === '--help' || a === '-h') {
      return { error: USAGE };
    } else if (target === null) {
      target = a;
    } else {
      return { error: `unexpected argument "${a}"\n${USAGE}` };
    }
  }
  if (target === null) return { error: USAGE };
  let base: string;
  if (isPresetId(target)) base = encodeConfig(presetConfig(target));
  else if (target.includes('=') || target.includes('?') || target.includes('#')) base = target;
  else return { error: `"${target}" is neither a preset nor a share link\n${USAGE}` };
  const query = (t: string): string => (t.includes('?') ? t.slice(t.indexOf('?') + 1) : t.replace(/^#/, ''));
  const text = set ? `${query(base)}&${set}` : base;
  const { config, problems } = decodeConfig(text);
  return { args: { config, source: target, backend, json, quiet, workers, force }, problems };
}
