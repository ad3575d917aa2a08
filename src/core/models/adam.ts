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
 *
 * The moments of all variables live in two flat vectors and one update runs over the concatenated
 * gradient: ~12 element-wise kernels a step instead of ~13 per variable (kernel dispatch, not
 * arithmetic, is what these small updates cost).
 */
export class Adam {
  /** First and second moments of every variable, concatenated in `vars` order: [N] */
  private readonly m: Variable;
  private readonly v: Variable;
  private readonly sizes: number[];
  private t = 0;

  constructor(
    private readonly vars: readonly Variable[],
    private readonly opt: AdamOptions,
  ) {
    this.sizes = vars.map((x) => x.size);
    const N = this.sizes.reduce((a, b) => a + b, 0);
    this.m = tf.tidy(() => tf.variable(tf.zeros([N]), false));
    this.v = tf.tidy(() => tf.variable(tf.zeros([N]), false));
  }

  get step(): number {
    return this.t;
  }

  /** The moments and step count, read back (checkpoints): m[i] and v[i] belong to vars[i]. */
  async snapshot(): Promise<AdamState> {
    const read = async (flat: Variable): Promise<Float32Array[]> => {
      const all = Float32Array.from(await flat.data());
      let offset = 0;
      return this.sizes.map((n) => all.slice(offset, (offset += n)));
    };
    return { t: this.t, m: await read(this.m), v: await read(this.v) };
  }

  /** Put back a snapshot taken from an Adam over variables of the same shapes. */
  restore(s: AdamState): void {
    if (!Number.isInteger(s.t) || s.t < 0) throw new Error(`Adam.restore: bad step count ${s.t}`);
    const flat = (values: readonly Float32Array[], what: string): Float32Array => {
      if (values.length !== this.sizes.length) throw new Error(`${what}: ${values.length} arrays for ${this.sizes.length} variables`);
      const out = new Float32Array(this.m.size);
      let offset = 0;
      values.forEach((data, i) => {
        const n = this.sizes[i] as number;
        if (!(data instanceof Float32Array) || data.length !== n) {
          throw new Error(`${what} ${i}: expected ${n} values, got ${data instanceof Float32Array ? data.length : typeof data}`);
        }
        out.set(data, offset);
        offset += n;
      });
      return out;
    };
    const m = flat(s.m, 'Adam first moment');
    const v = flat(s.v, 'Adam second moment');
    tf.tidy(() => {
      this.m.assign(tf.tensor1d(m));
      this.v.assign(tf.tensor1d(v));
    });
    this.t = s.t;
  }

  /** Apply one update; grads[i] belongs to vars[i]. Does not dispose the gradients. */
  apply(grads: readonly Tensor[], lr: number): void {
    if (grads.length !== this.vars.length || grads.some((g, i) => g.size !== this.sizes[i])) {
      throw new Error('Adam: gradient list does not match the variables');
    }
    this.t += 1;
    const { beta1, beta2, epsilon } = this.opt;
    const c1 = 1 / (1 - Math.pow(beta1, this.t));
    const c2 = 1 / (1 - Math.pow(beta2, this.t));
    tf.tidy(() => {
      const g = tf.concat(grads.map((x) => tf.reshape(x, [x.size]))); // [N]
      const m1 = tf.add(tf.mul(this.m, beta1), tf.mul(g, 1 - beta1)); // [N]
      const v1 = tf.add(tf.mul(this.v, beta2), tf.mul(tf.square(g), 1 - beta2)); // [N]
      this.m.assign(m1);
      this.v.assign(v1);
      const update = tf.div(tf.mul(m1, lr * c1), tf.add(tf.sqrt(tf.mul(v1, c2)), epsilon)); // [N]
      const parts = this.vars.length === 1 ? [update] : tf.split(update, this.sizes);
      this.vars.forEach((p, i) => p.assign(tf.sub(p, tf.reshape(parts[i] as Tensor, p.shape))));
    });
  }

  dispose(): void {
    this.m.dispose();
    this.v.dispose();
  }
}
