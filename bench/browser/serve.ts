/** Build the app (`vite build`) and serve dist/ with `vite preview` on a free localhost port. */
import { spawn, spawnSync } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { createServer } from 'node:net';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const viteCli = resolve(repoRoot, 'node_modules/vite/bin/vite.js');

/** The assets folder of the build served (`outDir`, or dist/): where its source maps are. */
export function assetsDir(outDir: string | null): string {
  return join(outDir === null ? resolve(repoRoot, 'dist') : resolve(outDir), 'assets');
}

export interface Preview {
  readonly url: string;
  close(): Promise<void>;
}

export function buildApp(): void {
  const run = spawnSync(process.execPath, [viteCli, 'build', '--logLevel', 'warn'], { cwd: repoRoot, stdio: ['ignore', 'ignore', 'inherit'] });
  if (run.status !== 0) throw new Error(`vite build failed (exit ${run.status ?? run.signal ?? '?'})`);
}

/** A port nothing listens on right now (the OS picks it). */
export function freePort(): Promise<number> {
  return new Promise((resolvePort, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address !== null ? address.port : 0;
      server.close(() => (port > 0 ? resolvePort(port) : reject(new Error('no free port'))));
    });
  });
}

async function waitForHttp(url: string, child: ChildProcess, timeoutMs: number): Promise<void> {
  const until = performance.now() + timeoutMs;
  while (performance.now() < until) {
    if (child.exitCode !== null) throw new Error(`vite preview exited (code ${child.exitCode})`);
    try {
      const res = await fetch(url);
      if (res.ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error(`vite preview did not answer at ${url} within ${timeoutMs / 1000} s`);
}

/** Serve `outDir` (default dist/) on a free port; `isolated`: with the cross-origin isolation headers. */
export async function startPreview(outDir: string | null, isolated = false): Promise<Preview> {
  const port = await freePort();
  const dir = outDir === null ? [] : ['--outDir', resolve(outDir)];
  const child = spawn(process.execPath, [viteCli, 'preview', '--host', '127.0.0.1', '--port', String(port), '--strictPort', ...dir], {
    cwd: repoRoot,
    stdio: ['ignore', 'ignore', 'inherit'],
    // vite.config.ts adds the COOP/COEP headers: the page is cross-origin isolated, tfjs-wasm may thread.
    env: { ...process.env, RS_ISOLATED: isolated ? '1' : '0' },
  });
  const url = `http://127.0.0.1:${port}`;
  const close = (): Promise<void> =>
    new Promise((done) => {
      if (child.exitCode !== null || child.signalCode !== null) return done();
      child.once('exit', () => done());
      child.kill('SIGTERM');
    });
  try {
    await waitForHttp(url, child, 30_000);
  } catch (err) {
    await close();
    throw err;
  }
  return { url, close };
}
