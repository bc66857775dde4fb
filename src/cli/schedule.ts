import { defaults } from '../../config/defaults.js';
import { readHolidayOverrides } from '../../config/holidays.js';
import { loadPlanFile } from '../app/load-plan-file.js';
import { createWorkdayCalendar } from '../domain/calendar/workday-calendar.js';
import { atLocal, local } from '../domain/clock.js';
import { resolveCycleSettings } from '../domain/schedule/cycle-settings.js';
import type { Task } from '../domain/tasks/task.js';
import { connectMongo, disconnectMongo } from '../persistence/mongo.js';
import { createRepositories } from '../persistence/repositories/index.js';
import { DEFAULT_POST_TIMES } from '../supervision/post-kinds.js';
import { previewSchedule } from '../supervision/preview.js';

const USAGE = `用法（usage）：npm run schedule -- preview --from 2023-05-01 --to 2023-06-30
  列出区间内全部自动推送和逾期黄牌（数据来自 MONGODB_URI；未设置时来自 PLAN_FILE 方案，视所有事项为未完成）`;

type PreviewTask = Pick<Task, 'code' | 'deadline' | 'state' | 'leadUnits'>;

/** The plan's report day and tasks: from the database when MONGODB_URI is set, else from the notice file. */
async function loadTasks(): Promise<{ reportDay: number; tasks: PreviewTask[]; source: string }> {
  const uri = process.env.MONGODB_URI;
  if (!uri) {
    const file = process.env.PLAN_FILE ?? defaults.planFile;
    const plan = loadPlanFile(file, process.env.PLAN_OVERLAY);
    const tasks = plan.indicators.flatMap((i) =>
      i.tasks.map((t) => ({
        code: t.code,
        deadline: t.deadline,
        state: 'open' as const,
        leadUnits: t.leadUnits ?? i.leadUnits,
      })),
    );
    return { reportDay: plan.reportDay, tasks, source: file };
  }
  const connection = await connectMongo(uri);
  try {
    const repos = createRepositories(connection);
    const plan = await repos.plans.current();
    if (!plan) throw new Error('数据库中没有整改方案（no plan in the database）');
    return { reportDay: plan.reportDay, tasks: await repos.tasks.list(plan.planId), source: 'MONGODB_URI' };
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
  const { reportDay, tasks, source } = await loadTasks();
  const lines = previewSchedule({
    from: atLocal(`${from} 00:00`),
    to: atLocal(
      `${local(atLocal(`${to} 00:00`))
        .add(1, 'day')
        .format('YYYY-MM-DD')} 00:00`,
    ),
    reportDay,
    calendar: createWorkdayCalendar(readHolidayOverrides()),
    cycle: resolveCycleSettings(),
    times: DEFAULT_POST_TIMES,
    tasks,
  });
  for (const line of lines)
    process.stdout.write(`${local(line.at).format('YYYY-MM-DD HH:mm')}\t${line.kind}\t${line.about}\n`);
  console.error(`共 ${lines.length} 条（${source}）`);
  return 0;
}

process.exitCode = await main(process.argv.slice(2));
