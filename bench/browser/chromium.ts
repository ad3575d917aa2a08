/** Headless Debian Chromium, launched as the end-to-end tests launch it (playwright.config.ts). */
import { chromium } from 'playwright-core';
import type { Browser } from 'playwright-core';

export const CHROMIUM_PATH = '/usr/bin/chromium';

export const CHROMIUM_ARGS: readonly string[] = [
  '--no-sandbox',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
  '--disable-quic',
];

/** `webgpu`: also pass --enable-unsafe-webgpu (as the e2e tests do), for a forced WebGPU backend; `extra`: more switches. */
export function launchChromium(webgpu: boolean, extra: readonly string[] = []): Promise<Browser> {
  const args = [...CHROMIUM_ARGS, ...(webgpu ? ['--enable-unsafe-webgpu'] : []), ...extra];
  return chromium.launch({ executablePath: CHROMIUM_PATH, args, headless: true });
}
