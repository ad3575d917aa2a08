import type { LaneParam } from './params';

/**
 * The checkpoint form of parameter-shaped values (weights, Adam's moments): one flat array per
 * parameter holding every lane stacked, [L, rows, cols] row-major, whatever the layout holds in its
 * variables (split: one per lane; batched: one stacked). A saved checkpoint (IndexedDB, notebooks)
 * thus has one format whatever the layout of the session that took it or restores it.
 */

/** Values in the stacked form of `p`: L · rows · cols. */
export function stackedSize(p: LaneParam): number {
  return p.lanes * p.spec.rows * p.spec.cols;
}

/** Per-variable values (paramVariables order) → one stacked array per parameter. */
export function stackValues(params: readonly LaneParam[], perVariable: readonly Float32Array[]): Float32Array[] {
  let next = 0;
  const out = params.map((p) => {
    const stacked = new Float32Array(stackedSize(p));
    let offset = 0;
    for (let i = 0; i < p.variables.length; i++) {
      const part = perVariable[next++];
      if (!part) throw new Error(`stackValues: missing the values of variable ${next - 1}`);
      stacked.set(part, offset);
      offset += part.length;
    }
    if (offset !== stacked.length) throw new Error(`stackValues: ${p.spec.name} got ${offset} values for ${stacked.length}`);
    return stacked;
  });
  if (next !== perVariable.length) throw new Error(`stackValues: ${perVariable.length} arrays for ${next} variables`);
  return out;
}

/**
 * One stacked array per parameter → per-variable values (paramVariables order), as copies. The
 * caller checks the stacked sizes first (stackedSize); a wrong size throws here.
 */
export function unstackValues(params: readonly LaneParam[], stacked: readonly Float32Array[]): Float32Array[] {
  if (stacked.length !== params.length) throw new Error(`unstackValues: ${stacked.length} arrays for ${params.length} parameters`);
  return params.flatMap((p, i) => {
    const all = stacked[i] as Float32Array;
    if (all.length !== stackedSize(p)) throw new Error(`unstackValues: ${p.spec.name} has ${all.length} values, expected ${stackedSize(p)}`);
    const part = all.length / p.variables.length;
    return p.variables.map((_, v) => all.slice(v * part, (v + 1) * part));
  });
}
