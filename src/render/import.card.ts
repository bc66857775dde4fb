import type { ImportSummary } from '../domain/plan/import-plan.js';
import type { Plan } from '../domain/plan/plan.js';
import type { StoredPlan } from '../domain/plan/stored-plan.js';
import { button, buttonRow, type Card, card, markdown } from './card.js';
import { COLOUR } from './colours.js';
import { escapeMd, grey, shorten } from './markdown.js';

/** Deadline months listed one by one before the rest are summed up. */
const MAX_DEADLINE_ROWS = 12;

/** Tasks by deadline month (`2023-06`), with 长期坚持 without a date last. */
function byDeadline(plan: Plan): string[] {
  const counts = new Map<string, number>();
  for (const task of plan.indicators.flatMap((i) => i.tasks)) {
    const month = task.deadline ? task.deadline.slice(0, 7) : '长期坚持';
    counts.set(month, (counts.get(month) ?? 0) + 1);
  }
  const rows = [...counts].sort(([a], [b]) =>
    a === '长期坚持' ? 1 : b === '长期坚持' ? -1 : a < b ? -1 : 1,
  );
  const shown = rows
    .slice(0, MAX_DEADLINE_ROWS)
    .map(([month, n]) => `${month} 前 ${n} 项`.replace('长期坚持 前', '长期坚持'));
  const rest = rows.slice(MAX_DEADLINE_ROWS).reduce((sum, [, n]) => sum + n, 0);
  return rest > 0 ? [...shown, `其后 ${rest} 项`] : shown;
}

/**
 * The preview of a notice file `/导入` read: 文号, title, report day, indicators, tasks by deadline,
 * units, the parser's notes; 确认导入 (re-reads the same file message) and 取消.
 */
export function renderImportPreview(input: {
  plan: Plan;
  fileName: string;
  fileMessageId: string;
  /** The stored plan of the same 文号, when this is a re-import. */
  existing: StoredPlan | null;
}): Card {
  const { plan, existing } = input;
  const tasks = plan.indicators.flatMap((i) => i.tasks);
  const units = [
    ...new Set(
      plan.indicators.flatMap((i) => [...i.leadUnits, ...i.tasks.flatMap((t) => t.leadUnits ?? [])]),
    ),
  ];
  const lines = [
    `**文件**：${escapeMd(shorten(input.fileName, 60))}`,
    `**文号**：${escapeMd(plan.docNo)}`,
    `**标题**：${escapeMd(plan.title)}`,
    `**报送截止**：每月 ${plan.reportDay} 日`,
    `**指标**：${plan.indicators.length} 项；**整改事项**：${tasks.length} 项`,
    `**整改时限**：${byDeadline(plan).join('，')}`,
    `**责任单位**（${units.length} 个）：${units.map(escapeMd).join('、')}`,
  ];
  const notes = plan.warnings ?? [];
  return card({
    title: existing ? '更新整改方案：请确认' : '导入整改方案：请确认',
    subtitle: plan.docNo,
    template: COLOUR.pending,
    elements: [
      markdown(lines.join('\n')),
      ...(notes.length > 0
        ? [markdown(`**解析提示**：\n${notes.map((n) => `- ${escapeMd(n)}`).join('\n')}`)]
        : []),
      markdown(
        grey(
          existing
            ? '本方案已导入过：确认后更新事项文字和时限（时限变更留痕），已有进展保留，通知中删去的事项标记为撤销。'
            : '确认后方案绑定本群，开始自动提醒、点名和通报；确认人成为本方案督办员。',
        ),
      ),
      buttonRow([
        button({
          text: '确认导入',
          type: 'primary',
          value: { command: `/导入 确认 ${input.fileMessageId}` },
        }),
        button({ text: '取消', type: 'default', value: { command: '/导入 取消' } }),
      ]),
    ],
  });
}

/** The answer to 确认导入. */
export function renderImportResult(input: {
  summary: ImportSummary;
  title: string;
  officeName: string;
  officeBound: boolean;
}): Card {
  const { summary } = input;
  const counts = [
    `新增 ${summary.created.length} 项`,
    `更新 ${summary.updated.length} 项`,
    `未变 ${summary.unchanged.length} 项`,
    ...(summary.withdrawn.length > 0
      ? [`撤销 ${summary.withdrawn.length} 项（${summary.withdrawn.join('、')}）`]
      : []),
  ];
  const changes = summary.deadlineChanges.map(
    (c) => `- ${c.code}：${c.from ?? '长期坚持'} → ${c.to ?? '长期坚持'}`,
  );
  return card({
    title: '整改方案已导入本群',
    subtitle: summary.planId,
    template: COLOUR.done,
    elements: [
      markdown(
        [
          escapeMd(input.title),
          counts.join('，'),
          ...(changes.length > 0 ? ['**时限变更**：', ...changes] : []),
          input.officeBound ? `${escapeMd(input.officeName)} 已成为本方案督办员。` : '',
          grey('发送 /方案 查看本群方案，/总览 查看进展。'),
        ]
          .filter((line) => line !== '')
          .join('\n'),
      ),
    ],
  });
}
