import { expect, test } from './fixtures';
import type { ConsoleMessage, Response } from '@playwright/test';

/** The manifest fields this test reads (public/manifest.webmanifest). */
interface Manifest {
  readonly name: string;
  readonly short_name: string;
  readonly start_url: string;
  readonly display: string;
  readonly theme_color: string;
  readonly background_color: string;
  readonly icons: readonly { readonly src: string; readonly sizes: string; readonly type: string }[];
}

/** What Chromium's own manifest parser reports (CDP Page.getAppManifest). */
interface AppManifest {
  readonly url: string;
  readonly errors: readonly { readonly message: string; readonly critical: number }[];
  readonly data?: string;
}

/** Width and height from a PNG's IHDR chunk (bytes 16–23, big-endian). */
function pngSize(bytes: Buffer): string {
  expect(bytes.subarray(1, 4).toString('latin1')).toBe('PNG');
  return `${bytes.readUInt32BE(16)}x${bytes.readUInt32BE(20)}`;
}

const ABOUT_ICONS = /icon|manifest/i;

test.use({ colorScheme: 'light' });

test('the icon and the web manifest load, match the page, and raise no console errors', async ({ page }) => {
  const errors: string[] = [];
  page.on('console', (m: ConsoleMessage) => {
    // A failed load's text omits the URL ("Failed to load resource: … 404"): its location has it.
    if (m.type() === 'error' || m.type() === 'warning') errors.push(`${m.type()}: ${m.text()} @ ${m.location().url}`);
  });
  page.on('pageerror', (e) => errors.push(`pageerror: ${e.message}`));
  const failed: string[] = [];
  page.on('response', (r: Response) => {
    if (r.status() >= 400) failed.push(`${r.status()} ${r.url()}`);
  });
  page.on('requestfailed', (r) => failed.push(`failed ${r.url()}: ${r.failure()?.errorText ?? ''}`));

  await page.goto('/');
  await expect(page.getByTestId('run-state')).toHaveText(/ready/, { timeout: 90_000 });

  // The head links the icons and the manifest; every linked file is served with its content type.
  const links = await page.locator('link[rel="icon"], link[rel="apple-touch-icon"], link[rel="manifest"]').evaluateAll((els) =>
    els.map((el) => ({ rel: el.getAttribute('rel') ?? '', href: (el as HTMLLinkElement).href, type: el.getAttribute('type') })),
  );
  expect(links.map((l) => l.rel).sort()).toEqual(['apple-touch-icon', 'icon', 'icon', 'manifest']);
  for (const link of links) {
    const res = await page.request.get(link.href);
    expect(res.status(), link.href).toBe(200);
    if (link.type) expect(res.headers()['content-type'], link.href).toContain(link.type);
  }

  // The manifest: Chromium's parser accepts it without a message, and its colours are the page's.
  const manifestHref = links.find((l) => l.rel === 'manifest')?.href ?? '';
  const manifestRes = await page.request.get(manifestHref);
  expect(manifestRes.headers()['content-type']).toContain('application/manifest+json');
  const manifest = (await manifestRes.json()) as Manifest;
  expect(manifest.short_name).toBe('Rankscope');
  expect(manifest.name).toContain('Rankscope');
  expect(manifest.display).toBe('standalone');
  expect(new URL(manifest.start_url, manifestHref).href).toBe(new URL('/', manifestHref).href);
  const cdp = await page.context().newCDPSession(page);
  const parsed = (await cdp.send('Page.getAppManifest')) as AppManifest;
  expect(parsed.url).toBe(manifestHref);
  expect(parsed.errors.map((e) => e.message)).toEqual([]);
  const colours = await page.evaluate(() => {
    const css = getComputedStyle(document.documentElement);
    return {
      meta: document.querySelector('meta[name="theme-color"]')?.getAttribute('content') ?? '',
      accent: css.getPropertyValue('--accent').trim(),
      bg: css.getPropertyValue('--bg').trim(),
    };
  });
  expect(manifest.theme_color).toBe(colours.meta);
  expect(manifest.theme_color).toBe(colours.accent);
  expect(manifest.background_color).toBe(colours.bg);

  // Every icon the manifest lists is served with its declared type, and PNGs have their declared size.
  expect(manifest.icons.length).toBeGreaterThanOrEqual(2);
  for (const icon of manifest.icons) {
    const url = new URL(icon.src, manifestHref).href;
    const res = await page.request.get(url);
    expect(res.status(), url).toBe(200);
    expect(res.headers()['content-type'], url).toContain(icon.type);
    if (icon.type === 'image/png') expect(pngSize(await res.body()), url).toBe(icon.sizes);
  }

  // The page itself can decode each icon as an image (a broken SVG would fail here).
  const decoded = await page.evaluate(async (urls: string[]) => {
    const sizes: string[] = [];
    for (const url of urls) {
      const img = new Image();
      img.src = url;
      await img.decode();
      sizes.push(`${img.naturalWidth}x${img.naturalHeight}`);
    }
    return sizes;
  }, manifest.icons.map((i) => new URL(i.src, manifestHref).href));
  decoded.forEach((size) => expect(size).not.toBe('0x0'));

  expect(failed.filter((f) => ABOUT_ICONS.test(f))).toEqual([]);
  expect(errors.filter((e) => ABOUT_ICONS.test(e))).toEqual([]);
});
