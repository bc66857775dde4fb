import { readFile } from 'node:fs/promises';
import { basename, resolve } from 'node:path';
import {
  applyOverlay,
  NoticeParseError,
  type Plan,
  PlanOverlayError,
  parsePlanOverlay,
} from '../domain/plan/index.js';
import { NoticeFormatError } from '../notice-formats/notice-format.error.js';
import { readNotice } from '../notice-formats/read-notice.js';
import { type CliIo, runIfEntry } from './cli-io.js';
import { readOptions } from './cli-options.js';
import { exportLedgerToFile, importPlanToDatabase, listPlans } from './plan-db.js';
import { runAssessDocument, runBulletinDocument } from './plan-documents.js';
import { configurePlanSettings } from './plan-settings-cli.js';

/** A subcommand: takes its own arguments, returns the process exit code. */
type Subcommand = (args: string[], io: CliIo, env: NodeJS.ProcessEnv) => Promise<number>;

/**
 * Exit codes: 0 done, 1 the input is malformed, 2 usage error, a file that cannot be read, no
 * MONGODB_URI, or no single plan to work on; 3 the chat is bound to another plan (or the plan to
 * another chat), or the plan's settings were changed at the same moment.
 */
const EXIT = { ok: 0, malformed: 1, usage: 2 } as const;

const USAGE = [
  '用法（usage）：',
  '  npm run plan -- parse <通知文件（.txt/.docx/.pdf/.html/.xlsx）> [--overlay <覆盖文件.json>]',
  '    解析整改方案通知（文本、Word、文字版 PDF、网页或 Excel 任务清单），输出 JSON（parse a notice and print the plan as JSON）',
  '  npm run plan -- import <通知文件（.txt/.docx/.pdf/.html/.xlsx）> [--overlay <覆盖文件.json>] [--chat <oc_群ID>]',
  '    导入或更新方案到 MONGODB_URI 所指数据库；--chat 将方案绑定到该群，已绑定其他方案的群拒绝绑定',
  '    （store the plan, idempotent; --chat binds it to the chat, refused when the chat serves another plan）',
  '  npm run plan -- list',
  '    以 JSON 列出全部方案、所绑定的群、事项数和状态（print every plan with its chats, tasks and status）',
  '  npm run plan -- export <台账.xlsx> [--plan <方案文号>]',
  '    导出整改台账；库中有多个方案时须用 --plan 指定（write the ledger; --plan is needed when several plans are stored）',
  '  npm run plan -- settings [--plan <方案文号>] [名称=值 …]',
  '    查看或修改方案自己的周期设置，同 /设置（如 提醒日=20,23 进展提醒时间=15:30 滞后阈值=20；值为“默认”恢复部署的设置）',
  "    （show, or set as /设置 does, a plan's own cycle settings; prints the settings in effect as JSON）",
  '  npm run plan -- bulletin <YYYY-MM> --out <通报.docx> [--plan <方案文号>]',
  '  npm run plan -- assess <YYYY> --out <考核.docx> [--plan <方案文号>]',
  '    按 GB/T 9704-2012 公文格式写出某月通报或年度综合考核结果通报；未设置 MONGODB_URI 时按 PLAN_FILE 方案、无任何报送预览',
  "    （write the month's bulletin or the year's assessment as an official .docx; without MONGODB_URI a preview",
  '    from the PLAN_FILE notice with no reports）',
].join('\n');

/** The subcommands by name. */
const SUBCOMMANDS: Record<string, Subcommand> = {
  settings: runSettings,
  parse: runParse,
  import: runImport,
  list: runList,
  export: runExport,
  bulletin: runBulletinDocument,
  assess: runAssessDocument,
};

/** Runs `plan <subcommand> …` and returns the exit code; `env` is where MONGODB_URI and BOT_NOW are read. */
export async function runPlanCli(
  argv: string[],
  io: CliIo,
  env: NodeJS.ProcessEnv = process.env,
): Promise<number> {
  const [name, ...args] = argv;
  const subcommand = name === undefined || !Object.hasOwn(SUBCOMMANDS, name) ? undefined : SUBCOMMANDS[name];
  if (!subcommand) {
    io.err(name === undefined ? USAGE : `未知子命令：${name}（unknown subcommand）\n${USAGE}`);
    return EXIT.usage;
  }
  return subcommand(args, io, env);
}

