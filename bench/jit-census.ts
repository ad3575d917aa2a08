/**
 * `npm run bench:jit -- [preset] [seconds] [--no-build]`: what Chromium's JavaScript compilers do
 * while a preset trains in the built app (two workers). Chromium runs with V8's --trace-deopt-verbose
 * and --log-code; this counts the optimized code made per function and compiler (Maglev, TurboFan)
 * from V8's code log, and the deoptimizations per function, reason and source position, both named
 * through dist/assets/*.map. A function compiled or deoptimized hundreds of times in seconds is a
 * loop of the compiler's, and its compile jobs run on Chromium's thread pool, beside the training
 * workers. Counts cover every thread: the page and both workers.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
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
  const logDir = mkdtempSync(join(tmpdir(), 'rankscope-jit-'));
  // Chromium started here, not by Playwright, so that its stdout (where V8 traces) is ours; Playwright attaches over CDP.
  const child = spawn(CHROMIUM_PATH, [...CHROMIUM_ARGS, '--headless=new', '--remote-debugging-port=0', `--js-flags=--trace-deopt-verbose --log-code --logfile=${join(logDir, 'v8-%p.log')} --no-logfile-per-isolate`, 'about:blank'], {
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
  const name = sourceNamer(assetsDir(null));
  // code-creation,JS,<kind>,<time>,<address>,<size>,<name> <url>:<line>:<column>,<sfi>,<tier mark>: kind 12 is Maglev, 13 TurboFan.
  const compiles: string[] = [];
  for (const file of readdirSync(logDir)) {
    for (const l of readFileSync(join(logDir, file), 'utf8').split('\n')) {
      const kind = /^code-creation,JS,(1[23]),/.exec(l)?.[1];
      if (!kind) continue;
      const at = / (\S+):(\d+):(\d+),0x[0-9a-f]+,[^,]*$/.exec(l);
      const where = at ? name({ functionName: '', url: at[1] ?? '', lineNumber: Number(at[2]) - 1, columnNumber: Number(at[3]) - 1 }) : '(no position)';
      compiles.push(`${where} → ${kind === '12' ? 'Maglev' : 'TurboFan'}`);
    }
  }
  rmSync(logDir, { recursive: true, force: true });
  // A deoptimization's "begin" line names the function and reason; a later ";;; deoptimize at <url:line:col>" its position.
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
  console.log(`\n${preset}, ${seconds} s from Play on two workers: ${compiles.length} optimized codes made, ${deopts.length} deoptimizations (all threads)\n`);
  console.log(renderTable(['codes', 'function → compiler'], census(compiles), ['r', 'l']));
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
