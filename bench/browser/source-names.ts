/** Frame names in source terms: bundled frames of the built app mapped through dist/assets/*.map. */
import { existsSync, readFileSync } from 'node:fs';
import { SourceMap } from 'node:module';
import { join } from 'node:path';
import type { CallFrame, FrameNamer } from './cpu-profile';
import { plainName } from './cpu-profile';

/** A namer resolving `…/assets/<file>.js` frames with `<distAssets>/<file>.js.map`. */
export function sourceNamer(distAssets: string): FrameNamer {
  const maps = new Map<string, SourceMap | null>();
  const mapFor = (file: string): SourceMap | null => {
    if (!maps.has(file)) {
      const path = join(distAssets, `${file}.map`);
      maps.set(file, existsSync(path) ? new SourceMap(JSON.parse(readFileSync(path, 'utf8')) as ConstructorParameters<typeof SourceMap>[0]) : null);
    }
    return maps.get(file) ?? null;
  };
  return (f: CallFrame): string => {
    const file = f.url.includes('/assets/') ? (f.url.split('/').pop() ?? '') : '';
    const map = file ? mapFor(file) : null;
    if (!map || f.lineNumber < 0) return plainName(f);
    const entry = map.findEntry(f.lineNumber, f.columnNumber);
    if (!('originalSource' in entry) || typeof entry.originalSource !== 'string') return plainName(f);
    const source = entry.originalSource.replace(/^(\.\.\/)+/, '').replace(/^node_modules\/(@tensorflow\/)?/, '');
    const name = ('name' in entry && typeof entry.name === 'string' ? entry.name : '') || f.functionName || '(anonymous)';
    return `${name} ${source}:${entry.originalLine + 1}`;
  };
}
