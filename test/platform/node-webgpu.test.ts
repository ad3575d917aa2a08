import { existsSync } from 'node:fs';
import * as tf from '@tensorflow/tfjs-core';
import { afterAll, describe, expect, it } from 'vitest';
import { decodeConfig } from '../../src/core/config';
import { layoutForBackend } from '../../src/core/models/layout';
import { TrainingSession } from '../../src/core/train';
import { selectNodeBackend } from '../../src/platform/node-tf';
import type { NodeBackend } from '../../src/platform/node-tf';
import { releaseNodeWebGpu, SWIFTSHADER_ICD } from '../../src/platform/node-webgpu';
import { gradientFingerprint, maxRelativeDifference, SELF_TEST_TOLERANCE } from '../../src/worker/self-test';

/**
 * WebGPU in Node on a real Vulkan driver: the software one Debian's Chromium ships (SwiftShader),
 * unless the environment already names one. Software Vulkan is slow, so the shapes are tiny; this
 * checks numbers, never speed.
 */
const driver = process.env.VK_ICD_FILENAMES ?? (existsSync(SWIFTSHADER_ICD) ? SWIFTSHADER_ICD : null);
if (driver) process.env.VK_ICD_FILENAMES = driver;
const title = driver
  ? `WebGPU in Node (Dawn on ${driver})`
  : `WebGPU in Node: skipped, no Vulkan driver (${SWIFTSHADER_ICD} is absent: install Debian's chromium, or set VK_ICD_FILENAMES)`;

/** 2 lanes of a tiny single-kind run: 20 steps, losses every 5, evaluations at 10 and 20. */
const LINK = 'kind=single&tau=6&n=8&mv=8&mff=16&mh=2&seeds=2&batch=8&evaln=32&steps=20&logev=5&evalev=10&lr=0.01';

interface Trace {
  readonly loss: number[];
  readonly mse: number[];
}

async function train(backend: NodeBackend): Promise<Trace> {
  await selectNodeBackend(backend);
  const { config, problems } = decodeConfig(LINK);
  expect(problems).toEqual([]);
  const session = new TrainingSession(config, layoutForBackend(backend));
  const loss: number[] = [];
  const mse: number[] = [];
  try {
    const outcome = await session.run(config.steps, {
      onTrain: (r) => loss.push(...r.laneLoss),
      onEval: (e) => mse.push(...e.mse),
    });
    expect(outcome).toEqual({ status: 'done', step: 20 });
  } finally {
    session.dispose();
  }
  return { loss, mse };
}

describe.skipIf(!driver)(title, () => {
  afterAll(() => releaseNodeWebGpu()); // else Dawn keeps the test process alive

  it('initialises tfjs-backend-webgpu and passes the self-test against cpu', async () => {
    const info = await selectNodeBackend('webgpu');
    expect(tf.getBackend()).toBe('webgpu');
    expect(info.detail).toMatch(/self-test against cpu: max rel\. diff/);
    expect(info.gpu?.maxBufferSize).toBeGreaterThan(0);
    // The self-test's own check, repeated here: webgpu's loss and gradients against cpu's.
    const gpu = await gradientFingerprint(layoutForBackend('webgpu'));
    await selectNodeBackend('cpu');
    const cpu = await gradientFingerprint('split');
    expect(gpu.length).toBe(cpu.length);
    expect(gpu.every(Number.isFinite)).toBe(true);
    expect(maxRelativeDifference(gpu, cpu)).toBeLessThanOrEqual(SELF_TEST_TOLERANCE);
  });

  it('trains a short run to the numbers cpu gives, within the self-test tolerance', async () => {
    const gpu = await train('webgpu');
    const cpu = await train('cpu');
    expect(gpu.loss).toHaveLength(2 * 4); // 2 lanes at steps 5, 10, 15, 20
    expect(gpu.mse).toHaveLength(2 * 2); // 2 lanes at steps 10, 20
    expect(gpu.mse.every((v) => Number.isFinite(v) && v > 0)).toBe(true);
    expect(maxRelativeDifference(Float32Array.from(gpu.loss), Float32Array.from(cpu.loss))).toBeLessThanOrEqual(SELF_TEST_TOLERANCE);
    expect(maxRelativeDifference(Float32Array.from(gpu.mse), Float32Array.from(cpu.mse))).toBeLessThanOrEqual(SELF_TEST_TOLERANCE);
    // Training moved the weights: the last evaluation differs from the first.
    expect(gpu.mse.slice(2)).not.toEqual(gpu.mse.slice(0, 2));
  });
});
