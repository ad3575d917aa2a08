/**
 * The first half of `study merge`: read every result file in `units/` and check that each unit of
 * the manifest is there exactly once and valid. Any missing, duplicated, corrupt or foreign file is
 * named; the merge refuses to go on rather than merge part of a study silently.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Manifest } from '../../core/study';
import { isTemporary, unitsDir } from './files';
import { checkResult } from './result';
import type { UnitResult } from './result';

export interface Collected {
  /** Unit id → its result. */
  readonly results: ReadonlyMap<string, UnitResult>;
  /** One line per problem; empty when the study is complete. */
  readonly problems: readonly string[];
}

/** Which shard holds unit `id` (for messages: "rerun shard 2"). */
const shardOf = (m: Manifest, id: string): number => m.shards.findIndex((s) => s.includes(id));

export function collectResults(dir: string, m: Manifest): Collected {
  const problems: string[] = [];
  const results = new Map<string, UnitResult>();
  const files = new Map<string, string[]>();
  const folder = unitsDir(dir);
  const names = existsSync(folder) ? readdirSync(folder).sort() : [];
  for (const f of names) {
    if (isTemporary(f)) continue; // a write in progress, or one a killed shard left: not a result
    const path = join(folder, f);
    const checked = checkResult(readFileSync(path, 'utf8'), m);
    if ('problem' in checked) {
      const id = f.replace(/\.json$/, '');
      const shard = shardOf(m, id);
      problems.push(`corrupt: units/${f}: ${checked.problem}${shard >= 0 ? ` (rerun shard ${shard})` : ''}`);
      continue;
    }
    const id = checked.result.unit;
    files.set(id, [...(files.get(id) ?? []), f]);
    results.set(id, checked.result);
  }
  for (const [id, fs] of files) {
    if (fs.length > 1) problems.push(`duplicated: unit ${id} is in ${fs.length} files (${fs.join(', ')}); keep one`);
    else if (fs[0] !== `${id}.json`) problems.push(`misplaced: units/${fs[0] as string} holds unit ${id}`);
  }
  const missing = m.units.filter((u) => !files.has(u.id));
  const byShard = new Map<number, string[]>();
  for (const u of missing) byShard.set(shardOf(m, u.id), [...(byShard.get(shardOf(m, u.id)) ?? []), u.id]);
  for (const [shard, ids] of [...byShard].sort((a, b) => a[0] - b[0])) {
    problems.push(`missing: shard ${shard} has not delivered ${ids.length} of its ${m.shards[shard]?.length ?? 0} unit(s): ${ids.join(', ')}`);
  }
  return { results, problems };
}
