import * as tf from '@tensorflow/tfjs-core';
import type { Tensor, Variable } from '@tensorflow/tfjs-core';
import { checkSizes } from './params';
import { adamStep, simdAvailable } from './simd/kernels';

export interface AdamOptions {
  readonly beta1: number;
  readonly beta2: number;
  /** Explicit: tfjs's default comes from the backend (WebGL 1e-4, others 1e-7). */
  readonly epsilon: number;
  /** Most values per update group (default ADAM_GROUP_VALUES; tests use small ones). */
  readonly groupValues?: number;
  /** Most values copied to split one group's update (default ADAM_GROUP_COPIES; see adamGroups). */
  readonly groupCopies?: number;
  /** Learning-rate multiplier of each variable (default all 1); variables of unequal ones never share a group. */
  readonly lrScales?: readonly number[];
  /**
   * Update every variable in one RankscopeAdam kernel where the backend has it (wasm with SIMD;
   * default true). The values are those of the grouped ops, bit for bit (test/core/models/simd.test.ts).
   */
  readonly fused?: boolean;
}

/** Adam's state: the step count and both moments of every variable. */
export interface AdamState {
  readonly t: number;
  readonly m: readonly Float32Array[];
  readonly v: readonly Float32Array[];
}

/** Most values in one group of variables updated together (2^18 floats = 1 MB). */
export const ADAM_GROUP_VALUES = 1 << 18;

/** Most values copied when one group's update is split back into its k variables (k × group size). */
export const ADAM_GROUP_COPIES = 1 << 17;

/** Consecutive variables updated as one tensor: [first, end) of `vars`, with their moments. */
interface Group {
  readonly first: number;
  readonly end: number;
  /** Sizes of the group's variables. */
  readonly sizes: readonly number[];
  /**
   * How the variables are joined: 'rows' — one variable as it is, or 2-D variables of equal width
   * stacked along their rows (the lanes of one parameter), [Σ rows, cols]; 'flat' — flattened, [n].
   * 'rows' needs no reshape per variable (an op each, ~3 per variable a step).
   */
  readonly join: 'rows' | 'flat';
  /** Rows of each variable ('rows' join). */
  readonly rows: readonly number[];
  /** The learning-rate multiplier shared by the group's variables. */
  readonly lrScale: number;
  /** First and second moments of the group's variables, concatenated: [Σ rows, cols] or [n] */
  readonly m: Variable;
  readonly v: Variable;
}

/** The joined shape of `vars` and how they join (Group.join). */
function joinShape(vars: readonly Variable[]): { join: 'rows' | 'flat'; shape: number[] } {
  const [first] = vars;
  if (first && vars.length === 1) return { join: 'rows', shape: [...first.shape] };
  const cols = first?.shape.length === 2 ? first.shape[1] : undefined;
  if (cols !== undefined && vars.every((x) => x.shape.length === 2 && x.shape[1] === cols)) {
    return { join: 'rows', shape: [vars.reduce((a, x) => a + (x.shape[0] as number), 0), cols] };
  }
  return { join: 'flat', shape: [vars.reduce((a, x) => a + x.size, 0)] };
}

/**
 * Split variables, in order, into groups of at most `limit` values whose split copies at most
 * `copyLimit` values (a larger variable is a group of its own). Splitting a group of k variables and
 * n values back costs k × n copied values on wasm (each part is a Slice, and a Slice there copies its
 * whole input first), so many variables in one group (lane-by-lane variables) cost more to split
 * than they save in kernel launches. Exported for tests.
 */
export function adamGroups(sizes: readonly number[], limit: number, copyLimit = Infinity): Array<readonly [number, number]> {
  const out: Array<readonly [number, number]> = [];
  let first = 0;
  let total = 0;
  sizes.forEach((n, i) => {
    if (i > first && (total + n > limit || (i - first + 1) * (total + n) > copyLimit)) {
      out.push([first, i]);
      first = i;
      total = 0;
    }
    total += n;
  });
  if (sizes.length > first) out.push([first, sizes.length]);
  return out;
}

/** adamGroups within each run of consecutive variables with the same learning-rate multiplier. */
export function scaledAdamGroups(
  sizes: readonly number[],
  scales: readonly number[],
  limit: number,
  copyLimit = Infinity,
): Array<readonly [number, number]> {
  const out: Array<readonly [number, number]> = [];
  let first = 0;
  for (let i = 1; i <= sizes.length; i++) {
    if (i < sizes.length && scales[i] === scales[first]) continue;
    for (const [a, b] of adamGroups(sizes.slice(first, i), limit, copyLimit)) out.push([first + a, first + b]);
    first = i;
  }
  return out;
}

