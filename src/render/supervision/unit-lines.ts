import type { UnitMissing } from '../../domain/queries/reporting-status.js';
import { escapeMd, grey, headline, mention } from '../markdown.js';

/** Members @-mentioned per unit; a unit has a handful, this only guards the card size. */
const MAX_MENTIONS = 20;
/** Missing tasks named per unit line; the count says how many more there are. */
const MAX_TASKS_PER_UNIT = 8;

/**
 * A task code for markdown: codes are `6.1`; anything else is dropped so a code cannot format.
 * Not `escapeMd`, which would turn a line-leading `6.1` into `6&#46;1` (a list-marker guard).
 */
export function codeMd(code: string): string {
  return code.replace(/[^0-9A-Za-z.]/g, '');
}

/** `<at id=ou_a></at> <at id=ou_b></at>`, or a grey `（未绑定联络员）` when nobody is bound. */
export function mentionMembers(openIds: string[]): string {
  const ats = [...new Set(openIds)].map(mention).filter(Boolean);
  if (ats.length === 0) return grey('（未绑定联络员）');
  const shown = ats.slice(0, MAX_MENTIONS).join(' ');
  return ats.length > MAX_MENTIONS ? `${shown} ${grey(`等 ${ats.length} 人`)}` : shown;
}

/** `6.1 涉税事项网上办理率较低；6.2 …等 12 项`, escaped for markdown unless `text` says otherwise. */
export function missingTasks(tasks: UnitMissing['tasks'], text: (s: string) => string = escapeMd): string {
  const named = tasks
    .slice(0, MAX_TASKS_PER_UNIT)
    .map((t) => `${codeMd(t.code)} ${text(headline(t.problem, 20))}`);
  const more = tasks.length > MAX_TASKS_PER_UNIT ? ` 等 ${tasks.length} 项` : '';
  return `${named.join('；')}${more}`;
}

/** One list line per unit: name, @-mentions, then the tasks it has not reported. */
export function missingUnitLine(entry: UnitMissing, openIds: string[]): string {
  return `- **${escapeMd(entry.unit)}** ${mentionMembers(openIds)}：${missingTasks(entry.tasks)}`;
}

/** `2023-05-25` → `5月25日`. */
export function dayLabel(day: string): string {
  const [, month, date] = day.split('-');
  return `${Number(month)}月${Number(date)}日`;
}

/** `共 3 张：Y7K3Q、M4T2P…`: yellow card ids, capped so a mass issue cannot fill the card. */
export function warningIdList(ids: string[], max = 30): string {
  const shown = ids.slice(0, max).map(escapeMd).join('、');
  return ids.length > max ? `${shown} 等 ${ids.length} 张` : shown;
}
