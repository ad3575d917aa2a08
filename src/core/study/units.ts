/**
 * Experiments → work units → shards. A unit is a group of one experiment's lanes (the lane grouping
 * parallel workers use, core/train planGroups), trained by one session: lanes never interact, so a
 * lane's numbers do not depend on which unit or shard trains it. Shards are balanced by the units'
 * estimated cost (laneCost × steps), longest first onto the least-loaded shard, as planGroups does.
 */
import type { ExperimentConfig } from '../config';
import { laneCost, planGroups, planLanes } from '../train';
import type { Experiment, WorkUnit } from './types';

export const unitId = (experiment: Experiment, group: number): string => `${experiment.id}-u${String(group).padStart(2, '0')}`;

/** Split one experiment into at most `count` units (fewer when it has fewer lanes). */
export function experimentUnits(experiment: Experiment, c: ExperimentConfig, count: number): WorkUnit[] {
  const lanes = planLanes(c);
  return planGroups(c, lanes, count).map((group, g) => ({
    id: unitId(experiment, g),
    experiment: experiment.index,
    lanes: group,
    cost: c.steps * group.reduce((sum, i) => sum + laneCost(c, lanes[i] as (typeof lanes)[number]), 0),
  }));
}

/**
 * Assign units to `shards` shards: costliest first, each to the shard with the least cost so far
 * (ties: lower shard, then plan order). Each shard trains its units in plan order. Deterministic.
 * Shards may be empty when there are fewer units than shards (such a shard has nothing to do).
 */
export function assignShards(units: readonly WorkUnit[], shards: number): string[][] {
  const n = Math.max(1, Math.floor(shards));
  const order = units.map((_, i) => i).sort((a, b) => (units[b] as WorkUnit).cost - (units[a] as WorkUnit).cost || a - b);
  const load = new Array<number>(n).fill(0);
  const out: number[][] = Array.from({ length: n }, () => []);
  for (const i of order) {
    let best = 0;
    for (let s = 1; s < n; s++) if ((load[s] as number) < (load[best] as number)) best = s;
    (out[best] as number[]).push(i);
    load[best] = (load[best] as number) + (units[i] as WorkUnit).cost;
  }
  return out.map((s) => s.sort((a, b) => a - b).map((i) => (units[i] as WorkUnit).id));
}
