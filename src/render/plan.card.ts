import type { PlanSummary } from '../domain/plan/plan-admin.js';
import { planName, type StoredPlan } from '../domain/plan/stored-plan.js';
import type { Task, TaskState } from '../domain/tasks/task.js';
import { STATE_LABEL } from '../domain/tasks/task-labels.js';
import { type Card, card, markdown } from './card.js';
import { COLOUR } from './colours.js';
import { formatDay } from './format.js';
import { escapeMd, grey, headline } from './markdown.js';

const STATE_ORDER: readonly TaskState[] = ['open', 'in_progress', 'pending_signoff', 'closed', 'sustained'];

/** `/方案`: the group's plan, its groups and status, its tasks by state. */
export function renderPlanCard(summary: PlanSummary): Card {
  const { plan } = summary;
  const archived = plan.status === 'archived';
  const states = STATE_ORDER.filter((s) => summary.byState[s])
    .map((s) => `${STATE_LABEL[s]} ${summary.byState[s]}`)
    .join(' · ');
  const lines = [
    `**文号**：${escapeMd(plan.docNo)}`,
    `**简称**：${plan.shortName ? escapeMd(plan.shortName) : grey('未设置（私聊时可用文号代替）')}`,
    `**状态**：${archived ? `已结案${plan.archivedAt ? `（${formatDay(plan.archivedAt)}）` : ''}` : '督办中'}`,
    `**整改事项**：共 ${summary.tasks} 项${states ? `，${states}` : ''}`,
    `**报送截止**：每月 ${plan.reportDay} 日`,
    `**工作群**：${plan.chats.length} 个`,
  ];
  return card({
    title: `整改方案：${plan.title}`,
    subtitle: planName(plan),
    template: archived ? COLOUR.idle : COLOUR.info,
    elements: [
      markdown(lines.join('\n')),
      markdown(
        grey(
          archived
            ? '本方案已结案：自动提醒、点名和通报已停止，数据仍可查询。'
            : '督办员可发送 /方案 简称 审计整改 设置简称；全部事项销号后发送 /结案 结案。',
        ),
      ),
    ],
  });
}

/** Tasks listed before the rest are counted. */
const MAX_OPEN_ROWS = 20;

/** `/结案` while tasks are not signed off: nothing changed, and which tasks still are open. */
export function renderNotYetArchivable(open: Task[]): Card {
  const rows = open
    .slice(0, MAX_OPEN_ROWS)
    .map((t) => `- ${t.code} ${escapeMd(headline(t.problem))}（${STATE_LABEL[t.state]}）`);
  return card({
    title: '尚不能结案',
    subtitle: `还有 ${open.length} 项整改事项未销号`,
    template: COLOUR.attention,
    elements: [
      markdown(
        [
          `还有 ${open.length} 项整改事项未销号，全部销号（或长期坚持中）后才能结案：`,
          ...rows,
          ...(open.length > MAX_OPEN_ROWS ? [`- …… 另有 ${open.length - MAX_OPEN_ROWS} 项`] : []),
        ].join('\n'),
      ),
      markdown(grey('本次未作任何更改。')),
    ],
  });
}

/** The answer to a successful `/结案`. */
export function renderArchivedCard(plan: StoredPlan): Card {
  return card({
    title: '整改方案已结案',
    subtitle: planName(plan),
    template: COLOUR.done,
    elements: [
      markdown(
        `${escapeMd(plan.title)}\n全部整改事项已销号，方案已由 ${escapeMd(plan.archivedByName ?? '督办员')} 结案。自动提醒、点名和通报已停止，数据仍可查询。`,
      ),
    ],
  });
}
