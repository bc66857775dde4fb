import type { TaskDetail } from '../domain/queries/queries.service.js';
import { isOverdue, type Task } from '../domain/tasks/task.js';
import {
  button,
  buttonRow,
  type Card,
  type CardElement,
  card,
  commandForm,
  type HeaderColour,
  hr,
  markdown,
  signoffForm,
} from './card.js';
import { COLOUR } from './colours.js';
import { fitCard } from './fit.js';
import { escapeMd, headline, oneLine } from './markdown.js';
import { factsBlock, historyBlock, measuresBlock, reportsBlock, warningsBlock } from './task-sections.js';

function colourOf(task: Task, today: string): HeaderColour {
  if (isOverdue(task, today)) return COLOUR.alert;
  if (task.state === 'closed' || task.state === 'sustained') return COLOUR.done;
  if (task.state === 'pending_signoff') return COLOUR.pending;
  return COLOUR.info;
}

/** What can be done next: the unit's sign-off form, or the office's approve button and return form. */
function actions(task: Task): CardElement[] {
  if (task.state === 'open' || task.state === 'in_progress') {
    return [
      hr(),
      markdown('**申请销号**：整改完成后填写完成情况说明并提交，督办员审核后销号。'),
      signoffForm(task.code),
    ];
  }
  if (task.state !== 'pending_signoff') return [];
  return [
    hr(),
    markdown('**督办员审核**：同意请点“销号”；不同意请填写退回理由后点“退回”。'),
    buttonRow([button({ text: '销号', type: 'primary_filled', value: { command: `/销号 ${task.code}` } })]),
    commandForm({
      name: 'return_form',
      command: `/退回 ${task.code}`,
      placeholder: '退回理由（必填）',
      submitText: '退回',
      submitType: 'danger',
    }),
  ];
}

/** `/事项 6.1`: problem, measures, deadline, state, KPI, recent reports and yellow cards. */
export function renderTaskCard(detail: TaskDetail): Card {
  const { task } = detail;
  const optional = [historyBlock(task), warningsBlock(detail)].filter((b): b is string => b !== undefined);
  return fitCard(
    card({
      title: `${task.code} ${headline(task.problem)}`,
      subtitle: `${task.indicatorSeq} ${task.indicatorName} · ${task.leadUnits.join('、')}`,
      template: colourOf(task, detail.today),
      elements: [
        markdown(`**问题**：${escapeMd(oneLine(task.problem))}`),
        markdown(measuresBlock(task)),
        hr(),
        markdown(factsBlock(detail)),
        ...optional.map(markdown),
        hr(),
        markdown(reportsBlock(detail)),
        ...actions(task),
      ],
    }),
  );
}
