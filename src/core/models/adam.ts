import * as tf from '@tensorflow/tfjs-core';
import type { Tensor, Variable } from '@tensorflow/tfjs-core';
import { checkSizes } from './params';

export interface AdamOptions {
  readonly beta1: number;
  readonly beta2: number;
  /** Explicit: tfjs's default comes from the backend (WebGL 1e-4, others 1e-7). */
  readonly epsilon: number;
  /** Most values per update group (default ADAM_GROUP_VALUES; tests use small ones). */
  readonly groupValues?: number;
}

/** Adam's state: the step count and both moments of every variable. */
export interface AdamState {
  readonly t: number;
  readonly m: readonly Float32Array[];
  readonly v: readonly Float32Array[];
}

/** Most values in one group of variables updated together (2^18 floats = 1 MB). */
export const ADAM_GROUP_VALUES = 1 << 18;

/** Consecutive variables updated as one flat vector: [first, end) of `vars`, with their moments. */
interface Group {
  readonly first: number;
  readonly end: number;
  /** Sizes of the group's variables. */
  readonly sizes: readonly number[];
  /** First and second moments of the group's variables, concatenated: [n] */
  readonly m: Variable;
  readonly v: Variable;
}

/**
 * Split variables, in order, into groups of at most `limit` values (a larger variable is a group of
 * its own). Exported for tests.
 */
export function adamGroups(sizes: readonly number[], limit: number): Array<readonly [number, number]> {
  const out: Array<readonly [number, number]> = [];
  let first = 0;
  let total = 0;
  sizes.forEach((n, i) => {
    if (i > first && total + n > limit) {
      out.push([first, i]);
      first = i;
      total = 0;
    }
    total += n;
  });
  if (sizes.length > first) out.push([first, sizes.length]);
  return out;
}

/**
 * Adam (Kingma & Ba) over lane-stacked variables, with the learning rate given per step (schedules):
 * p ← p − lr · m̂ / (√v̂ + ε), m̂ = m / (1 − β1ᵗ), v̂ = v / (1 − β2ᵗ) — the PyTorch form.
 *
 * Small variables are updated together: their gradients are concatenated into one flat vector, so a
 * group costs ~12 element-wise kernels instead of ~13 per variable (kernel dispatch, not arithmetic,
 * is what these small updates cost). Groups stay under ADAM_GROUP_VALUES because splitting the update
 * back copies the whole group once per variable on wasm (its Slice reads the entire input buffer):
 * one flat group for a 16-lane sweep cost 31 ms a step.
 */
export class Adam {
  private readonly groups: Group[];
  private t = 0;

  constructor(
    private readonly vars: readonly Variable[],
    private readonly opt: AdamOptions,
  ) {
    const sizes = vars.map((x) => x.size);
    this.groups = adamGroups(sizes, opt.groupValues ?? ADAM_GROUP_VALUES).map(([first, end]) => {
      const gs = sizes.slice(first, end);
      const n = gs.reduce((a, b) => a + b, 0);
      return {
        first,
        end,
        sizes: gs,
        m: tf.tidy(() => tf.variable(tf.zeros([n]), false)),
        v: tf.tidy(() => tf.variable(tf.zeros([n]), false)),
      };
    });
  }

  get step(): number {
    return this.t;
  }

  /** The moments and step count, read back (checkpoints): m[i] and v[i] belong to vars[i]. */
  async snapshot(): Promise<AdamState> {
    const m: Float32Array[] = [];
    const v: Float32Array[] = [];
    for (const g of this.groups) {
      const [gm, gv] = await Promise.all([g.m.data(), g.v.data()]);
      let offset = 0;
      for (const n of g.sizes) {
        m.push(Float32Array.from(gm.subarray(offset, offset + n)));
        v.push(Float32Array.from(gv.subarray(offset, offset + n)));
        offset += n;
      }
    }
    return { t: this.t, m, v };
  }

  /** Put back a snapshot taken from an Adam over variables of the same shapes. */
  restore(s: AdamState): void {
    if (!Number.isInteger(s.t) || s.t < 0) throw new Error(`Adam.restore: bad step count ${s.t}`);
    const flat = (values: readonly Float32Array[], what: string): Float32Array[] => {
      checkSizes(this.vars, values, what);
      return this.groups.map((g) => {
        const out = new Float32Array(g.m.size);
        let offset = 0;
        for (let i = g.first; i < g.end; i++) {
          out.set(values[i] as Float32Array, offset);
          offset += (values[i] as Float32Array).length;
        }
        return out;
      });
    };
    const m = flat(s.m, 'Adam first moment');
    const v = flat(s.v, 'Adam second moment');
    tf.tidy(() => {
      this.groups.forEach((g, i) => {
        g.m.assign(tf.tensor1d(m[i] as Float32Array));
        g.v.assign(tf.tensor1d(v[i] as Float32Array));
      });
    });
    this.t = s.t;
  }

  /** Apply one update; grads[i] belongs to vars[i]. Does not dispose the gradients. */
  apply(grads: readonly Tensor[], lr: number): void {
    if (grads.length !== this.vars.length || grads.some((g, i) => g.size !== (this.vars[i] as Variable).size)) {
      throw new Error('Adam: gradient list does not match the variables');
    }
    this.t += 1;
    const { beta1, beta2, epsilon } = this.opt;
    const c1 = 1 / (1 - Math.pow(beta1, this.t));
    const c2 = 1 / (1 - Math.pow(beta2, this.t));
    tf.tidy(() => {
      for (const group of this.groups) {
        const gs = grads.slice(group.first, group.end).map((x) => tf.reshape(x, [x.size]));
        const g = gs.length === 1 ? (gs[0] as Tensor) : tf.concat(gs); // [n]
        const m1 = tf.add(tf.mul(group.m, beta1), tf.mul(g, 1 - beta1)); // [n]
        const v1 = tf.add(tf.mul(group.v, beta2), tf.mul(tf.square(g), 1 - beta2)); // [n]
        group.m.assign(m1);
        group.v.assign(v1);
        const update = tf.div(tf.mul(m1, lr * c1), tf.add(tf.sqrt(tf.mul(v1, c2)), epsilon)); // [n]
        const parts = group.sizes.length === 1 ? [update] : tf.split(update, [...group.sizes]);
        for (let i = group.first; i < group.end; i++) {
          const p = this.vars[i] as Variable;
          p.assign(tf.sub(p, tf.reshape(parts[i - group.first] as Tensor, p.shape)));
        }
      }
    });
  }

  dispose(): void {
    for (const g of this.groups) {
      g.m.dispose();
      g.v.dispose();
    }
  }
}
