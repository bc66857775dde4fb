import { planName, type StoredPlan } from '../domain/plan/stored-plan.js';
import { button, buttonRow, type Card, card, markdown } from './card.js';
import { COLOUR } from './colours.js';
import { escapeMd, shorten } from './markdown.js';

/** Longest command a choice button carries back (a button value is small; the typed text is re-sent). */
const MAX_COMMAND_CHARS = 500;

/**
 * The answer to a direct message from a member of several plans that names none: one button per
 * plan, each sending the same text with the plan's short name first, as if typed `审计整改 /逾期`.
 */
export function renderChoosePlanCard(plans: StoredPlan[], text: string): Card {
  const typed = text.slice(0, MAX_COMMAND_CHARS);
  const lines = plans.map(
    (p) =>
      `- **${escapeMd(planName(p))}**：${escapeMd(shorten(p.title, 40))}${p.status === 'archived' ? '（已结案）' : ''}`,
  );
  return card({
    title: '请选择整改方案',
    subtitle: '您参与多个整改方案',
    template: COLOUR.info,
    elements: [
      markdown(
        `您参与以下 ${plans.length} 个整改方案，请选择本条指令针对哪一个：\n${lines.join('\n')}\n\n也可以在指令前加上方案简称，例如：${escapeMd(`${planName(plans[0] as StoredPlan)} /逾期`)}`,
      ),
      buttonRow(
        plans.map((p) =>
          button({ text: planName(p), type: 'primary', value: { command: `${planName(p)} ${typed}` } }),
        ),
      ),
    ],
  });
}
