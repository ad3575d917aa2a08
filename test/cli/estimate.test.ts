import { spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';

const runner = (...args: string[]) => spawnSync('npx', ['tsx', 'src/cli/experiment.ts', ...args], { encoding: 'utf8' });

describe('npm run experiment: the cost estimate first', () => {
  it('refuses issue 13’s out-of-memory link before any backend starts, with the estimate and the field to change', () => {
    const r = runner('?v=1&tau=256&batch=1024&mff=512&depth=4');
    expect(r.status).toBe(2);
    expect(r.stdout).toMatch(/^estimate: ~\d+ GB \(parameters and Adam [\d.]+ MB, a step \d+ GB, an evaluation \d+ MB\) · [\d.e+]+ GFLOP a step × 2000 steps · ~[\d.]+ (days|h) at the bench's wasm rate$/m);
    expect(r.stdout).not.toMatch(/^backend /m);
    expect(r.stderr).toMatch(/This run needs ~\d+ GB on wasm, over its limit of 3\.8 GB .* lower batch to \d+ or less \(now 1024\)\./);
    expect(r.stderr).toContain('refusing to run it (--force runs it anyway)');
  });

  it('prints the estimate before training a run that fits', () => {
    const r = runner('kind=single&mh=2&n=8&mff=16&mv=8&batch=16&evaln=64&tau=8&modes=8&steps=20&logev=5&evalev=10', '--quiet');
    expect(r.status).toBe(0);
    const lines = r.stdout.split('\n');
    const est = lines.findIndex((l) => l.startsWith('estimate: ~'));
    const backend = lines.findIndex((l) => l.startsWith('backend '));
    expect(est).toBeGreaterThan(0);
    expect(backend).toBeGreaterThan(est);
    expect(lines[est]).toMatch(/× 20 steps · ~\d+ s at the bench's wasm rate$/);
  });
});
