/**
 * `npm run bench:load -- [--rounds N] DIST…`: how fast the first screen is ready, for one or more
 * builds side by side in one sitting (e.g. an earlier build and this one, to show what a change did).
 *
 * For each build: the gzip size of the script the page loads at start (index.html's entry chunk and
 * its static imports, not the chunks loaded on demand), and the wall time from navigation to an
 * enabled Play button at a bare address, in a fresh browser context each time. The builds take
 * turns round by round, so a change in the machine's load falls on all of them alike.
 */
import { readFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import { join, resolve } from 'node:path';
import { gzipSync } from 'node:zlib';
import { launchChromium } from './browser/chromium';
import { startPreview } from './browser/serve';
import { median } from './stats';

function parse(argv: readonly string[]): { rounds: number; dists: string[] } {
  let rounds = 5;
  const dists: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i] as string;
    if (a === '--rounds') rounds = Number(argv[++i]);
    else dists.push(resolve(a));
  }
  if (dists.length === 0 || !(rounds >= 1)) throw new Error('usage: npm run bench:load -- [--rounds N] DIST… (built app folders, e.g. dist)');
  return { rounds, dists };
}

/** The entry script and its static imports (modulepreload links), gzip bytes. */
function startScriptGzip(dist: string): number {
  const html = readFileSync(join(dist, 'index.html'), 'utf8');
  const files = [...html.matchAll(/(?:src|href)="\/(assets\/[^"]+\.js)"/g)].map((m) => m[1] as string);
  return files.reduce((n, f) => n + gzipSync(readFileSync(join(dist, f))).length, 0);
}

async function main(): Promise<void> {
  const { rounds, dists } = parse(process.argv.slice(2));
  const previews = await Promise.all(dists.map((d) => startPreview(d)));
  const browser = await launchChromium(false);
  const times: number[][] = dists.map(() => []);
  const load0 = loadavg()[0] ?? 0;
  try {
    for (let r = 0; r < rounds; r++) {
      for (const [i, p] of previews.entries()) {
        const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
        const page = await context.newPage();
        const t0 = Date.now();
        await page.goto(`${p.url}/`);
        await page.getByTestId('play').waitFor();
        await page.waitForFunction(() => !(document.querySelector('[data-testid="play"]') as HTMLButtonElement | null)?.disabled, null, { timeout: 120_000 });
        times[i]?.push(Date.now() - t0);
        await context.close();
      }
    }
  } finally {
    await browser.close();
    await Promise.all(previews.map((p) => p.close()));
  }
  console.log(`navigation → enabled Play at a bare address, ${rounds} rounds, 1-min load ${load0.toFixed(2)} → ${(loadavg()[0] ?? 0).toFixed(2)} (2 cores)`);
  dists.forEach((d, i) => {
    const t = times[i] ?? [];
    console.log(`${d}: start script ${(startScriptGzip(d) / 1024).toFixed(0)} kB gzip; median ${median(t).toFixed(0)} ms (${t.join(', ')})`);
  });
}

await main();