/**
 * Adam (Kingma & Ba) over a list of variables (per lane or lane-stacked), with the learning rate
 * given per step (schedules): p ← p − lr · m̂ / (√v̂ + ε), m̂ = m / (1 − β1ᵗ), v̂ = v / (1 − β2ᵗ) —
 * the PyTorch form. Element-wise throughout, so how variables are grouped never changes a value.
 *
 * Small variables are updated together: their gradients are concatenated into one flat vector, so a
 * group costs ~13 kernels instead of ~13 per variable (kernel dispatch, not arithmetic, is what these
 * small updates cost). Splitting the new values back copies the whole group once per variable on wasm
 * (its Slice reads the entire input buffer), so groups stay under ADAM_GROUP_VALUES values and
 * ADAM_GROUP_COPIES copies: one flat group for a 16-lane sweep cost 31 ms a step, and with one
 * variable per lane (208 for that sweep) groups capped by size alone cost ~28 ms, by copies ~9 ms
 * (Adam alone, measured in Node; caps of 2^16–2^17 copies were best, 2^15 and 2^18 slower).
 */
export class Adam {
  private readonly groups: Group[];
  /** One group per variable, updated by one RankscopeAdam kernel a step (see AdamOptions.fused). */
  private readonly fused: boolean;
  private t = 0;

  constructor(
    private readonly vars: readonly Variable[],
    private readonly opt: AdamOptions,
  ) {
    const sizes = vars.map((x) => x.size);
    const scales = opt.lrScales ?? vars.map(() => 1);
    if (scales.length !== vars.length || scales.some((s) => !(Number.isFinite(s) && s > 0))) {
      throw new Error('Adam: lrScales must hold one positive, finite multiplier per variable');
    }
    this.fused = (opt.fused ?? true) && simdAvailable();
    // The fused kernel takes every variable as it is: nothing to join, so each is its own group.
    const limits = this.fused ? ([0, 0] as const) : ([opt.groupValues ?? ADAM_GROUP_VALUES, opt.groupCopies ?? ADAM_GROUP_COPIES] as const);
    this.groups = scaledAdamGroups(sizes, scales, ...limits).map(([first, end]) => {
      const members = vars.slice(first, end);
      const { join, shape } = joinShape(members);
      return {
        first,
        end,
        sizes: sizes.slice(first, end),
        join,
        rows: members.map((x) => x.shape[0] ?? 1),
        lrScale: scales[first] ?? 1,
        m: tf.tidy(() => tf.variable(tf.zeros(shape), false)),
        v: tf.tidy(() => tf.variable(tf.zeros(shape), false)),
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
        g.m.assign(tf.tensor(m[i] as Float32Array, g.m.shape));
        g.v.assign(tf.tensor(v[i] as Float32Array, g.v.shape));
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
    if (this.fused && simdAvailable()) {
      tf.tidy(() => {
        const vars = this.groups.map((g) => this.vars[g.first] as Variable);
        const lrs = this.groups.map((g) => lr * g.lrScale * c1); // the group's scalar below, before float32
        const next = adamStep(vars, grads, this.groups.map((g) => g.m), this.groups.map((g) => g.v), lrs, {
          b1: beta1,
          b1c: 1 - beta1,
          b2: beta2,
          b2c: 1 - beta2,
          c2,
          eps: epsilon,
        });
        this.groups.forEach((g, i) => {
          (vars[i] as Variable).assign(next.p[i] as Tensor);
          g.m.assign(next.m[i] as Tensor);
          g.v.assign(next.v[i] as Tensor);
        });
      });
      return;
    }
    tf.tidy(() => {
      // Each constant once per step, not once per group (every number given to an op is uploaded as a
      // new scalar tensor); the same float32 values either way.
      const k = {
        b1: tf.scalar(beta1),
        b1c: tf.scalar(1 - beta1),
        b2: tf.scalar(beta2),
        b2c: tf.scalar(1 - beta2),
        c2: tf.scalar(c2),
        eps: tf.scalar(epsilon),
      };
      const lrs = new Map<number, Tensor>();
      const lrOf = (scale: number): Tensor => {
        const known = lrs.get(scale);
        if (known) return known;
        const made = tf.scalar(lr * scale * c1);
        lrs.set(scale, made);
        return made;
      };
      for (const group of this.groups) {
        const vars = this.vars.slice(group.first, group.end);
        const join = (xs: readonly Tensor[]): Tensor => {
          if (xs.length === 1) return xs[0] as Tensor;
          return group.join === 'rows' ? tf.concat([...xs], 0) : tf.concat(xs.map((x) => tf.reshape(x, [x.size])));
        };
        const g = join(grads.slice(group.first, group.end)); // [Σ rows, cols] | [n]
        const m1 = tf.add(tf.mul(group.m, k.b1), tf.mul(g, k.b1c));
        const v1 = tf.add(tf.mul(group.v, k.b2), tf.mul(tf.square(g), k.b2c));
        group.m.assign(m1);
        group.v.assign(v1);
        const update = tf.div(tf.mul(m1, lrOf(group.lrScale)), tf.add(tf.sqrt(tf.mul(v1, k.c2)), k.eps));
        // One subtraction for the group, then the new values split back.
        const next = tf.sub(join(vars), update);
        if (vars.length === 1) (vars[0] as Variable).assign(next);
        else if (group.join === 'rows') tf.split(next, [...group.rows], 0).forEach((part, i) => (vars[i] as Variable).assign(part));
        else tf.split(next, [...group.sizes]).forEach((part, i) => (vars[i] as Variable).assign(tf.reshape(part, (vars[i] as Variable).shape)));
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
