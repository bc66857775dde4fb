import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { type HolidayOverrides, parseHolidayOverrides } from '../src/domain/calendar/holiday-overrides.js';

// Beside this module when run from source (tsx); from dist/ the JSON is not copied, so fall back to
// ./config/holidays.json under the working directory (the repo root or the image's WORKDIR).
function findDefaultPath(): string {
  const beside = fileURLToPath(new URL('./holidays.json', import.meta.url));
  return existsSync(beside) ? beside : resolve('config/holidays.json');
}

/** Where `readHolidayOverrides` looks when given no path. */
export const defaultHolidaysPath: string = findDefaultPath();

/**
 * Holiday overrides from `path` (see config/HOLIDAYS.md). A missing file means no overrides; a file
 * that is not valid JSON or not in the expected shape throws, naming the file.
 */
export function readHolidayOverrides(path: string = defaultHolidaysPath): HolidayOverrides {
  if (!existsSync(path)) return {};
  let raw: unknown;
  try {
    raw = JSON.parse(readFileSync(path, 'utf8'));
  } catch (error) {
    throw new Error(`${path} is not valid JSON: ${(error as Error).message}`);
  }
  return parseHolidayOverrides(raw, path);
}
