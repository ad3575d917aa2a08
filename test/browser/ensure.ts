/**
 * What `npm test` does before any test: find a browser for the end-to-end tests, install Debian's
 * Chromium where that is possible without asking (Debian, root), or stop with one message saying what
 * to install. The steps come in as functions so the decision is unit-tested; ensure-cli.ts wires them
 * to the machine.
 */
import { noBrowserMessage } from './resolve';
import type { BrowserResolution } from './resolve';

export interface EnsureSteps {
  readonly resolve: () => BrowserResolution;
  readonly canInstall: () => boolean;
  /** Installs Debian's Chromium; throws if the package manager fails. */
  readonly install: () => void;
  readonly platform: string;
}

export type EnsureOutcome =
  | { readonly ok: true; readonly path: string; readonly installed: boolean; readonly source: string }
  | { readonly ok: false; readonly message: string };

export function ensureBrowser(s: EnsureSteps): EnsureOutcome {
  const first = s.resolve();
  if (first.ok) return { ok: true, path: first.path, installed: false, source: first.source };
  // An explicit RS_BROWSER that is wrong is the user's mistake to fix, never a reason to install.
  if (first.reason === 'env-missing' || !s.canInstall()) return { ok: false, message: noBrowserMessage(first, s.platform) };
  try {
    s.install();
  } catch (err) {
    const why = err instanceof Error ? err.message : String(err);
    return { ok: false, message: `Installing Debian's Chromium failed (${why}).\n${noBrowserMessage(first, s.platform)}` };
  }
  const second = s.resolve();
  if (second.ok) return { ok: true, path: second.path, installed: true, source: second.source };
  return { ok: false, message: `Debian's Chromium was installed but is still not found.\n${noBrowserMessage(second, s.platform)}` };
}
