import { defaults } from '../../config/defaults.js';
import { readHolidayOverrides } from '../../config/holidays.js';
import { loadPlanFile } from '../app/load-plan-file.js';
import { createWorkdayCalendar } from '../domain/calendar/workday-calendar.js';
import { atLocal, local } from '../domain/clock.js';
import type { PlanSettings } from '../domain/plan/plan-settings.js';
import type { StoredPlan } from '../domain/plan/stored-plan.js';
import type { RollupGroup } from '../domain/ports.js';
import type { Task } from '../domain/tasks/task.js';
import { connectMongo, disconnectMongo } from '../persistence/mongo.js';
import { createStorage } from '../persistence/repositories/index.js';
import { effectiveSettings } from '../supervision/plan-settings.js';
import { previewSchedule } from '../supervision/preview.js';
import { rollupTenantId } from '../supervision/supervision-deps.js';
import { type CliIo, runIfEntry } from './cli-io.js';
import { readPostSettings } from './post-settings-env.js';

const USAGE = [
  '用法（usage）：npm run schedule -- preview --from 2023-05-01 --to 2023-06-30 [--plan <方案文号>]',
  '  按方案逐行列出区间内全部自动推送和逾期黄牌（时间⇥类别⇥内容⇥方案）；默认为每个已绑定群的在办方案和每个汇总群',
  '  （方案列为 rollup:<群ID>），--plan 只列该方案',
  '  （every automatic post and overdue card in the range, one line each: time, kind, what, plan; by default',
  '  for each active plan served in a chat and each roll-up group (plan column rollup:<chat>), or only the plan named by --plan）',
  '  时间、提醒日和 POSTS_OFF 取自环境变量（同 worker），各方案再按其 /设置',
  '  （times, days and POSTS_OFF from the environment as the worker reads them, then each plan’s own /设置）',
  '  数据来自 MONGODB_URI；未设置时来自 PLAN_FILE 方案，视所有事项为未完成',
  '  （from MONGODB_URI; without it from the PLAN_FILE notice, every task taken as open）',
].join('\n');

type PreviewTask = Pick<Task, 'code' | 'deadline' | 'state' | 'leadUnits'>;

/** One plan to preview: its id, report day and tasks, and a note when the worker posts nothing for it. */
interface PreviewPlan {
  planId: string;
  reportDay: number;
  tasks: PreviewTask[];
  /** Why the worker makes none of these posts (archived, or in no group); unset when it does. */
  silent?: string;
  /** Whose posts these are: a plan's (unset), or a roll-up group's (汇总群: its roll-up bulletin). */
  target?: 'rollup';
  /** The plan's own cycle settings (`/设置`) over the deployment's. */
  own?: PlanSettings;
}

/** Thrown for a plan that cannot be previewed: the message goes to stderr, exit 2. */
class NoPlanError extends Error {}

/** The notice file's plan (no database): every task taken as open. */
async function planFromFile(env: NodeJS.ProcessEnv, wanted: string | undefined): Promise<PreviewPlan[]> {
  const file = env.PLAN_FILE ?? defaults.planFile;
  const plan = await loadPlanFile(file, env.PLAN_OVERLAY);
  if (wanted !== undefined && wanted !== plan.docNo)
    throw new NoPlanError(
      `方案文件 ${file} 是 ${plan.docNo}，不是 ${wanted}（the notice file holds another plan）`,
    );
  const tasks = plan.indicators.flatMap((i) =>
    i.tasks.map((t) => ({
      code: t.code,
      deadline: t.deadline,
      state: 'open' as const,
      leadUnits: t.leadUnits ?? i.leadUnits,
    })),
  );
  return [{ planId: plan.docNo, reportDay: plan.reportDay, tasks }];
}

/**
 * The plans whose posts the worker makes (active, served in a group; posts go to the first group),
 * or the one named: read from the database, nothing written.
 */
async function plansFromDatabase(uri: string, wanted: string | undefined): Promise<PreviewPlan[]> {
  const connection = await connectMongo(uri);
  try {
    const storage = createStorage(connection);
    const all = await storage.catalog.list();
    let chosen: StoredPlan[];
    if (wanted !== undefined) {
      const plan = all.find((p) => p.planId === wanted);
      if (!plan)
        throw new NoPlanError(
          [
            `没有方案 ${wanted}（unknown plan）。现有方案（plans）：`,
            ...all.map((p) => `  ${p.planId}  ${p.title}`),
          ].join('\n'),
        );
      chosen = [plan];
    } else {
      chosen = all.filter(postsOf);
    }
    const plans: PreviewPlan[] = [];
    for (const plan of chosen) {
      const silent = silenceOf(plan);
      plans.push({
        planId: plan.planId,
        reportDay: plan.reportDay,
        tasks: await storage.forPlan(plan.planId).tasks.list(plan.planId),
        ...(silent !== undefined && { silent }),
        ...(plan.settings && { own: plan.settings }),
      });
    }
    if (wanted === undefined) plans.push(...rollupsOf(await storage.catalog.listRollups(), all));
    return plans;
  } finally {
    await disconnectMongo(connection);
  }
}

