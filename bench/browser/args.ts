/** Command-line options of `npm run bench:browser` (bench/browser.ts). */
import { isPresetId, PRESET_IDS } from '../../src/core/config';
import type { BackendChoice, PresetId } from '../../src/core/config';

export interface BrowserBenchArgs {
  readonly presets: readonly PresetId[];
  /** Wall-clock budget of one preset's browser run, ms: past it the run is paused and extrapolated. */
  readonly budgetMs: number;
  /** Added to every link as `backend=…` (null: the app's auto choice). */
  readonly backend: BackendChoice | null;
  /** Added to every link as `workers=…` (null: the link's own, auto). */
  readonly workers: number | null;
  /** Steps of the first and last windows (clamped to half the steps done). */
  readonly window: number;
  /** Steps the Node runner trains for the comparison (its first N steps); 0 skips it. */
  readonly runnerSteps: number;
  /** Print the results as JSON on stdout instead of the table. */
  readonly json: boolean;
  /** Skip `vite build` (use the dist/ already there). */
  readonly build: boolean;
  /** Serve this folder instead of dist/ (an earlier build, for before/after comparisons); implies no build. */
  readonly dist: string | null;
  /** Write CPU profiles (page and worker) of each browser run into this folder. */
  readonly profileDir: string | null;
  /** Serve the page cross-origin isolated (COOP/COEP), so tfjs-wasm loads its threaded build. */
  readonly isolated: boolean;
  /** Extra Chromium command-line switches (diagnosis, e.g. --js-flags=--no-maglev). */
  readonly chromiumArgs: readonly string[];
}

export const DEFAULT_PRESETS: readonly PresetId[] = ['fig5-alpha1', 'table2', 'table3', 'default'];
const BACKENDS: readonly BackendChoice[] = ['auto', 'webgpu', 'wasm', 'webgl', 'cpu'];

export const USAGE = `usage: npm run bench:browser -- [--presets a,b] [--budget-s S] [--backend B] [--window N]
                             [--runner-steps N] [--json] [--no-build] [--dist DIR] [--profile DIR]
                             [--isolated] [--chromium-arg SWITCH]…
  --presets LIST      presets to run (default ${DEFAULT_PRESETS.join(',')}; all: ${PRESET_IDS.join(', ')})
  --budget-s S        browser wall-time budget per preset; longer runs are paused and extrapolated (default 120)
  --backend B         add backend=B to each link (${BACKENDS.join(', ')}; default: the link's own, auto)
  --workers N         add workers=N to each link (training workers; default: the link's own, auto)
  --window N          steps of the first/last windows (default 1000; at most half the steps done)
  --runner-steps N    steps of the Node runner's comparison run (default 1000; 0 skips it)
  --json              print the results as JSON instead of the table
  --no-build          serve the existing dist/ without running vite build
  --dist DIR          serve the build in DIR (e.g. an earlier one, to compare) instead of building dist/
  --profile DIR       write CPU profiles of the page and the worker (Chrome DevTools format) to DIR
  --isolated          serve with COOP/COEP headers: tfjs-wasm's threaded build (our SIMD kernels then step aside)
  --chromium-arg SW   pass one more switch to Chromium (repeatable; for diagnosis, e.g. --js-flags=--no-maglev)`;

const isBackend = (s: string): s is BackendChoice => (BACKENDS as readonly string[]).includes(s);

function positive(flag: string, text: string, allowZero = false): number {
  const n = Number(text);
  if (!Number.isFinite(n) || n < 0 || (!allowZero && n === 0)) throw new Error(`${flag} needs a ${allowZero ? 'non-negative' : 'positive'} number\n${USAGE}`);
  return n;
}

export function parseBrowserArgs(argv: readonly string[]): BrowserBenchArgs {
  let presets: readonly PresetId[] = DEFAULT_PRESETS;
  let budgetMs = 120_000;
  let backend: BackendChoice | null = null;
  let workers: number | null = null;
  let window = 1000;
  let runnerSteps = 1000;
  let json = false;
  let build = true;
  let profileDir: string | null = null;
  let dist: string | null = null;
  let isolated = false;
  const chromiumArgs: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    const value = (): string => {
      const v = argv[++i];
      if (v === undefined) throw new Error(`${a} needs a value\n${USAGE}`);
      return v;
    };
    if (a === '--presets') {
      const list = value().split(',').map((s) => s.trim()).filter((s) => s.length > 0);
      const bad = list.filter((s) => !isPresetId(s));
      if (bad.length > 0 || list.length === 0) throw new Error(`unknown preset(s) ${bad.join(', ')}\n${USAGE}`);
      presets = list.filter(isPresetId);
    } else if (a === '--budget-s') budgetMs = positive(a, value()) * 1000;
    else if (a === '--backend') {
      const b = value();
      if (!isBackend(b)) throw new Error(`unknown backend ${b}\n${USAGE}`);
      backend = b;
    } else if (a === '--workers') {
      const n = Number(value());
      if (!Number.isInteger(n) || n < 1 || n > 16) throw new Error(`--workers needs an integer 1…16\n${USAGE}`);
      workers = n;
    } else if (a === '--window') window = Math.round(positive(a, value()));
    else if (a === '--runner-steps') runnerSteps = Math.round(positive(a, value(), true));
    else if (a === '--json') json = true;
    else if (a === '--no-build') build = false;
    else if (a === '--isolated') isolated = true;
    else if (a === '--profile') profileDir = value();
    else if (a === '--chromium-arg') chromiumArgs.push(value());
    else if (a === '--dist') {
      dist = value();
      build = false;
    }
    else if (a === '--help' || a === '-h') {
      console.log(USAGE);
      process.exit(0);
    } else throw new Error(`unknown argument ${a}\n${USAGE}`);
  }
  return { presets, budgetMs, backend, workers, window, runnerSteps, json, build, dist, profileDir, isolated, chromiumArgs };
}
