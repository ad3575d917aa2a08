/** The real machine behind resolveBrowser: this process's env, platform, file system and playwright-core. */
import { accessSync, constants, existsSync, statSync } from 'node:fs';
import { chromium } from 'playwright-core';
import { resolveBrowser } from './resolve';
import type { BrowserProbe, BrowserResolution } from './resolve';

function isExecutable(path: string): boolean {
  try {
    accessSync(path, constants.X_OK);
    return statSync(path).isFile();
  } catch {
    return false;
  }
}

function playwrightPath(): string | null {
  try {
    return chromium.executablePath();
  } catch {
    return null; // playwright-core knows no build for this platform
  }
}

export function machineProbe(): BrowserProbe {
  return { env: process.env, platform: process.platform, isExecutable, playwrightPath: playwrightPath() };
}

export function resolveOnThisMachine(): BrowserResolution {
  return resolveBrowser(machineProbe());
}

/** Debian (or a derivative) with root: Debian's Chromium can be installed without asking anyone. */
export function canInstallDebianChromium(): boolean {
  return process.platform === 'linux' && existsSync('/etc/debian_version') && process.getuid?.() === 0;
}
