import { defaults } from '../../config/defaults.js';
import { readHolidayOverrides } from '../../config/holidays.js';
import { loadPlanFile } from '../app/load-plan-file.js';
import { createWorkdayCalendar } from '../domain/calendar/workday-calendar.js';
import { atLocal, local } from '../domain/clock.js';
import { resolveCycleSettings } from '../domain/schedule/cycle-settings.js';
import type { Task } from '../domain/tasks/task.js';
import { connectMongo, disconnectMongo } from '../persistence/mongo.js';
import { createStorage } from '../persistence/repositories/index.js';
import { DEFAULT_POST_TIMES } from '../supervision/post-kinds.js';
import { previewSchedule } from '../supervision/preview.js';

const USAGE = `用法（usage）：npm run schedule -- preview --from 2023-05-01 --to 2023-06-30 [--plan <方案文号>]
  列出区间内全部自动推送和逾期黄牌（数据来自 MONGODB_URI：默认每个已绑定群的在办方案，--plan 只列一个；
  未设置时来自 PLAN_FILE 方案，视所有事项为未完成）`;

type PreviewTask = Pick<Task, 'code' | 'deadline' | 'state' | 'leadUnits'>;

/** One plan's report day and tasks, as the preview needs them. */
interface PlanTasks {
  planId: string;
  reportDay: number;
  tasks: PreviewTask[];
}

/**
 * The plans to preview: from the database when MONGODB_URI is set (the one named by `--plan`, else
 * every active plan served in a group: the ones whose posts the scheduler makes), else the notice file.
 */
async function loadPlans(wanted: string | undefined): Promise<{ plans: PlanTasks[]; source: string }> {
  const uri = process.env.MONGODB_URI;
  if (!uri) {
    const file = process.env.PLAN_FILE ?? defaults.planFile;
    const plan = loadPlanFile(file, process.env.PLAN_OVERLAY);
    if (wanted !== undefined && wanted !== plan.docNo)
      throw new Error(`${file} 的文号是 ${plan.docNo}，不是 ${wanted}（the notice is another plan）`);
    const tasks = plan.indicators.flatMap((i) =>
      i.tasks.map((t) => ({
        code: t.code,
        deadline: t.deadline,
        state: 'open' as const,
        leadUnits: t.leadUnits ?? i.leadUnits,
      })),
    );
    return { plans: [{ planId: plan.docNo, reportDay: plan.reportDay, tasks }], source: file };
  }
  const connection = await connectMongo(uri);
  try {
    const storage = createStorage(connection);
    const all = await storage.catalog.list();
    const chosen =
      wanted === undefined
        ? all.filter((p) => p.status === 'active' && p.chats.length > 0)
        : all.filter((p) => p.planId === wanted);
    if (wanted !== undefined && chosen.length === 0)
      throw new Error(
        `没有方案 ${wanted}（unknown plan）；现有：${all.map((p) => p.planId).join('、') || '无'}`,
      );
    const plans: PlanTasks[] = [];
    for (const plan of chosen)
      plans.push({
        planId: plan.planId,
        reportDay: plan.reportDay,
        tasks: await storage.forPlan(plan.planId).tasks.list(plan.planId),
      });
    return { plans, source: 'MONGODB_URI' };
  } finally {
    await disconnectMongo(connection);
  }
}

function option(args: string[], name: string): string | undefined {
  const i = args.indexOf(name);
  return i >= 0 ? args[i + 1] : undefined;
}

async function main(argv: string[]): Promise<number> {
  const [command, ...args] = argv;
  const from = option(args, '--from');
  const to = option(args, '--to');
  if (
    command !== 'preview' ||
    !from ||
    !to ||
    !/^\d{4}-\d{2}-\d{2}$/.test(from) ||
    !/^\d{4}-\d{2}-\d{2}$/.test(to) ||
    from > to
  ) {
    console.error(USAGE);
    return 2;
  }
  const wanted = option(args, '--plan');
  if (args.includes('--plan') && !wanted) {
    console.error(USAGE);
    return 2;
  }
  let loaded: Awaited<ReturnType<typeof loadPlans>>;
  try {
    loaded = await loadPlans(wanted);
  } catch (error) {
    console.error(error instanceof Error ? error.message : String(error));
    return 2;
  }
  const calendar = createWorkdayCalendar(readHolidayOverrides());
  let count = 0;
  for (const { planId, reportDay, tasks } of loaded.plans) {
    const lines = previewSchedule({
      from: atLocal(`${from} 00:00`),
      to: atLocal(
        `${local(atLocal(`${to} 00:00`))
          .add(1, 'day')
          .format('YYYY-MM-DD')} 00:00`,
      ),
      reportDay,
      calendar,
      cycle: resolveCycleSettings(),
      times: DEFAULT_POST_TIMES,
      tasks,
    });
    // One block per plan, each line tab-separated: time, kind, what it does, plan.
    for (const line of lines)
      process.stdout.write(
        `${local(line.at).format('YYYY-MM-DD HH:mm')}\t${line.kind}\t${line.about}\t${planId}\n`,
      );
    count += lines.length;
  }
  console.error(`共 ${count} 条，${loaded.plans.length} 个方案（${loaded.source}）`);
  return 0;
}

process.exitCode = await main(process.argv.slice(2));