/** Whether the worker makes a plan's posts: active and served in a group. */
const postsOf = (plan: StoredPlan): boolean => plan.status === 'active' && plan.chats.length > 0;

/** Each roll-up group whose plans post, on the latest report day among them (its roll-up bulletin). */
function rollupsOf(groups: RollupGroup[], all: StoredPlan[]): PreviewPlan[] {
  return groups.flatMap((group) => {
    const days = all.filter((p) => group.planIds.includes(p.planId) && postsOf(p)).map((p) => p.reportDay);
    if (days.length === 0) return [];
    const planId = rollupTenantId(group.chatId);
    return [{ planId, reportDay: Math.max(...days), tasks: [], target: 'rollup' as const }];
  });
}

/** Why the worker posts nothing for a plan, if it does not. */
function silenceOf(plan: StoredPlan): string | undefined {
  if (plan.status === 'archived') return '已结案，不再推送（archived: nothing is posted）';
  if (plan.chats.length === 0) return '未绑定群，不会推送（in no chat: nothing is posted）';
  return undefined;
}

/** The options of `preview`; a message when they are wrong. */
function readArgs(argv: string[]): { from: string; to: string; plan?: string } | string {
  const [command, ...args] = argv;
  if (command !== 'preview')
    return command === undefined ? '' : `未知子命令：${command}（unknown subcommand）`;
  const values: Record<string, string> = {};
  for (let i = 0; i < args.length; i += 2) {
    const name = args[i]!;
    const value = args[i + 1];
    if (!['--from', '--to', '--plan'].includes(name)) return `未知参数：${name}（unknown argument）`;
    if (value === undefined || value.startsWith('--')) return `${name} 缺少值（${name} needs a value）`;
    if (values[name] !== undefined) return `${name} 只能给一次（${name} given twice）`;
    values[name] = value;
  }
  const { '--from': from, '--to': to, '--plan': plan } = values;
  if (!from || !to) return '应给出 --from 和 --to（--from and --to are required）';
  for (const day of [from, to])
    if (!/^\d{4}-\d{2}-\d{2}$/.test(day) || local(atLocal(`${day} 00:00`)).format('YYYY-MM-DD') !== day)
      return `日期应为 YYYY-MM-DD：${day}（expected a date YYYY-MM-DD）`;
  if (from > to) return `--from 晚于 --to（--from is after --to）`;
  return { from, to, ...(plan !== undefined && { plan }) };
}

/**
 * `schedule preview --from d --to d [--plan p]`: one block of lines per plan, each line
 * `YYYY-MM-DD HH:mm<TAB>kind<TAB>what it does<TAB>planId`; the count on stderr. Returns the exit
 * code: 0 done, 2 usage error or unknown plan.
 */
export async function runScheduleCli(
  argv: string[],
  io: CliIo,
  env: NodeJS.ProcessEnv = process.env,
): Promise<number> {
  const args = readArgs(argv);
  if (typeof args === 'string') {
    io.err(args ? `${args}\n${USAGE}` : USAGE);
    return 2;
  }
  let plans: PreviewPlan[];
  try {
    plans = env.MONGODB_URI
      ? await plansFromDatabase(env.MONGODB_URI, args.plan)
      : await planFromFile(env, args.plan);
  } catch (error) {
    if (!(error instanceof NoPlanError)) throw error;
    io.err(error.message);
    return 2;
  }
  const base = readPostSettings(env);
  if (typeof base === 'string') {
    io.err(base);
    return 2;
  }
  const calendar = createWorkdayCalendar(readHolidayOverrides());
  const from = atLocal(`${args.from} 00:00`);
  const to = atLocal(
    `${local(atLocal(`${args.to} 00:00`))
      .add(1, 'day')
      .format('YYYY-MM-DD')} 00:00`,
  );
  let count = 0;
  for (const plan of plans) {
    if (plan.silent) io.err(`提示（note）：方案 ${plan.planId} ${plan.silent}`);
    const { cycle, postTimes } = effectiveSettings(base, plan.own);
    const lines = previewSchedule({
      from,
      to,
      reportDay: plan.reportDay,
      calendar,
      cycle,
      times: postTimes,
      off: base.postsOff,
      ...(plan.target && { target: plan.target }),
      tasks: plan.tasks,
    });
    for (const line of lines)
      io.out(`${local(line.at).format('YYYY-MM-DD HH:mm')}\t${line.kind}\t${line.about}\t${plan.planId}\n`);
    count += lines.length;
  }
  const source = env.MONGODB_URI ? 'MONGODB_URI' : (env.PLAN_FILE ?? defaults.planFile);
  if (plans.length === 0)
    io.err(
      '没有已绑定群的在办方案，可用 --plan 指定（no active plan is served in a chat; name one with --plan）',
    );
  io.err(`共 ${count} 条，${plans.length} 个方案（${source}）`);
  return 0;
}

await runIfEntry(import.meta.url, (argv, io) => runScheduleCli(argv, io));
