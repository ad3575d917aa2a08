/** `npm test`'s first step (see ensure.ts): exits 1 with one message when no browser can be had. */
import { execFileSync } from 'node:child_process';
import { ensureBrowser } from './ensure';
import { canInstallDebianChromium, resolveOnThisMachine } from './machine';

const outcome = ensureBrowser({
  resolve: resolveOnThisMachine,
  canInstall: canInstallDebianChromium,
  install: () => {
    console.log("== no browser found: installing Debian's Chromium (apt-get install chromium)");
    const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
    execFileSync('apt-get', ['update', '-qq'], { stdio: 'inherit', env });
    execFileSync('apt-get', ['install', '-y', '-qq', 'chromium'], { stdio: ['ignore', 'ignore', 'inherit'], env });
  },
  platform: process.platform,
});

if (outcome.ok) {
  console.log(`== browser for the end-to-end tests: ${outcome.path} (${outcome.installed ? 'just installed' : `found: ${outcome.source}`})`);
} else {
  console.error(`\n${outcome.message}\n`);
  process.exit(1);
}
