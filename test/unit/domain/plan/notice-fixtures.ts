import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

/** The repository root, for fixture paths. */
export const repoRoot = fileURLToPath(new URL('../../../../', import.meta.url));

/** The seed notice shipped as the built-in plan. */
export const seedPath = `${repoRoot}config/seed/shangyou-2022-rectification-plan.txt`;

/** The seed notice's text. */
export const seedText = readFileSync(seedPath, 'utf8');

/** The path of a notice fixture under test/fixtures/notices. */
export function noticePath(name: string): string {
  return `${repoRoot}test/fixtures/notices/${name}`;
}

/** The text of a notice fixture under test/fixtures/notices. */
export function readNotice(name: string): string {
  return readFileSync(noticePath(name), 'utf8');
}

/** fast-check runs per property: `FC_RUNS` in CI, 2,000 by default. */
export const fcRuns = Number(process.env.FC_RUNS ?? 2000);
