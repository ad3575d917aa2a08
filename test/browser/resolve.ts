/**
 * Finding a Chromium-family browser for the end-to-end tests, on any machine. Pure: the file system,
 * PATH and platform come in as arguments, so the search order is unit-tested without touching the
 * machine. The order:
 *   1. RS_BROWSER (or CHROME_PATH), when set: the user's explicit choice, an error if it is missing;
 *   2. Debian's Chromium at /usr/bin/chromium (what CI installs);
 *   3. chromium / chromium-browser / google-chrome(-stable) / chrome on PATH;
 *   4. the usual install places of Chrome and Chromium on macOS and Linux;
 *   5. Playwright's own browser, if `npx playwright install` put one there.
 */

export interface BrowserProbe {
  readonly env: Readonly<Record<string, string | undefined>>;
  readonly platform: string;
  /** Whether a file exists at this absolute path and can be executed. */
  readonly isExecutable: (path: string) => boolean;
  /** Where Playwright's own Chromium would be, or null if playwright-core cannot say. */
  readonly playwrightPath: string | null;
}

export type BrowserSource = 'env' | 'debian' | 'path' | 'known-location' | 'playwright';

export type BrowserResolution =
  | { readonly ok: true; readonly path: string; readonly source: BrowserSource }
  | { readonly ok: false; readonly reason: 'env-missing'; readonly variable: string; readonly path: string }
  | { readonly ok: false; readonly reason: 'none'; readonly tried: readonly string[] };

export const DEBIAN_CHROMIUM = '/usr/bin/chromium';

const PATH_NAMES = ['chromium', 'chromium-browser', 'google-chrome', 'google-chrome-stable', 'chrome'];

const KNOWN_LOCATIONS: Readonly<Record<string, readonly string[]>> = {
  darwin: [
    '/Applications/Google Chrome.app/Contents/MacOS/Google Chrome',
    '/Applications/Chromium.app/Contents/MacOS/Chromium',
    '/Applications/Google Chrome Canary.app/Contents/MacOS/Google Chrome Canary',
  ],
  linux: ['/snap/bin/chromium', '/opt/google/chrome/chrome', '/usr/lib/chromium/chromium', '/usr/lib/chromium-browser/chromium-browser'],
  win32: [
    'C:\\Program Files\\Google\\Chrome\\Application\\chrome.exe',
    'C:\\Program Files (x86)\\Google\\Chrome\\Application\\chrome.exe',
  ],
};

/** The explicit variables, in the order they are read. */
export const BROWSER_ENV = ['RS_BROWSER', 'CHROME_PATH'] as const;

export function resolveBrowser(p: BrowserProbe): BrowserResolution {
  for (const variable of BROWSER_ENV) {
    const path = p.env[variable];
    if (path === undefined || path === '') continue;
    return p.isExecutable(path) ? { ok: true, path, source: 'env' } : { ok: false, reason: 'env-missing', variable, path };
  }
  const tried: string[] = [];
  const first = (paths: readonly string[]): string | null => {
    for (const path of paths) {
      tried.push(path);
      if (p.isExecutable(path)) return path;
    }
    return null;
  };
  if (p.platform === 'linux') {
    const debian = first([DEBIAN_CHROMIUM]);
    if (debian) return { ok: true, path: debian, source: 'debian' };
  }
  const sep = p.platform === 'win32' ? ';' : ':';
  const dirs = (p.env.PATH ?? '').split(sep).filter((d) => d !== '');
  const exe = p.platform === 'win32' ? '.exe' : '';
  const slash = p.platform === 'win32' ? '\\' : '/';
  const onPath = first(PATH_NAMES.flatMap((name) => dirs.map((d) => `${d.replace(/[\\/]+$/, '')}${slash}${name}${exe}`)));
  if (onPath) return { ok: true, path: onPath, source: 'path' };
  const known = first(KNOWN_LOCATIONS[p.platform] ?? []);
  if (known) return { ok: true, path: known, source: 'known-location' };
  if (p.playwrightPath) {
    const own = first([p.playwrightPath]);
    if (own) return { ok: true, path: own, source: 'playwright' };
  }
  return { ok: false, reason: 'none', tried };
}

/** The one message printed when no browser is found and none can be installed here. */
export function noBrowserMessage(r: Exclude<BrowserResolution, { ok: true }>, platform: string): string {
  if (r.reason === 'env-missing') {
    return `${r.variable} is set to "${r.path}", which is not an executable file. Point it at a Chrome or Chromium binary, or unset it to search the usual places.`;
  }
  const how =
    platform === 'darwin'
      ? 'install Google Chrome (or `brew install --cask chromium`)'
      : platform === 'win32'
        ? 'install Google Chrome'
        : 'install Chromium with your package manager (Debian/Ubuntu: `sudo apt-get install chromium`)';
  return [
    'The end-to-end tests need a Chrome or Chromium browser, and none was found.',
    `To fix: ${how}, or run \`npx playwright install chromium\`, or set RS_BROWSER=/path/to/chrome.`,
    `Looked in: ${BROWSER_ENV.join(', ')} (unset), ${r.tried.length} places on PATH and in the usual install folders.`,
  ].join('\n');
}
