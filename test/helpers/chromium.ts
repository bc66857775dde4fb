import { existsSync } from 'node:fs';
import { type Browser, chromium } from 'playwright-core';

/** Debian's Chromium (npm's own browser download does not work here; `.ci/run` installs it). A missing browser is a broken environment, not a reason to skip. */
const CHROMIUM = '/usr/bin/chromium';

/**
 * Headless Chromium for a browser test, with the flags this machine needs: no sandbox (root), and no
 * background networking, component updates or sync, whose connections the closed network refuses.
 */
export async function launchChromium(): Promise<Browser> {
  if (!existsSync(CHROMIUM)) throw new Error(`${CHROMIUM} is missing: apt-get install -y chromium`);
  return chromium.launch({
    executablePath: CHROMIUM,
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
