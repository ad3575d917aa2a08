/**
 * `npm run bench:jit -- [preset] [seconds] [--no-build]`: what Chromium's JavaScript compilers do
 * while a preset trains in the built app (two workers). Chromium runs with V8's --trace-opt and
 * --trace-deopt-verbose; this counts, over the window, the optimizing compiles per function and
 * compiler, and the deoptimizations per function, reason and source position (mapped through
 * dist/assets/*.map). A function compiled or deoptimized hundreds of times in seconds is a loop of
 * the compiler's, and its compile jobs run on Chromium's thread pool, beside the training workers.
 * Names: minified for compiles (V8 prints no position for them), source names for deoptimizations.
 */
import { spawn } from 'node:child_process';
import { createInterface } from 'node:readline';
import { chromium } from 'playwright-core';
import { encodeConfig, presetConfig } from '../src/core/config';
import type { PresetId } from '../src/core/config';
import { CHROMIUM_ARGS, CHROMIUM_PATH } from './browser/chromium';
import { openLink } from './browser/page-run';
import { assetsDir, buildApp, startPreview } from './browser/serve';
import { sourceNamer } from './browser/source-names';
import { renderTable } from './table';

const [preset = 'fig5-alpha1', seconds = '20'] = process.argv.slice(2).filter((a) => !a.startsWith('--'));
const build = !process.argv.includes('--no-build');

/** Count of each key, most frequent first. */
function census(keys: readonly string[], top = 15): string[][] {
  const counts = new Map<string, number>();
  for (const k of keys) counts.set(k, (counts.get(k) ?? 0) + 1);
  return [...counts].sort((a, b) => b[1] - a[1]).slice(0, top).map(([k, n]) => [String(n), k]);
}

async function main(): Promise<void> {
  if (build) buildApp();
  const preview = await startPreview(null);
  const lines: string[] = [];
  // Chromium started here, not by Playwright, so that its stdout (where V8 traces) is ours; Playwright attaches over CDP.
  const child = spawn(CHROMIUM_PATH, [...CHROMIUM_ARGS, '--headless=new', '--remote-debugging-port=0', '--js-flags=--trace-opt --trace-deopt-verbose', 'about:blank'], {
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  createInterface({ input: child.stdout }).on('line', (l) => void lines.push(l));
  const wsUrl = await new Promise<string>((done, fail) => {
    createInterface({ input: child.stderr }).on('line', (l) => {
      const m = /DevTools listening on (ws:\/\/\S+)/.exec(l);
      if (m?.[1]) done(m[1]);
    });
    child.once('exit', (code) => fail(new Error(`chromium exited (${code}) before its DevTools endpoint was up`)));
  });
  const browser = await chromium.connectOverCDP(wsUrl);
  try {
    const page = await (browser.contexts()[0] ?? (await browser.newContext())).newPage();
    await openLink(page, preview.url, encodeConfig({ ...presetConfig(preset as PresetId), workers: 2 }));
    lines.length = 0; // the window starts at Play
    await page.getByTestId('play').click();
    await page.waitForTimeout(Number(seconds) * 1000);
  } finally {
    await browser.close();
    child.kill();
    await preview.close();
  }
  const compiles = lines.flatMap((l) => {
    const m = /compiling method 0x[0-9a-f]+ <JSFunction ?([^ (]*)[^>]*> \(target ([A-Z_]+)\)( OSR)?/.exec(l);
    return m ? [`${m[1] || '(anonymous)'} → ${m[2]}${m[3] ?? ''}`] : [];
  });
  // A deoptimization's "begin" line names the function and reason; a later ";;; deoptimize at <url:line:col>" its position.
  const name = sourceNamer(assetsDir(null));
  const deopts: string[] = [];
  let pending: string | null = null;
  for (const l of lines) {
    const begin = /bailout \(kind: [^,]+, reason: ([^)]*)\): begin\. deoptimizing 0x[0-9a-f]+ <JSFunction ?([^ (]*)/.exec(l);
    if (begin) {
      if (pending) deopts.push(pending);
      pending = `${begin[2] || '(anonymous)'}: ${begin[1]}`;
      continue;
    }
    const at = /;;; deoptimize at <(.+):(\d+):(\d+)>/.exec(l);
    if (at && pending) {
      const [, url = '', line = '0', column = '0'] = at;
      deopts.push(`${pending} at ${name({ functionName: '', url, lineNumber: Number(line) - 1, columnNumber: Number(column) - 1 })}`);
      pending = null;
    }
  }
  if (pending) deopts.push(pending);
  console.log(`\n${preset}, ${seconds} s from Play on two workers: ${compiles.length} optimizing compiles, ${deopts.length} deoptimizations (all threads)\n`);
  console.log(renderTable(['compiles', 'function → compiler'], census(compiles), ['r', 'l']));
  console.log();
  console.log(renderTable(['deopts', 'function: reason at source'], census(deopts), ['r', 'l']));
}

main().then(
  () => process.exit(0),
  (e: unknown) => {
    console.error(e instanceof Error ? (e.stack ?? e.message) : String(e));
    process.exit(1);
  },
);
