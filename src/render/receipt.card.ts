import type { Report } from '../domain/reports/report.js';
import type { SimilarReport } from '../domain/reports/report-similarity.js';
import type { Task } from '../domain/tasks/task.js';
import { STATE_LABEL } from '../domain/tasks/task-labels.js';
import {
  type ButtonType,
  button,
  buttonRow,
  type Card,
  type CardElement,
  card,
  type FormElement,
  type HeaderColour,
  markdown,
  signoffForm,
} from './card.js';
import { COLOUR } from './colours.js';
import { fitCard } from './fit.js';
import { formatPercent, formatTarget, meetsTarget, withUnit } from './format.js';
import { escapeMd, green, grey, headline, mention, red } from './markdown.js';
import { userText } from './user-text.js';

/** Colour of each kind of action result, by what it means to the group. */
export const ACTION_COLOUR = {
  signoffRequested: COLOUR.pending,
  approved: COLOUR.done,
  returned: COLOUR.attention,
  extended: COLOUR.info,
  warningIssued: COLOUR.attention,
  revoked: COLOUR.done,
  bound: COLOUR.info,
  unbound: COLOUR.info,
} as const satisfies Record<string, HeaderColour>;

function kpiLine(task: Task, report: Report): string | undefined {
  const kpi = task.kpi;
  if (!kpi) return undefined;
  const value = report.kpiValues[0]?.value;
  if (value === undefined) {
    return grey(`可在进展中附上指标值，例如：${escapeMd(kpi.name)}=${withUnit(kpi.target, kpi.unit)}`);
  }
  const verdict = meetsTarget(kpi, value) ? green('已达标') : red('未达标');
  return `**${escapeMd(kpi.name)}**：${withUnit(value, kpi.unit)}（目标 ${formatTarget(kpi)}，基线 ${withUnit(kpi.baseline, kpi.unit)}）· ${verdict}`;
}

/** The reply to `/进展`: what was recorded, green; a re-delivered message says nothing new was stored. */
export function renderReportReceipt(input: {
  task: Task;
  report: Report;
  created: boolean;
  /** Set when the text reads like the unit's previous report on the task. */
  similar?: SimilarReport;
}): Card {
  const { task, report } = input;
  const lines = [
    `**事项**：${task.code} ${escapeMd(headline(task.problem))}`,
    `**进度**：${report.percent === undefined ? grey('未填写') : formatPercent(report.percent)}`,
    kpiLine(task, report),
    `**状态**：${STATE_LABEL[task.state]}`,
  ].filter((line): line is string => line !== undefined);
  const elements: CardElement[] = [
    markdown(lines.join('\n')),
    markdown(`**内容**：${escapeMd(report.text.trim())}`),
  ];
  if (input.similar) {
    const percent = Math.round(input.similar.similarity * 100);
    elements.push(
      markdown(
        `${red('与上月雷同')}：与 ${input.similar.previousPeriod} 的进展相似度 ${percent}%，将在月度通报中列出。请写明本月新的进展后重新报送。`,
      ),
    );
  }
  if (report.late) {
    elements.push(markdown(grey('已过该月报送日，本条记为补报（逾期报送），考核按补报计，不计缺报。')));
  }
  if (!input.created) elements.push(markdown(grey('这条消息此前已记录，本次未重复记录。')));
  if (report.percent === 100 && (task.state === 'open' || task.state === 'in_progress')) {
    elements.push(markdown('进度已达 100%，可填写完成情况说明申请销号：'), signoffForm(task.code));
  }
  return fitCard(
    card({
      title: `已记录 ${task.code} 的 ${report.period} 月进展${report.late ? '（补报）' : ''}`,
      template: COLOUR.done,
      elements,
    }),
  );
}

/** Longest line of an action result (a reason or note typed by someone); the task card has the rest. */
const MAX_LINE_CHARS = 300;

/** One line of an action result: plain text, or a bold label with a value; both are escaped. */
export type ResultLine = string | { label: string; value: string };

/**
 * A short result card (sign-off requested, approved, returned, extended, warning issued, revoked,
 * bound, unbound). Lines are user text and get escaped; `mentions` @-mentions people to act;
 * `buttons` offer the next command (e.g. the office's `/销号 6.1`).
 */
export function renderActionResult(input: {
  title: string;
  lines: ResultLine[];
  template: HeaderColour;
  mentions?: string[];
  buttons?: { text: string; command: string; type?: ButtonType }[];
  /** A form after the buttons (e.g. 退回 with its reason). */
  form?: FormElement;
  hint?: string;
}): Card {
  const text = input.lines.map((line) =>
    typeof line === 'string'
      ? userText(line, 'markdown', MAX_LINE_CHARS)
      : `**${escapeMd(line.label)}**：${userText(line.value, 'markdown', MAX_LINE_CHARS)}`,
  );
  const at = (input.mentions ?? []).map(mention).join(' ');
  if (at) text.push(`请 ${at} 处理`);
  const elements: CardElement[] = text.length ? [markdown(text.join('\n'))] : [];
  if (input.buttons?.length) {
    elements.push(
      buttonRow(
        input.buttons.map((b) => button({ text: b.text, type: b.type, value: { command: b.command } })),
      ),
    );
  }
  if (input.form) elements.push(input.form);
  if (input.hint) elements.push(markdown(grey(escapeMd(input.hint))));
  return fitCard(card({ title: input.title, template: input.template, elements }));
}
