import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';

/** Where a command-line tool writes; the entry point passes process streams, tests may pass buffers. */
export interface CliIo {
  out(text: string): void;
  err(text: string): void;
}

/**
 * Runs `run` with the process's arguments and streams when `moduleUrl` is the process entry
 * (`tsx src/cli/plan.ts`), not when the module is imported (tests call its runner directly).
 */
export async function runIfEntry(
  moduleUrl: string,
  run: (argv: string[], io: CliIo) => Promise<number>,
): Promise<void> {
  const entry = process.argv[1];
  if (entry === undefined || moduleUrl !== pathToFileURL(resolve(entry)).href) return;
  const io: CliIo = { out: (t) => process.stdout.write(t), err: (t) => console.error(t) };
  process.exitCode = await run(process.argv.slice(2), io);
}
