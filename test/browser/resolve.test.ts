import { execFileSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { ensureBrowser } from './ensure';
import { DEBIAN_CHROMIUM, noBrowserMessage, resolveBrowser } from './resolve';
import type { BrowserProbe, BrowserResolution } from './resolve';

/** A machine with exactly these executables. */
function probe(files: readonly string[], over: Partial<BrowserProbe> = {}): BrowserProbe {
  const set = new Set(files);
  return { env: { PATH: '/usr/local/bin:/usr/bin' }, platform: 'linux', isExecutable: (p) => set.has(p), playwrightPath: null, ...over };
}

describe('resolveBrowser', () => {
  it('takes RS_BROWSER first, even over Debian’s Chromium', () => {
    const r = resolveBrowser(probe(['/opt/my/chrome', DEBIAN_CHROMIUM], { env: { RS_BROWSER: '/opt/my/chrome', PATH: '/usr/bin' } }));
    expect(r).toEqual({ ok: true, path: '/opt/my/chrome', source: 'env' });
  });

  it('reads CHROME_PATH when RS_BROWSER is unset or empty', () => {
    const r = resolveBrowser(probe(['/x/chrome'], { env: { RS_BROWSER: '', CHROME_PATH: '/x/chrome' } }));
    expect(r).toEqual({ ok: true, path: '/x/chrome', source: 'env' });
  });

  it('reports an explicit path that does not exist instead of searching on', () => {
    const r = resolveBrowser(probe([DEBIAN_CHROMIUM], { env: { RS_BROWSER: '/nope/chrome' } }));
    expect(r).toEqual({ ok: false, reason: 'env-missing', variable: 'RS_BROWSER', path: '/nope/chrome' });
  });

  it('prefers Debian’s Chromium on Linux, then PATH in name order and PATH order', () => {
    expect(resolveBrowser(probe([DEBIAN_CHROMIUM, '/usr/local/bin/chromium']))).toMatchObject({ path: DEBIAN_CHROMIUM, source: 'debian' });
    const r = resolveBrowser(probe(['/usr/bin/google-chrome', '/usr/local/bin/chromium-browser'], { env: { PATH: '/usr/local/bin:/usr/bin/' } }));
    expect(r).toEqual({ ok: true, path: '/usr/local/bin/chromium-browser', source: 'path' });
  });

  it('finds Chrome in the macOS Applications folder, and never looks for /usr/bin/chromium there', () => {
    const mac = '/Applications/Google Chrome.app/Contents/MacOS/Google Chrome';
    const r = resolveBrowser(probe([mac, DEBIAN_CHROMIUM], { platform: 'darwin', env: { PATH: '/opt/homebrew/bin' } }));
    expect(r).toEqual({ ok: true, path: mac, source: 'known-location' });
  });

  it('falls back to Playwright’s own browser, only when it exists', () => {
    const pw = '/root/.cache/ms-playwright/chromium-1/chrome-linux/chrome';
    expect(resolveBrowser(probe([pw], { playwrightPath: pw }))).toEqual({ ok: true, path: pw, source: 'playwright' });
    const none = resolveBrowser(probe([], { playwrightPath: pw }));
    expect(none.ok).toBe(false);
    if (!none.ok && none.reason === 'none') expect(none.tried).toContain(pw);
  });

  it('lists every place tried when nothing is found', () => {
    const r = resolveBrowser(probe([], { env: { PATH: '/a:/b' } }));
    expect(r.ok).toBe(false);
    if (r.ok || r.reason !== 'none') throw new Error('expected none');
    expect(r.tried[0]).toBe(DEBIAN_CHROMIUM);
    expect(r.tried).toContain('/a/chromium');
    expect(r.tried).toContain('/b/google-chrome-stable');
    expect(r.tried).toContain('/snap/bin/chromium');
  });
});

describe('ensureBrowser', () => {
  const none: BrowserResolution = { ok: false, reason: 'none', tried: ['/usr/bin/chromium'] };
  const found: BrowserResolution = { ok: true, path: '/usr/bin/chromium', source: 'debian' };

  it('does nothing when a browser is found', () => {
    let installs = 0;
    const o = ensureBrowser({ resolve: () => found, canInstall: () => true, install: () => void installs++, platform: 'linux' });
    expect(o).toEqual({ ok: true, path: '/usr/bin/chromium', installed: false, source: 'debian' });
    expect(installs).toBe(0);
  });

  it('installs Debian’s Chromium when it may, then resolves again', () => {
    let installed = false;
    const o = ensureBrowser({
      resolve: () => (installed ? found : none),
      canInstall: () => true,
      install: () => void (installed = true),
      platform: 'linux',
    });
    expect(o).toEqual({ ok: true, path: '/usr/bin/chromium', installed: true, source: 'debian' });
  });

  it('stops with one message naming what to install where it may not install', () => {
    let installs = 0;
    const o = ensureBrowser({ resolve: () => none, canInstall: () => false, install: () => void installs++, platform: 'darwin' });
    expect(installs).toBe(0);
    expect(o.ok).toBe(false);
    if (!o.ok) {
      expect(o.message).toMatch(/none was found/);
      expect(o.message).toMatch(/Google Chrome/);
      expect(o.message).toMatch(/RS_BROWSER/);
    }
  });

  it('never installs to cover a wrong RS_BROWSER, and says so', () => {
    let installs = 0;
    const wrong: BrowserResolution = { ok: false, reason: 'env-missing', variable: 'RS_BROWSER', path: '/nope' };
    const o = ensureBrowser({ resolve: () => wrong, canInstall: () => true, install: () => void installs++, platform: 'linux' });
    expect(installs).toBe(0);
    expect(o).toEqual({ ok: false, message: noBrowserMessage(wrong, 'linux') });
  });

  it('reports a failed install with the package manager’s error', () => {
    const o = ensureBrowser({ resolve: () => none, canInstall: () => true, install: () => { throw new Error('exit 100'); }, platform: 'linux' });
    expect(o.ok).toBe(false);
    if (!o.ok) expect(o.message).toMatch(/Installing Debian's Chromium failed \(exit 100\)/);
  });
});

describe('ensure-cli (the real script npm test runs first)', () => {
  const run = (env: Record<string, string>): { code: number; out: string } => {
    try {
      const out = execFileSync('npx', ['tsx', 'test/browser/ensure-cli.ts'], { env: { ...process.env, ...env }, encoding: 'utf8', stdio: 'pipe' });
      return { code: 0, out };
    } catch (err) {
      const e = err as { status: number; stderr: string; stdout: string };
      return { code: e.status, out: e.stdout + e.stderr };
    }
  };

  it('stops at once, exit 1, with the one message, for a browser path that does not exist', () => {
    const r = run({ RS_BROWSER: '/nonexistent/chrome' });
    expect(r.code).toBe(1);
    expect(r.out).toMatch(/RS_BROWSER is set to "\/nonexistent\/chrome", which is not an executable file/);
  });

  it('accepts an explicit executable and names it', () => {
    const r = run({ RS_BROWSER: process.execPath }); // any executable file stands for a browser here
    expect(r.code).toBe(0);
    expect(r.out).toContain(`browser for the end-to-end tests: ${process.execPath} (found: env)`);
  });
});
