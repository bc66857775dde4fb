import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import {
  applyOverlay,
  NoticeParseError,
  type Plan,
  PlanOverlayError,
  parseNotice,
  parsePlanOverlay,
} from '../domain/plan/index.js';
import { exportLedgerToFile, importPlanToDatabase } from './plan-db.js';

/** Where a subcommand writes; the entry point passes process streams, tests may pass buffers. */
export interface CliIo {
  out(text: string): void;
  err(text: string): void;
}

/** A subcommand: takes its own arguments, returns the process exit code. */
type Subcommand = (args: string[], io: CliIo) => Promise<number>;

/** Exit codes: 0 done, 1 the input is malformed, 2 usage error or a file that cannot be read. */
const EXIT = { ok: 0, malformed: 1, usage: 2 } as const;

const USAGE = [
  '用法（usage）：',
  '  npm run plan -- parse <通知文本文件> [--overlay <覆盖文件.json>]',
  '    解析整改方案通知，输出 JSON（parse a notice and print the plan as JSON）',
  '  npm run plan -- import <通知文本文件> [--overlay <覆盖文件.json>]',
  '    导入或更新方案到 MONGODB_URI 所指数据库（store the plan; idempotent）',
  '  npm run plan -- export <台账.xlsx>',
  '    导出整改台账（write the ledger as .xlsx）',
].join('\n');

/** The subcommands by name; `import` and `export` join `parse` here. */
const SUBCOMMANDS: Record<string, Subcommand> = { parse: runParse, import: runImport, export: runExport };

/** Runs `plan <subcommand> …` and returns the exit code. */
export async function runPlanCli(argv: string[], io: CliIo): Promise<number> {
  const [name, ...args] = argv;
  const subcommand = name === undefined ? undefined : SUBCOMMANDS[name];
  if (!subcommand) {
    io.err(name === undefined ? USAGE : `未知子命令：${name}（unknown subcommand）\n${USAGE}`);
    return EXIT.usage;
  }
  return subcommand(args, io);
}

async function runParse(args: string[], io: CliIo): Promise<number> {
  const options = readParseOptions(args);
  if (typeof options === 'string') {
    io.err(`${options}\n${USAGE}`);
    return EXIT.usage;
  }
  try {
    const plan = await loadPlan(options.file, options.overlay);
    for (const warning of plan.warnings ?? []) io.err(`提示（warning）：${warning}`);
    io.out(`${JSON.stringify(plan, null, 2)}\n`);
    return EXIT.ok;
  } catch (error) {
    return reportFailure(error, io);
  }
}

async function runImport(args: string[], io: CliIo): Promise<number> {
  const options = readParseOptions(args);
  if (typeof options === 'string') {
    io.err(`${options}\n${USAGE}`);
    return EXIT.usage;
  }
  try {
    return await importPlanToDatabase(await loadPlan(options.file, options.overlay), options.file, io);
  } catch (error) {
    return reportFailure(error, io);
  }
}

async function runExport(args: string[], io: CliIo): Promise<number> {
  const [out, ...rest] = args;
  if (!out || rest.length > 0 || !out.endsWith('.xlsx')) {
    io.err(`应给出一个 .xlsx 输出文件（expected one .xlsx output file）\n${USAGE}`);
    return EXIT.usage;
  }
  return exportLedgerToFile(out, io);
}

/** Parses `<file> [--overlay <file>]`; returns a message when the arguments are wrong. */
function readParseOptions(args: string[]): { file: string; overlay?: string } | string {
  const files: string[] = [];
  let overlay: string | undefined;
  for (let i = 0; i < args.length; i += 1) {
    const arg = args[i]!;
    if (arg === '--overlay') {
      overlay = args[i + 1];
      if (overlay === undefined) return '--overlay 后应为文件路径（--overlay needs a file）';
      i += 1;
    } else if (arg.startsWith('--')) {
      return `未知选项：${arg}（unknown option）`;
    } else {
      files.push(arg);
    }
  }
  if (files.length !== 1) return '应给出一个通知文本文件（expected exactly one notice file）';
  return { file: files[0]!, ...(overlay !== undefined && { overlay }) };
}

async function loadPlan(file: string, overlayFile: string | undefined): Promise<Plan> {
  const plan = parseNotice(await readText(file));
  if (overlayFile === undefined) return plan;
  const overlay = parsePlanOverlay(parseJson(await readText(overlayFile), overlayFile));
  return applyOverlay(plan, overlay);
}

/** A file the CLI cannot read: usage-level failure (exit 2), not a malformed notice. */
class UnreadableFileError extends Error {}

async function readText(file: string): Promise<string> {
  try {
    return await readFile(resolve(file), 'utf8');
  } catch (error) {
    const reason = (error as NodeJS.ErrnoException).code === 'ENOENT' ? '文件不存在' : '无法读取文件';
    throw new UnreadableFileError(`${reason}：${file}（cannot read file: ${(error as Error).message}）`);
  }
}

function parseJson(text: string, file: string): unknown {
  try {
    return JSON.parse(text);
  } catch (error) {
    throw new PlanOverlayError(
      `覆盖文件不是有效的 JSON：${file}（invalid JSON: ${(error as Error).message}）`,
    );
  }
}

function reportFailure(error: unknown, io: CliIo): number {
  if (error instanceof UnreadableFileError) {
    io.err(error.message);
    return EXIT.usage;
  }
  if (error instanceof NoticeParseError || error instanceof PlanOverlayError) {
    io.err(error.message);
    return EXIT.malformed;
  }
  throw error;
}

/** True when this module is the process entry (`tsx src/cli/plan.ts`), not an import. */
function isEntryPoint(): boolean {
  const entry = process.argv[1];
  return entry !== undefined && import.meta.url === pathToFileURL(resolve(entry)).href;
}

if (isEntryPoint()) {
  const io: CliIo = { out: (t) => process.stdout.write(t), err: (t) => console.error(t) };
  process.exitCode = await runPlanCli(process.argv.slice(2), io);
}
