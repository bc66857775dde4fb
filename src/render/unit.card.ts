import type { UnitDetail } from '../domain/queries/queries.service.js';
import { compareTaskCodes } from '../domain/tasks/task-code.js';
import { WARNING_KIND_LABEL } from '../domain/warnings/warning.js';
import { type Card, card, markdown, type TableColumn, type TableRow, table } from './card.js';
import { COLOUR } from './colours.js';
import { fitCard } from './fit.js';
import { formatDeadline, formatPercent, formatStateMd } from './format.js';
import { escapeMd, green, grey, headline, red, shorten } from './markdown.js';

const COLUMNS: TableColumn[] = [
  { name: 'code', display_name: '编号', data_type: 'text', width: '80px' },
  { name: 'problem', display_name: '问题', data_type: 'lark_md', width: 'auto' },
  { name: 'state', display_name: '状态', data_type: 'lark_md', width: '140px' },
  { name: 'deadline', display_name: '时限', data_type: 'text', width: '110px' },
  { name: 'latest', display_name: '最新进度', data_type: 'text', width: '110px' },
  { name: 'month', display_name: '本月已报', data_type: 'lark_md', width: '90px' },
];

type UnitTask = UnitDetail['tasks'][number];

function row(entry: UnitTask, today: string): TableRow {
  const { task, latest } = entry;
  const month = entry.reportedThisMonth ? green('已报') : entry.owes ? red('未报') : grey('无需报送');
  return {
    code: task.code,
    problem: escapeMd(headline(task.problem, 16)),
    state: formatStateMd(task, today),
    deadline: formatDeadline(task),
    latest: latest ? `${latest.period} ${formatPercent(latest.percent)}` : '—',
    month,
  };
}

function warningLines(detail: UnitDetail): string {
  if (detail.warnings.length === 0) return `**黄牌警告**：${grey('暂无')}`;
  const lines = detail.warnings.map((w) => {
    const task = w.taskCode ? ` · ${w.taskCode}` : '';
    const revoked = w.revokedAt ? ` ${grey('（已撤销）')}` : '';
    return `- **${w.id}** ${WARNING_KIND_LABEL[w.kind]} · ${w.period}${task}：${escapeMd(shorten(w.reason, 60))}${revoked}`;
  });
  return [`**黄牌警告**（${detail.warnings.length} 张）`, ...lines].join('\n');
}

/** `/单位 税务局` and `/我的`: the unit's tasks with this month's report status, and its yellow cards. */
export function renderUnitCard(detail: UnitDetail, options: { title?: string } = {}): Card {
  const tasks = [...detail.tasks].sort((a, b) => compareTaskCodes(a.task.code, b.task.code));
  const owing = tasks.filter((t) => t.owes);
  const reported = owing.filter((t) => t.reportedThisMonth).length;
  const live = detail.warnings.filter((w) => !w.revokedAt).length;
  const body = tasks.length
    ? [table({ columns: COLUMNS, rows: tasks.map((t) => row(t, detail.today)) })]
    : [markdown('该单位暂无牵头或配合的整改事项。')];
  return fitCard(
    card({
      title: options.title ?? `${detail.unit} 整改事项`,
      subtitle: `共 ${tasks.length} 项 · ${detail.period} 已报 ${reported}/${owing.length} · 黄牌 ${live} 张`,
      template: COLOUR.info,
      elements: [
        ...body,
        markdown(warningLines(detail)),
        markdown(grey('报送进展：/进展 编号 进度% 进展情况；查看详情：/事项 编号')),
      ],
    }),
  );
}