async function runParse(args: string[], io: CliIo): Promise<number> {
  const options = readOptions(args, ['--overlay']);
  if (typeof options === 'string') return usageError(options, io);
  if (options.positional.length !== 1)
    return usageError('应给出一个通知文件（expected exactly one notice file）', io);
  try {
    const plan = await loadPlan(options.positional[0]!, options.values['--overlay']);
    for (const warning of plan.warnings ?? []) io.err(`提示（warning）：${warning}`);
    io.out(`${JSON.stringify(plan, null, 2)}\n`);
    return EXIT.ok;
  } catch (error) {
    return reportFailure(error, io);
  }
}

async function runImport(args: string[], io: CliIo, env: NodeJS.ProcessEnv): Promise<number> {
  const options = readOptions(args, ['--overlay', '--chat']);
  if (typeof options === 'string') return usageError(options, io);
  if (options.positional.length !== 1)
    return usageError('应给出一个通知文件（expected exactly one notice file）', io);
  const chat = options.values['--chat'];
  if (chat !== undefined && !CHAT_ID.test(chat))
    return usageError(`群 ID 应以 oc_ 开头：${chat}（a chat id starts with oc_）`, io);
  const file = options.positional[0]!;
  try {
    const plan = await loadPlan(file, options.values['--overlay']);
    return await importPlanToDatabase(plan, file, io, { env, ...(chat !== undefined && { chat }) });
  } catch (error) {
    return reportFailure(error, io);
  }
}

async function runSettings(args: string[], io: CliIo, env: NodeJS.ProcessEnv): Promise<number> {
  const options = readOptions(args, ['--plan']);
  if (typeof options === 'string') return usageError(options, io);
  const plan = options.values['--plan'];
  return configurePlanSettings(options.positional, io, { env, ...(plan !== undefined && { plan }) });
}

async function runList(args: string[], io: CliIo, env: NodeJS.ProcessEnv): Promise<number> {
  const options = readOptions(args, []);
  if (typeof options === 'string') return usageError(options, io);
  if (options.positional.length > 0)
    return usageError(`list 不接受参数：${options.positional.join(' ')}（list takes no arguments）`, io);
  return listPlans(io, env);
}

async function runExport(args: string[], io: CliIo, env: NodeJS.ProcessEnv): Promise<number> {
  const options = readOptions(args, ['--plan']);
  if (typeof options === 'string') return usageError(options, io);
  const [out, ...rest] = options.positional;
  if (!out || rest.length > 0 || !out.endsWith('.xlsx'))
    return usageError('应给出一个 .xlsx 输出文件（expected one .xlsx output file）', io);
  const plan = options.values['--plan'];
  return exportLedgerToFile(out, io, { env, ...(plan !== undefined && { plan }) });
}

/** A Lark group's open chat id. */
const CHAT_ID = /^oc_[0-9A-Za-z_-]+$/;

function usageError(message: string, io: CliIo): number {
  io.err(`${message}\n${USAGE}`);
  return EXIT.usage;
}

async function loadPlan(file: string, overlayFile: string | undefined): Promise<Plan> {
  const plan = await readNotice(await readBytes(file), basename(file));
  if (overlayFile === undefined) return plan;
  const overlay = parsePlanOverlay(parseJson(await readText(overlayFile), overlayFile));
  return applyOverlay(plan, overlay);
}

/** A file the CLI cannot read: usage-level failure (exit 2), not a malformed notice. */
class UnreadableFileError extends Error {}

async function readText(file: string): Promise<string> {
  return (await readBytes(file)).toString('utf8');
}

async function readBytes(file: string): Promise<Buffer> {
  try {
    return await readFile(resolve(file));
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
  if (
    error instanceof NoticeParseError ||
    error instanceof NoticeFormatError ||
    error instanceof PlanOverlayError
  ) {
    io.err(error.message);
    return EXIT.malformed;
  }
  throw error;
}

await runIfEntry(import.meta.url, (argv, io) => runPlanCli(argv, io));
