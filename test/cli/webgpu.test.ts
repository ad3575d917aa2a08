import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { SWIFTSHADER_ICD } from '../../src/platform/node-webgpu';
import { maxRelativeDifference, SELF_TEST_TOLERANCE } from '../../src/worker/self-test';

/** Two lanes of a tiny model, 20 steps: software Vulkan is slow, this checks numbers only. */
const LINK = 'kind=single&tau=6&n=8&mv=8&mff=16&mh=2&seeds=2&batch=8&evaln=32&steps=20&logev=5&evalev=10&lr=0.01';

interface RunJson {
  backend: string;
  workers: number;
  outcome: { status: string; step: number };
  eval: { step: number; mse: number[] }[];
  train: { step: number; loss: number[] }[];
}

/** `npm run experiment -- LINK --backend B` in a child process with `env` added. */
function runner(backend: string, env: Record<string, string>): { code: number | null; stdout: string; stderr: string; json: RunJson | null } {
  const file = join(mkdtempSync(join(tmpdir(), 'rs-webgpu-')), 'run.json');
  const r = spawnSync('npx', ['tsx', 'src/cli/experiment.ts', LINK, '--backend', backend, '--quiet', '--json', file], {
    env: { ...process.env, ...env },
    encoding: 'utf8',
  });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr, json: existsSync(file) ? (JSON.parse(readFileSync(file, 'utf8')) as RunJson) : null };
}

/** A JavaScript stack frame (Dawn's own warnings name C++ files, which are not ours to hide). */
const JS_STACK = /\n\s+at .*\.(ts|js|mjs|cjs):\d+/;

const flat = (rows: readonly { mse?: number[]; loss?: number[] }[]): Float32Array => Float32Array.from(rows.flatMap((r) => r.mse ?? r.loss ?? []));

describe('npm run experiment -- --backend webgpu', () => {
  it.skipIf(!existsSync(SWIFTSHADER_ICD))(
    `trains on Dawn over the software Vulkan driver (${SWIFTSHADER_ICD}; skipped when absent: install Debian's chromium) to cpu's numbers within the self-test tolerance`,
    () => {
      const gpu = runner('webgpu', { VK_ICD_FILENAMES: SWIFTSHADER_ICD });
      expect(gpu.stderr).not.toMatch(JS_STACK);
      expect(gpu.code).toBe(0);
      expect(gpu.stdout).toMatch(/webgpu: .*self-test against cpu: max rel\. diff/);
      const cpu = runner('cpu', {});
      expect(cpu.code).toBe(0);
      const [g, c] = [gpu.json, cpu.json];
      if (!g || !c) throw new Error('a run wrote no JSON');
      expect(g.backend).toBe('webgpu');
      expect(g.workers).toBe(1); // one device: its lanes batched in one thread
      expect(g.outcome).toEqual({ status: 'done', step: 20 });
      expect(g.eval.map((e) => e.step)).toEqual([10, 20]);
      expect(g.train.map((t) => t.step)).toEqual(c.train.map((t) => t.step));
      expect(maxRelativeDifference(flat(g.eval), flat(c.eval))).toBeLessThanOrEqual(SELF_TEST_TOLERANCE);
      expect(maxRelativeDifference(flat(g.train), flat(c.train))).toBeLessThanOrEqual(SELF_TEST_TOLERANCE);
    },
    600_000,
  );

  it('without a usable Vulkan driver, fails with one message saying what to install and which variable to set', () => {
    const dir = mkdtempSync(join(tmpdir(), 'rs-no-gpu-'));
    const bogus = join(dir, 'no_driver_icd.json'); // names a driver library that is not there
    writeFileSync(bogus, JSON.stringify({ file_format_version: '1.0.0', ICD: { library_path: './libno_such_driver.so', api_version: '1.0.0' } }));
    for (const icd of [join(dir, 'absent.json'), bogus]) {
      const r = runner('webgpu', { VK_ICD_FILENAMES: icd });
      expect(r.code).toBe(1);
      expect(r.json).toBeNull();
      const message = r.stderr.split('\n').filter((l) => l.startsWith('--backend webgpu:'));
      expect(message).toHaveLength(1);
      // Missing file, missing loader (no libvulkan1 here) or no adapter (with a loader): all say what to do.
      expect(message[0]).toMatch(/does not exist|no Vulkan loader|no WebGPU adapter/);
      expect(message[0]).toContain('libvulkan1');
      expect(message[0]).toContain(`VK_ICD_FILENAMES=${SWIFTSHADER_ICD}`);
      expect(r.stderr).not.toMatch(JS_STACK);
    }
  }, 120_000);
});
