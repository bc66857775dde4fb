import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { basename, dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { build, type Plugin } from 'esbuild';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
/** Inside node_modules, so the bundle's bare imports (mongoose, bullmq…) resolve to the project's packages. */
const OUT_DIR = join(ROOT, 'node_modules/.cache/duban-test');

/**
 * Each module keeps its own `import.meta.url` / `dirname` / `filename` in the bundle: code that reads
 * a file beside its module (config/holidays.json) finds it as under tsx. The entry keeps the bundle's
 * own, so a tool that runs only as the process's entry (`runIfEntry`) still knows it is.
 */
function ownImportMeta(entry: string): Plugin {
  return {
    name: 'own-import-meta',
    setup(build) {
      build.onLoad({ filter: /\.ts$/ }, (args) => {
        if (args.path.includes('/node_modules/') || args.path === entry) return undefined;
        const source = readFileSync(args.path, 'utf8')
          .replaceAll('import.meta.url', JSON.stringify(pathToFileURL(args.path).href))
          .replaceAll('import.meta.dirname', JSON.stringify(dirname(args.path)))
          .replaceAll('import.meta.filename', JSON.stringify(args.path));
        return { contents: source, loader: 'ts' };
      });
    },
  };
}

/**
 * A package's JSON file is bundled in: node needs `with { type: 'json' }` on its import, which
 * esbuild does not keep on an import it leaves external.
 */
const packageJsonInline: Plugin = {
  name: 'package-json-inline',
  setup(build) {
    const require = createRequire(join(ROOT, 'package.json'));
    build.onResolve({ filter: /^[^./].*\.json$/ }, (args) => ({ path: require.resolve(args.path) }));
  },
};

const bundles = new Map<string, Promise<string>>();

/**
 * A TypeScript entry of ours (a path, or one relative to the repository) bundled into ES modules
 * (packages left as imports), for a test that starts it as a process: node loads a few files instead
 * of tsx compiling ~150 modules at each start (about 1.4 CPU-seconds less a start). Built once per
 * test process into a folder named by its content, so processes that build the same code share it
 * and a change gets a new folder.
 */
function bundledEntry(script: string): Promise<string> {
  const entry = resolve(ROOT, script);
  let bundle = bundles.get(entry);
  if (!bundle) {
    bundle = buildEntry(entry);
    bundles.set(entry, bundle);
  }
  return bundle;
}

/** Node's arguments that start `script`'s bundle, source maps on so a stack names the .ts lines. */
export async function bundledNodeArgs(script: string): Promise<string[]> {
  return ['--enable-source-maps', await bundledEntry(script)];
}

async function buildEntry(entry: string): Promise<string> {
  const name = basename(entry, '.ts');
  const result = await build({
    entryPoints: { [name]: entry },
    bundle: true,
    // Chunks, so a module the code imports with import() (a notice reader and its library) is still
    // loaded only when it is used.
    splitting: true,
    outdir: OUT_DIR,
    outExtension: { '.js': '.mjs' },
    platform: 'node',
    format: 'esm',
    target: 'node20',
    packages: 'external',
    sourcemap: 'inline',
    write: false,
    logLevel: 'silent',
    plugins: [ownImportMeta(entry), packageJsonInline],
  });
  const hash = createHash('sha256');
  for (const file of result.outputFiles) hash.update(file.path).update(file.contents);
  const dir = join(OUT_DIR, `${name}-${hash.digest('hex').slice(0, 12)}`);
  if (!existsSync(dir)) {
    // Written whole, then renamed: a process starting the entry never sees half of it.
    const partial = `${dir}.${process.pid}.tmp`;
    for (const file of result.outputFiles) {
      const target = join(partial, relative(OUT_DIR, file.path));
      mkdirSync(dirname(target), { recursive: true });
      writeFileSync(target, file.contents);
    }
    try {
      renameSync(partial, dir);
    } catch (error) {
      // Another test process wrote the same bundle first.
      rmSync(partial, { recursive: true, force: true });
      if (!existsSync(dir)) throw error;
    }
  }
  return join(dir, `${name}.mjs`);
}
