import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

const ROOT = resolve(import.meta.dirname, '../..');

/**
 * Compiles src/, jobs/, config/ and the child entry to JavaScript in a temp folder (tsc without
 * type checking), so the measured children run as in production (`node dist/…`), not under tsx,
 * which adds ~100 MB of RSS. Returns the folder, or undefined when tsc fails (then tsx is used).
 */
export function compileChildren(log: (line: string) => void): { dir: string; remove(): void } | undefined {
  const dir = mkdtempSync(join(tmpdir(), 'duban-bench-build-'));
  const remove = () => rmSync(dir, { recursive: true, force: true });
  const out = join(dir, 'out');
  const tsconfig = {
    extends: join(ROOT, 'tsconfig.json'),
    compilerOptions: {
      noEmit: false,
      outDir: out,
      rootDir: ROOT,
      sourceMap: false,
      noCheck: true,
      incremental: false,
      typeRoots: [join(ROOT, 'node_modules/@types')],
    },
    include: ['src', 'jobs', 'config', 'bench/child-bot.ts', 'bench/child', 'bench/lib/ipc.ts'].map((p) =>
      join(ROOT, p),
    ),
  };
  writeFileSync(join(dir, 'tsconfig.json'), JSON.stringify(tsconfig));
  const started = Date.now();
  const tsc = spawnSync(process.execPath, [join(ROOT, 'node_modules/typescript/bin/tsc'), '-p', dir], {
    encoding: 'utf8',
  });
  const entry = join(out, 'bench/child-bot.js');
  if (!existsSync(entry)) {
    log(`could not compile the children (${tsc.stdout.slice(0, 300)}); they run under tsx instead`);
    remove();
    return undefined;
  }
  // Bare imports resolve from the project's node_modules; .js files are ES modules.
  symlinkSync(join(ROOT, 'node_modules'), join(out, 'node_modules'));
  writeFileSync(join(out, 'package.json'), '{"type":"module"}');
  log(`children compiled with tsc in ${((Date.now() - started) / 1000).toFixed(1)} s`);
  return { dir, remove };
}

/** The compiled child entry in a folder made by compileChildren. */
export function compiledEntry(dir: string): string {
  return join(dir, 'out/bench/child-bot.js');
}

/** The project root (children run with it as their working directory, like `npm run bot`). */
export const PROJECT_ROOT = ROOT;
