import * as tf from '@tensorflow/tfjs-core';
import type { Tensor, Variable } from '@tensorflow/tfjs-core';

export interface AdamOptions {
  readonly beta1: number;
  readonly beta2: number;
  /** Explicit: tfjs's default comes from the backend (WebGL 1e-4, others 1e-7). */
  readonly epsilon: number;
}

/** Adam's state: the step count and both moments of every variable. */
export interface AdamState {
  readonly t: number;
  readonly m: readonly Float32Array[];
  readonly v: readonly Float32Array[];
}

/** Assign flat values to variables of matching sizes; throws naming `what` if the lists differ. */
export function assignAll(vars: readonly Variable[], values: readonly Float32Array[], what: string): void {
  if (values.length !== vars.length) throw new Error(`${what}: ${values.length} arrays for ${vars.length} variables`);
  vars.forEach((x, i) => {
    const data = values[i];
    if (!(data instanceof Float32Array) || data.length !== x.size) {
      throw new Error(`${what} ${i}: expected ${x.size} values, got ${data instanceof Float32Array ? data.length : typeof data}`);
    }
  });
  tf.tidy(() => vars.forEach((x, i) => x.assign(tf.tensor(values[i] as Float32Array, x.shape))));
}

/**
 * Adam (Kingma & Ba) over lane-stacked variables, with the learning rate given per step (schedules):
 * p ← p − lr · m̂ / (√v̂ + ε), m̂ = m / (1 − β1ᵗ), v̂ = v / (1 − β2ᵗ) — the PyTorch form.
 */
export class Adam {
  private readonly m: Variable[];
  private readonly v: Variable[];
  private t = 0;

  constructor(
    private readonly vars: readonly Variable[],
    private readonly opt: AdamOptions,
  ) {
    this.m = vars.map((x) => tf.tidy(() => tf.variable(tf.zerosLike(x), false)));
    this.v = vars.map((x) => tf.tidy(() => tf.variable(tf.zerosLike(x), false)));
  }

  get step(): number {
    return this.t;
  }

  /** The moments and step count, read back (checkpoints): m[i] and v[i] belong to vars[i]. */
  async snapshot(): Promise<AdamState> {
    const read = (xs: readonly Variable[]): Promise<Float32Array[]> => Promise.all(xs.map(async (x) => Float32Array.from(await x.data())));
    return { t: this.t, m: await read(this.m), v: await read(this.v) };
  }

  /** Put back a snapshot taken from an Adam over variables of the same shapes. */
  restore(s: AdamState): void {
    if (!Number.isInteger(s.t) || s.t < 0) throw new Error(`Adam.restore: bad step count ${s.t}`);
    assignAll(this.m, s.m, 'Adam first moment');
    assignAll(this.v, s.v, 'Adam second moment');
    this.t = s.t;
  }

  /** Apply one update; grads[i] belongs to vars[i]. Does not dispose the gradients. */
  apply(grads: readonly Tensor[], lr: number): void {
    this.t += 1;
    const { beta1, beta2, epsilon } = this.opt;
    const c1 = 1 / (1 - Math.pow(beta1, this.t));
    const c2 = 1 / (1 - Math.pow(beta2, this.t));
    tf.tidy(() => {
      this.vars.forEach((p, i) => {
        const g = grads[i];
        const m = this.m[i];
        const v = this.v[i];
        if (!g || !m || !v) throw new Error('Adam: gradient list does not match the variables');
        const m1 = tf.add(tf.mul(m, beta1), tf.mul(g, 1 - beta1));
        const v1 = tf.add(tf.mul(v, beta2), tf.mul(tf.square(g), 1 - beta2));
        m.assign(m1);
        v.assign(v1);
        const update = tf.div(tf.mul(m1, lr * c1), tf.add(tf.sqrt(tf.mul(v1, c2)), epsilon));
        p.assign(tf.sub(p, update));
      });
    });
  }

  dispose(): void {
    for (const x of [...this.m, ...this.v]) x.dispose();
  }
}
