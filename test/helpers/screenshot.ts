import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';

const ARTIFACTS = join(import.meta.dirname, '../.artifacts');

/**
 * Saves a screenshot for a person to look at, in `test/.artifacts/<area>/<name>.png`, when
 * `TEST_SCREENSHOTS` is set (`TEST_SCREENSHOTS=1 npm test`). No test reads them, and a run of the
 * browser tests spent 3–5 CPU-seconds of Chromium's drawing them.
 */
export async function saveScreenshot(
  page: Page,
  area: string,
  name: string,
  options: { fullPage?: boolean } = {},
): Promise<void> {
  if (!process.env.TEST_SCREENSHOTS) return;
  mkdirSync(join(ARTIFACTS, area), { recursive: true });
  await page.screenshot({ path: join(ARTIFACTS, area, `${name}.png`), ...options });
}
