import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import type { TestProject } from 'vitest/node';

/** Where the TypeScript the test workers import lives. */
const SOURCE_DIRS = ['src', 'dev', 'jobs', 'config', 'test'];

/**
 * Starts transforming every TypeScript file the workers may import, without waiting. Vitest
 * transforms a module in its main process when a worker first asks for it, one after another: the
 * four workers' first imports queued there while a core stood idle (13–15 s of transforms a run). Run
 * from the global setup, the transforms fill the seconds spent waiting for PostgreSQL, FerretDB and
 * Redis to start, and the workers find them done. A file that fails to transform fails where it is
 * imported, as before (`warmupRequest` drops its error).
 */
export function warmTransforms(project: TestProject): void {
  const root = project.config.root;
  const ssr = project.vite.environments.ssr;
  for (const dir of SOURCE_DIRS) {
    for (const file of readdirSync(join(root, dir), { recursive: true, encoding: 'utf8' })) {
      if (file.endsWith('.ts') && !file.endsWith('.d.ts')) void ssr.warmupRequest(join(root, dir, file));
    }
  }
}
