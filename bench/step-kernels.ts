/**
 * Where one training step's kernels go: `npx tsx bench/step-kernels.ts LINK [wasm|cpu] [steps]
 * [--list] [--model=transformer|rnn]`. Prints each kernel (in step order with --list, with shapes)
 * at the least of five profiled steps' times, kernel counts and times by name, and the wall and CPU
 * ms per step of `steps` timed steps (median and least). --model trains only that architecture's
 * lanes (a worker group's session), e.g. the table2 preset's Transformer lanes.
 */
import * as tf from '@tensorflow/tfjs-core';
import { selectNodeBackend } from '../src/platform/node-tf';
import type { NodeBackend } from '../src/platform/node-tf';
import { benchConfig } from './measure';
import { planExperiment } from '../src/core/train/plan';
import { TrainingSession } from '../src/core/train/session';
import { profileStep } from './profile';
import type { StepProfile } from './profile';

async function main(): Promise<void> {
  const [link = '', backendArg = 'wasm', stepsArg = '40'] = process.argv.slice(2).filter((a) => !a.startsWith('--'));
  const list = process.argv.includes('--list');
  await selectNodeBackend(backendArg as NodeBackend);
  const config = benchConfig(`${link}&steps=1000000&logev=1000000&evalev=1000000`);
  const only = process.argv.find((a) => a.startsWith('--model='))?.slice(8);
  const ids = only ? planExperiment(config).lanes.flatMap((l, i) => (l.model === only ? [i] : [])) : undefined;
  const session = new TrainingSession(config, 'split', ids);
  const step = async (): Promise<void> => {
    await session.run(session.step + 1, {});
  };
  for (let i = 0; i < 10; i++) await step();
  const n = Number(stepsArg);
  const wall: number[] = [];
  const cpu: number[] = [];
  for (let i = 0; i < n; i++) {
    const c0 = process.cpuUsage();
    const t0 = performance.now();
    await step();
    const t = tf.tidy(() => tf.add(tf.scalar(0), 1));
    await t.data();
    t.dispose();
    wall.push(performance.now() - t0);
    const c = process.cpuUsage(c0);
    cpu.push((c.user + c.system) / 1000);
  }
  const med = (xs: number[]): number => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] as number;
  const profiles: StepProfile[] = [];
  for (let i = 0; i < 5; i++) profiles.push(await profileStep(step));
  const first = profiles[0] as StepProfile;
  const minMs = first.kernels.map((_, k) => Math.min(...profiles.map((p) => p.kernels[k]?.ms ?? Infinity)));
  const byName = new Map<string, { count: number; ms: number }>();
  first.kernels.forEach((k, i) => {
    const g = byName.get(k.name) ?? { count: 0, ms: 0 };
    g.count += 1;
    g.ms += minMs[i] as number;
    byName.set(k.name, g);
  });
  if (list) {
    first.kernels.forEach((k, i) => {
      const sh = k.inputShapes.map((s) => (s ? `[${s.join(',')}]` : 'null')).join(' ');
      console.log(`${String(i).padStart(4)} ${(minMs[i] as number).toFixed(3).padStart(7)} ${k.name} ${sh} -> [${k.outputShapes[0]?.join(',') ?? ''}]`);
    });
  }
  for (const [name, g] of [...byName].sort((a, b) => b[1].ms - a[1].ms)) console.log(`${name.padEnd(16)} ${String(g.count).padStart(4)} ${g.ms.toFixed(2)}`);
  const kMin = minMs.reduce((a, b) => a + b, 0);
  console.log(`kernels ${first.kernels.length}, sum of min kernel ms ${kMin.toFixed(2)}; wall ms/step median ${med(wall).toFixed(2)} min ${Math.min(...wall).toFixed(2)}; cpu ms/step median ${med(cpu).toFixed(2)} min ${Math.min(...cpu).toFixed(2)}`);
  session.dispose();
}

main().catch((e: unknown) => {
  console.error(e);
  process.exit(1);
});
