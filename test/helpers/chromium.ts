import { existsSync } from 'node:fs';
import { type Browser, chromium } from 'playwright-core';

/**
 * Debian's Chromium (npm's own browser download does not work here; `.ci/run` installs it): its
 * headless shell (package chromium-headless-shell, the browser Playwright itself runs for headless
 * tests), else the full browser in its headless mode. The full browser also runs its hidden window's
 * own pages: the three browser test files cost it 23 CPU-seconds a run, the shell 7 to 10.
 */
const BROWSERS = ['/usr/lib/chromium/chromium-headless-shell', '/usr/bin/chromium'];

/**
 * Headless Chromium for a browser test, with the flags this machine needs: no sandbox (root), and no
 * background networking, component updates or sync, whose connections the closed network refuses.
 * A missing browser is a broken environment, not a reason to skip.
 */
export async function launchChromium(): Promise<Browser> {
  const executablePath = BROWSERS.find((path) => existsSync(path));
  if (!executablePath)
    throw new Error(`no Chromium at ${BROWSERS.join(' or ')}: apt-get install -y chromium-headless-shell`);
  return chromium.launch({
    executablePath,
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
}
