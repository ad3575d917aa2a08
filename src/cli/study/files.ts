/**
 * A study directory on disk: `manifest.json`, `units/<unit>.json` (one result per work unit, written
 * by whichever shard trained it) and, after a merge, `notebooks/` and `summary.{csv,json}`. Every file
 * is written atomically (a temporary file in the same directory, flushed, then renamed), so a shard
 * killed at any moment leaves either the whole file or none.
 */
import { closeSync, fsyncSync, mkdirSync, openSync, readFileSync, renameSync, rmSync, writeSync } from 'node:fs';
import { randomBytes } from 'node:crypto';
import { dirname, join } from 'node:path';
import { readManifest, StudyError } from '../../core/study';
import type { Manifest } from '../../core/study';

export const manifestPath = (dir: string): string => join(dir, 'manifest.json');
export const unitsDir = (dir: string): string => join(dir, 'units');
export const unitPath = (dir: string, unit: string): string => join(unitsDir(dir), `${unit}.json`);

/** A temporary file of writeAtomic (a write under way, or one cut short by a kill). */
export const isTemporary = (name: string): boolean => /\.tmp-\d+-[0-9a-f]+$/.test(name);

/** Write `text` to `path` atomically: temp file beside it, fsync, rename over. */
export function writeAtomic(path: string, text: string): void {
  mkdirSync(dirname(path), { recursive: true });
  // Unique across processes and machines sharing the directory (pods all have pid 1).
  const tmp = `${path}.tmp-${process.pid}-${randomBytes(6).toString('hex')}`;
  const fd = openSync(tmp, 'w');
  try {
    writeSync(fd, text);
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
  try {
    renameSync(tmp, path);
  } catch (err) {
    rmSync(tmp, { force: true });
    throw err;
  }
}

export function loadManifest(dir: string): Manifest {
  let text: string;
  try {
    text = readFileSync(manifestPath(dir), 'utf8');
  } catch {
    throw new StudyError(`${manifestPath(dir)}: no manifest (run \`npm run study -- plan <study.json> --shards N --out ${dir}\` first)`);
  }
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (err) {
    throw new StudyError(`${manifestPath(dir)}: not JSON (${err instanceof Error ? err.message : String(err)})`);
  }
  return readManifest(data);
}
